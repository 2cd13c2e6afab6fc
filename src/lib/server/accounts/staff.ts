import { asc, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';

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
    })
    .from(users)
    .where(ne(sql`${users.roles}`, sql`array['resident']::role[]`))
    .orderBy(asc(users.email));
}
