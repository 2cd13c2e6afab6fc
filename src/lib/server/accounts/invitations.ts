import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { memberships, regions, users, type RegionRole } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { isRecent } from '../auth/session-rules.ts';
import { queueMail } from '../mail/queue.ts';
import { mailLink, type RequestContext } from './context.ts';
import { findUserByEmail, findUserById, normalizeEmail } from './queries.ts';
import { consumeToken, issueToken, peekToken } from './user-tokens.ts';

export type Invitation = { email: string; name: string; roles: RegionRole[]; organisation?: string | undefined; language: string };
export type InviteResult = { ok: true; userId: string; added?: true } | { ok: false; reason: 'reauth' | 'exists' | 'throttled' };
/** Who invites: a region's admin, or landelijk beheer inviting a region's first admin (`role`, for the log). */
type Admin = { id: string; reauthenticatedAt: Date | null; role?: 'admin' | 'platform' };

const roleRows = (userId: string, regionId: string, roles: readonly RegionRole[]) => roles.map((role) => ({ userId, regionId, role }));

/**
 * An admin invites a partner or team member into their region; the account has no password until
 * the link is used. Someone who already has an account (working in another region) gets the roles
 * in this region added: they sign in as they always do and switch region.
 */
export async function inviteMember(db: Db, admin: Admin, regionId: string, invite: Invitation, ctx: RequestContext, now = new Date()): Promise<InviteResult> {
  // Giving someone access to other people's data is sensitive: a fresh proof of identity first.
  if (!isRecent(admin.reauthenticatedAt, now)) return { ok: false, reason: 'reauth' };
  const adminId = admin.id;
  const actorRole = admin.role ?? 'admin';
  const quota = await hit(db, `invite:${adminId}`, limits.invitationsPerAdmin);
  if (!quota.allowed) return { ok: false, reason: 'throttled' };
  const email = normalizeEmail(invite.email);
  const existing = await findUserByEmail(db, email);
  if (existing?.passwordHash) {
    // A resident's own account is never made a staff account: the admin is told the address is taken.
    if (existing.roles.includes('resident')) return { ok: false, reason: 'exists' };
    return db.transaction(async (tx) => {
      await tx
        .insert(memberships)
        .values(roleRows(existing.id, regionId, invite.roles))
        .onConflictDoNothing();
      await logAccess(tx, {
        actorId: adminId,
        actorRole,
        subjectId: existing.id,
        object: `region:${regionId}`,
        action: 'account.roles_added',
        authority: `role:${actorRole}`,
        ipPrefix: ctx.ipPrefix,
        detail: { roles: invite.roles.join(',') },
      });
      return { ok: true as const, userId: existing.id, added: true as const };
    });
  }
  return db.transaction(async (tx) => {
    const values = { email, name: invite.name, roles: [], organisation: invite.organisation ?? null, language: invite.language };
    const [user] = existing
      ? await tx.update(users).set(values).where(eq(users.id, existing.id)).returning()
      : await tx.insert(users).values(values).returning();
    await tx
      .insert(memberships)
      .values(roleRows(user!.id, regionId, invite.roles))
      .onConflictDoNothing();
    const { token } = await issueToken(tx, user!.id, 'invitation');
    await queueMail(tx, {
      to: email,
      lang: invite.language,
      template: 'invitation',
      values: { name: invite.name, link: mailLink(`/uitnodiging/${token}`, invite.language) },
      region: (await tx.select().from(regions).where(eq(regions.id, regionId)))[0],
    });
    await logAccess(tx, {
      actorId: adminId,
      actorRole,
      subjectId: user!.id,
      object: 'account',
      action: 'auth.invitation_sent',
      authority: `role:${actorRole}`,
      ipPrefix: ctx.ipPrefix,
      detail: { roles: invite.roles.join(','), region: regionId },
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
