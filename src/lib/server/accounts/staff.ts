import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { memberships, sessions, users, type RegionRole } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from './context.ts';

/** Partner and team accounts with a role in this region, for its admin page; residents are never listed here. */
export async function listStaffAccounts(db: Db, regionId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      // As text: both drivers read a text[] as an array, an enum[] only as its literal ("{worker,planner}").
      roles: sql<RegionRole[]>`array_agg(${memberships.role}::text order by ${memberships.role})`,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      totpOn: sql<boolean>`${users.totpEnabledAt} is not null`,
      deactivated: sql<boolean>`${users.deactivatedAt} is not null`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.regionId, regionId))
    .groupBy(users.id)
    .orderBy(asc(users.email));
}

/**
 * An admin ends a partner's or team member's access to their region: the roles there go, and every
 * session of the person is deleted in the same transaction, so the next request starts afresh
 * (in another region, if they work in one). Someone left without any region is switched off
 * altogether. Sign-ups a partner made stay with their residents. Never the admin's own account.
 */
export async function deactivateAccount(db: Db, admin: { id: string }, regionId: string, accountId: string, ctx: RequestContext): Promise<boolean> {
  if (accountId === admin.id) return false;
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, accountId), eq(memberships.regionId, regionId)))
      .returning({ id: memberships.userId });
    if (removed.length === 0) return false;
    const [left] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(eq(memberships.userId, accountId));
    if (!left?.n)
      await tx
        .update(users)
        .set({ deactivatedAt: new Date() })
        .where(and(eq(users.id, accountId), isNull(users.deactivatedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, accountId));
    await logAccess(tx, {
      actorId: admin.id,
      actorRole: 'admin',
      subjectId: accountId,
      object: `region:${regionId}`,
      action: 'account.deactivated',
      authority: 'role:admin',
      ipPrefix: ctx.ipPrefix,
    });
    return true;
  });
}
