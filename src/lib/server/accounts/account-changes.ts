import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { invalidateUserSessions, markReauthenticated } from '../auth/sessions.ts';
import { queueMail } from '../mail/queue.ts';
import { accountMailStyle } from '../registrations/mails.ts';
import { mailLink, type RequestContext } from './context.ts';
import { findUserById, normalizeEmail } from './queries.ts';
import { consumeToken, issueToken, tokenData } from './user-tokens.ts';

type Actor = { userId: string; sessionId: string };

/** New password with the current one; other sessions end, this one stays. */
export async function changePassword(db: Db, actor: Actor, current: string, next: string, ctx: RequestContext): Promise<'ok' | 'wrong_password'> {
  const user = await findUserById(db, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, current))) return 'wrong_password';
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await invalidateUserSessions(tx, user.id, actor.sessionId);
    await markReauthenticated(tx, actor.sessionId);
    const style = await accountMailStyle(tx, user.id);
    await queueMail(tx, {
      to: user.email,
      lang: user.language,
      template: 'passwordChanged',
      values: { name: style.name, link: mailLink('/wachtwoord-vergeten', user.language) },
      discreet: style.discreet,
      region: style.region,
    });
    await logAccess(tx, {
      actorId: user.id,
      subjectId: user.id,
      object: 'account',
      action: 'auth.password_changed',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
  });
  return 'ok';
}

/**
 * Starts an e-mail change with the current password: a link goes to the new address, and the
 * address changes only when that link is used. "taken" is not told apart from "ok" to the person.
 */
export async function requestEmailChange(
  db: Db,
  actor: Actor,
  password: string,
  newEmail: string,
  ctx: RequestContext,
): Promise<'ok' | 'wrong_password' | 'throttled'> {
  const user = await findUserById(db, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) return 'wrong_password';
  const email = normalizeEmail(newEmail);
  // Each request mails the new address: limited per address and per network, like every mail.
  for (const [name, limit] of [
    [`mail:${email}`, limits.mailPerAddress],
    [`email-change:ip:${ctx.ipPrefix ?? 'unknown'}`, limits.requestsPerIp],
  ] as const) {
    if (!(await hit(db, name, limit)).allowed) return 'throttled';
  }
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), ne(users.id, user.id)));
  await db.transaction(async (tx) => {
    await logAccess(tx, {
      actorId: user.id,
      subjectId: user.id,
      object: 'account',
      action: 'auth.email_change_requested',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
    if (taken || email === user.email) return;
    const { token } = await issueToken(tx, user.id, 'email_change', { data: { email } });
    const style = await accountMailStyle(tx, user.id);
    await queueMail(tx, {
      to: email,
      lang: user.language,
      template: 'emailChangeConfirm',
      values: { name: style.name, link: mailLink(`/email-wijzigen/${token}`, user.language) },
      discreet: style.discreet,
      region: style.region,
    });
  });
  return 'ok';
}

/** Uses the link from the new address; the old address is told, without naming the new one. */
export async function confirmEmailChange(db: Db, token: string, ctx: RequestContext): Promise<boolean> {
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, token, 'email_change');
    const email = used ? tokenData(used).email : undefined;
    if (!used || !email) return false;
    const user = await findUserById(tx, used.userId);
    if (!user) return false;
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) return false;
    await tx.update(users).set({ email, emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
    const style = await accountMailStyle(tx, user.id);
    await queueMail(tx, {
      to: user.email,
      lang: user.language,
      template: 'emailChangedNotice',
      values: { name: style.name },
      discreet: style.discreet,
      region: style.region,
    });
    await logAccess(tx, {
      actorId: user.id,
      subjectId: user.id,
      object: 'account',
      action: 'auth.email_changed',
      authority: 'change_link',
      ipPrefix: ctx.ipPrefix,
    });
    return true;
  });
}
