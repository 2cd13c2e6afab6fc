import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { queueMail } from '../mail/queue.ts';
import { accountMailStyle } from '../registrations/mails.ts';
import { mailLink, type RequestContext } from './context.ts';
import { findUserByEmail, normalizeEmail } from './queries.ts';
import { consumeCode, consumeToken, issueToken } from './user-tokens.ts';

export type Throttled = { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * Makes a resident account and mails a confirmation code. The answer is the same whether the
 * address already has an account or not; an existing owner gets a "you already have an account" mail.
 */
export async function registerResident(db: Db, email: string, password: string, ctx: RequestContext): Promise<{ ok: true } | Throttled> {
  const address = normalizeEmail(email);
  const byIp = await hit(db, `register:ip:${ctx.ipPrefix ?? 'unknown'}`, limits.requestsPerIp);
  if (!byIp.allowed) return { ok: false, reason: 'throttled', retryAfterMs: byIp.retryAfterMs };
  const byAddress = await hit(db, `mail:${address}`, limits.mailPerAddress);
  // A full mailbox quota answers like success: the sender must not learn anything from it.
  if (!byAddress.allowed) return { ok: true };

  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, address);
    if (existing) {
      const style = await accountMailStyle(tx, existing.id);
      await queueMail(tx, {
        to: address,
        lang: existing.language,
        template: 'accountExists',
        values: { name: style.name, link: mailLink('/inloggen', existing.language) },
        discreet: style.discreet,
        region: style.region,
      });
      return;
    }
    const [user] = await tx
      .insert(users)
      .values({ email: address, passwordHash, roles: ['resident'], language: ctx.lang })
      .returning();
    await sendConfirmation(tx, user!.id, address, ctx.lang);
    await logAccess(tx, {
      actorId: user!.id,
      actorRole: 'resident',
      subjectId: user!.id,
      object: 'account',
      action: 'auth.account_created',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
  });
  return { ok: true };
}

async function sendConfirmation(db: Db, userId: string, email: string, lang: string) {
  const { token, code } = await issueToken(db, userId, 'email_confirmation', { withCode: true });
  const style = await accountMailStyle(db, userId);
  await queueMail(db, {
    to: email,
    lang,
    template: 'emailConfirmation',
    values: { name: style.name, code: code!, link: mailLink(`/account-bevestigen/${token}`, lang) },
    discreet: style.discreet,
    region: style.region,
  });
}

/** Sends a new code to an unconfirmed account; silent for anything else. */
export async function resendConfirmation(db: Db, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || user.emailVerifiedAt) return;
  const quota = await hit(db, `mail:${user.email}`, limits.mailPerAddress);
  if (quota.allowed) await sendConfirmation(db, user.id, user.email, user.language);
}

async function markVerified(db: Db, userId: string, ctx: RequestContext) {
  await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId));
  await logAccess(db, { actorId: userId, subjectId: userId, object: 'account', action: 'auth.email_confirmed', authority: 'self', ipPrefix: ctx.ipPrefix });
}

export async function confirmWithCode(
  db: Db,
  email: string,
  code: string,
  ctx: RequestContext,
): Promise<{ ok: true } | { ok: false; reason: 'invalid' } | Throttled> {
  const address = normalizeEmail(email);
  const attempts = await hit(db, `code:${address}`, limits.codePerAccount);
  if (!attempts.allowed) return { ok: false, reason: 'throttled', retryAfterMs: attempts.retryAfterMs };
  const user = await findUserByEmail(db, address);
  if (!user) return { ok: false, reason: 'invalid' };
  const used = await consumeCode(db, user.id, code, 'email_confirmation');
  if (!used) return { ok: false, reason: 'invalid' };
  await markVerified(db, user.id, ctx);
  return { ok: true };
}

export async function confirmWithToken(db: Db, token: string, ctx: RequestContext): Promise<boolean> {
  const used = await consumeToken(db, token, 'email_confirmation');
  if (!used) return false;
  await markVerified(db, used.userId, ctx);
  return true;
}
