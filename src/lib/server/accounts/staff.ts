import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from './context.ts';

/** Partner and team accounts for the admin page; residents are never listed here. */
export async function listStaffAccounts(db: Db) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      roles: users.roles,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      totpOn: sql<boolean>`${users.totpEnabledAt} is not null`,
      deactivated: sql<boolean>`${users.deactivatedAt} is not null`,
    })
    .from(users)
    .where(ne(sql`${users.roles}`, sql`array['resident']::role[]`))
    .orderBy(asc(users.email));
}

/**
 * An admin ends a partner's or team member's access: the account is marked and every session of it
 * deleted in the same transaction, so the next request is signed out. Sign-ups a partner made stay
 * with their residents. Never the admin's own account, never a resident's.
 */
export async function deactivateAccount(db: Db, admin: { id: string }, accountId: string, ctx: RequestContext): Promise<boolean> {
  if (accountId === admin.id) return false;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(and(eq(users.id, accountId), isNull(users.deactivatedAt), ne(sql`${users.roles}`, sql`array['resident']::role[]`)))
      .returning({ id: users.id });
    if (!row) return false;
    await tx.delete(sessions).where(eq(sessions.userId, row.id));
    await logAccess(tx, {
      actorId: admin.id,
      actorRole: 'admin',
      subjectId: row.id,
      object: 'account',
      action: 'account.deactivated',
      authority: 'role:admin',
      ipPrefix: ctx.ipPrefix,
    });
    return true;
  });
}
