import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { memberships, users, type Role } from '../db/schema/index.ts';

export type User = typeof users.$inferSelect;

/** Every role a person holds: the account's own and those held in any region (for the second factor, the log). */
export async function allRolesOf(db: Db, user: Pick<User, 'id' | 'roles'>): Promise<Role[]> {
  const held = await db.selectDistinct({ role: memberships.role }).from(memberships).where(eq(memberships.userId, user.id));
  return [...user.roles, ...held.map((m) => m.role)];
}

/** Whether the person holds this role in this region. */
export async function holdsRoleIn(db: Db, userId: string, regionId: string, role: Role): Promise<boolean> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.regionId, regionId), eq(memberships.role, role)));
  return !!row;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return user ?? null;
}

export async function findUserById(db: Db, id: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user ?? null;
}
