import type { Db } from '../db/client.ts';
import { logAccess } from '../audit/log.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { check, hit, recordFailure, recordSuccess } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { needsTwoFactor } from '../auth/session-rules.ts';
import { createSession } from '../auth/sessions.ts';
import { knownDevice, rememberDevice } from '../auth/devices.ts';
import type { RequestContext } from './context.ts';
import { allRolesOf, findUserByEmail, normalizeEmail } from './queries.ts';

export type SignInResult =
  | { ok: true; token: string; next: 'resident' | 'two_factor' | 'two_factor_setup'; userId: string; deviceCookie: string }
  | { ok: false; reason: 'invalid' | 'unverified' }
  | { ok: false; reason: 'locked'; retryAfterMs: number };

/**
 * Guessing is slowed where it happens: failures in a row lock this account for this network, or
 * for this known device, with a growing delay. Another network or the owner's own device is not
 * locked by them. The hourly cap on failures per account (ASVS) holds for every unknown device.
 * Counter names hold the address; the table keeps only a keyed hash of them (rate-limit.ts).
 */
export async function signIn(db: Db, email: string, password: string, ctx: RequestContext, now = new Date()): Promise<SignInResult> {
  const byIp = await hit(db, `signin:ip:${ctx.ipPrefix ?? 'unknown'}`, limits.signInPerIp, now);
  if (!byIp.allowed) return { ok: false, reason: 'locked', retryAfterMs: byIp.retryAfterMs };
  const address = normalizeEmail(email);
  const user = await findUserByEmail(db, email);
  const device = user ? knownDevice(ctx.deviceCookie, user.id) : null;
  const run = device ? `signin:account:${address}:device:${device}` : `signin:account:${address}:net:${ctx.ipPrefix ?? 'unknown'}`;
  const hourly = `signin:account:${address}`;
  const verdicts = [await check(db, run, limits.signInFailuresPerAccount, now)];
  if (!device) verdicts.push(await check(db, hourly, limits.signInFailuresPerAccount, now));
  for (const v of verdicts) if (!v.allowed) return { ok: false, reason: 'locked', retryAfterMs: v.retryAfterMs };

  // verifyPassword spends the same time when there is no account or no password yet.
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid) {
    await recordFailure(db, run, limits.signInFailuresPerAccount, now);
    if (!device) await hit(db, hourly, limits.signInFailuresPerAccount, now);
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
  await recordSuccess(db, run);
  if (!user.emailVerifiedAt) return { ok: false, reason: 'unverified' };

  const { token } = await createSession(db, user.id, ctx, now);
  const roles = await allRolesOf(db, user);
  await logAccess(db, {
    actorId: user.id,
    actorRole: roles.join(','),
    subjectId: user.id,
    object: 'session',
    action: 'auth.sign_in',
    authority: 'self',
    ipPrefix: ctx.ipPrefix,
  });
  const next = !needsTwoFactor(roles) ? 'resident' : user.totpEnabledAt ? 'two_factor' : 'two_factor_setup';
  return { ok: true, token, next, userId: user.id, deviceCookie: rememberDevice(ctx.deviceCookie, user.id) };
}
