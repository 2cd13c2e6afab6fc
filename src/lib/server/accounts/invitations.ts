import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users, type Role } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { isRecent } from '../auth/session-rules.ts';
import { queueMail } from '../mail/queue.ts';
import { mailLink, type RequestContext } from './context.ts';
import { findUserByEmail, findUserById, normalizeEmail } from './queries.ts';
import { consumeToken, issueToken, peekToken } from './user-tokens.ts';

export type Invitation = { email: string; name: string; roles: Role[]; organisation?: string | undefined; language: string };
export type InviteResult = { ok: true; userId: string } | { ok: false; reason: 'reauth' | 'exists' | 'throttled' };
type Admin = { id: string; reauthenticatedAt: Date | null };

/** An admin invites a partner or team member; the account has no password until the link is used. */
export async function inviteMember(db: Db, admin: Admin, invite: Invitation, ctx: RequestContext, now = new Date()): Promise<InviteResult> {
  // Giving someone access to other people's data is sensitive: a fresh proof of identity first.
  if (!isRecent(admin.reauthenticatedAt, now)) return { ok: false, reason: 'reauth' };
  const adminId = admin.id;
  const quota = await hit(db, `invite:${adminId}`, limits.invitationsPerAdmin);
  if (!quota.allowed) return { ok: false, reason: 'throttled' };
  const email = normalizeEmail(invite.email);
  const existing = await findUserByEmail(db, email);
  // An admin may see that an address is taken: they manage accounts, this is not a public form.
  if (existing?.passwordHash) return { ok: false, reason: 'exists' };
  return db.transaction(async (tx) => {
    const values = { email, name: invite.name, roles: invite.roles, organisation: invite.organisation ?? null, language: invite.language };
    const [user] = existing
      ? await tx.update(users).set(values).where(eq(users.id, existing.id)).returning()
      : await tx.insert(users).values(values).returning();
    const { token } = await issueToken(tx, user!.id, 'invitation');
    await queueMail(tx, {
      to: email,
      lang: invite.language,
      template: 'invitation',
      values: { name: invite.name, link: mailLink(`/uitnodiging/${token}`, invite.language) },
    });
    await logAccess(tx, {
      actorId: adminId,
      actorRole: 'admin',
      subjectId: user!.id,
      object: 'account',
      action: 'auth.invitation_sent',
      authority: 'role:admin',
      ipPrefix: ctx.ipPrefix,
      detail: { roles: invite.roles.join(',') },
    });
    return { ok: true as const, userId: user!.id };
  });
}

export async function invitationFor(db: Db, token: string) {
  const row = await peekToken(db, token, 'invitation');
  return row ? findUserById(db, row.userId) : null;
}

/** Sets the first password; the e-mail counts as confirmed because the link reached it. */
export async function acceptInvitation(db: Db, token: string, password: string, ctx: RequestContext): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const used = await consumeToken(tx, token, 'invitation');
    if (!used) return false;
    await tx.update(users).set({ passwordHash, emailVerifiedAt: new Date() }).where(eq(users.id, used.userId));
    await logAccess(tx, {
      actorId: used.userId,
      subjectId: used.userId,
      object: 'account',
      action: 'auth.invitation_accepted',
      authority: 'invitation',
      ipPrefix: ctx.ipPrefix,
    });
    return true;
  });
}
