import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { invalidateUserSessions } from '../auth/sessions.ts';
import { queueMail } from '../mail/queue.ts';
import { accountMailStyle } from '../registrations/mails.ts';
import { mailLink, type RequestContext } from './context.ts';
import { findUserByEmail, normalizeEmail } from './queries.ts';
import { consumeToken, issueToken } from './user-tokens.ts';

/** Always answers the same; only an existing, reachable account gets a link. */
export async function requestPasswordReset(db: Db, email: string, ctx: RequestContext): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
  const byIp = await hit(db, `reset:ip:${ctx.ipPrefix ?? 'unknown'}`, limits.requestsPerIp);
  if (!byIp.allowed) return { ok: false, retryAfterMs: byIp.retryAfterMs };
  const address = normalizeEmail(email);
  const quota = await hit(db, `mail:${address}`, limits.mailPerAddress);
  const user = quota.allowed ? await findUserByEmail(db, address) : null;
  if (user?.passwordHash) {
    await db.transaction(async (tx) => {
      const { token } = await issueToken(tx, user.id, 'password_reset');
      const style = await accountMailStyle(tx, user.id);
      await queueMail(tx, {
        to: user.email,
        lang: user.language,
        template: 'passwordReset',
        values: { name: style.name, link: mailLink(`/wachtwoord-herstellen/${token}`, user.language) },
        discreet: style.discreet,
        region: style.region,
      });
      await logAccess(tx, { subjectId: user.id, object: 'account', action: 'auth.password_reset_requested', authority: 'none', ipPrefix: ctx.ipPrefix });
    });
  }
  return { ok: true };
}

/** Sets the new password and ends every session: whoever knew the old one is out. */
export async function resetPassword(db: Db, token: string, password: string, ctx: RequestContext): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, token, 'password_reset');
    if (!used) return false;
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId)).returning();
    await invalidateUserSessions(tx, used.userId);
    const style = await accountMailStyle(tx, used.userId);
    await queueMail(tx, {
      to: user!.email,
      lang: user!.language,
      template: 'passwordChanged',
      values: { name: style.name, link: mailLink('/wachtwoord-vergeten', user!.language) },
      discreet: style.discreet,
      region: style.region,
    });
    await logAccess(tx, {
      actorId: used.userId,
      subjectId: used.userId,
      object: 'account',
      action: 'auth.password_reset',
      authority: 'reset_link',
      ipPrefix: ctx.ipPrefix,
    });
    return true;
  });
}
