import type { Db } from '../db/client.ts';
import { logAccess } from '../audit/log.ts';
import { hashToken } from '../auth/tokens.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { check, hit, recordFailure, recordSuccess } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { needsTwoFactor } from '../auth/session-rules.ts';
import { createSession } from '../auth/sessions.ts';
import type { RequestContext } from './context.ts';
import { findUserByEmail, normalizeEmail } from './queries.ts';

export type SignInResult =
  | { ok: true; token: string; next: 'resident' | 'two_factor' | 'two_factor_setup'; userId: string }
  | { ok: false; reason: 'invalid' | 'unverified' }
  | { ok: false; reason: 'locked'; retryAfterMs: number };

/** The account key hides the address: the rate-limit table must not list who has an account. */
const accountKey = (email: string) => `signin:account:${hashToken(normalizeEmail(email))}`;

export async function signIn(db: Db, email: string, password: string, ctx: RequestContext, now = new Date()): Promise<SignInResult> {
  const byIp = await hit(db, `signin:ip:${ctx.ipPrefix ?? 'unknown'}`, limits.signInPerIp, now);
  const byAccount = await check(db, accountKey(email), limits.signInFailuresPerAccount, now);
  for (const v of [byIp, byAccount]) if (!v.allowed) return { ok: false, reason: 'locked', retryAfterMs: v.retryAfterMs };

  const user = await findUserByEmail(db, email);
  // verifyPassword spends the same time when there is no account or no password yet.
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid) {
    await recordFailure(db, accountKey(email), limits.signInFailuresPerAccount, now);
    await logAccess(db, {
      actorId: null,
      subjectId: user?.id ?? null,
      object: 'account',
      action: 'auth.sign_in_failed',
      authority: 'none',
      ipPrefix: ctx.ipPrefix,
    });
    return { ok: false, reason: 'invalid' };
  }
  await recordSuccess(db, accountKey(email));
  if (!user.emailVerifiedAt) return { ok: false, reason: 'unverified' };

  const { token } = await createSession(db, user.id, ctx, now);
  await logAccess(db, {
    actorId: user.id,
    actorRole: user.roles.join(','),
    subjectId: user.id,
    object: 'session',
    action: 'auth.sign_in',
    authority: 'self',
    ipPrefix: ctx.ipPrefix,
  });
  const next = !needsTwoFactor(user.roles) ? 'resident' : user.totpEnabledAt ? 'two_factor' : 'two_factor_setup';
  return { ok: true, token, next, userId: user.id };
}
