import { and, eq, exists } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { memberships, sessions } from '../db/schema/index.ts';

/**
 * A person with roles in several regions starts working in another one. Only a region they hold a
 * role in: the membership is checked in the same statement, so a crafted id changes nothing.
 */
export async function switchRegion(db: Db, session: { id: string; userId: string }, regionId: string): Promise<boolean> {
  const held = db
    .select({ one: memberships.regionId })
    .from(memberships)
    .where(and(eq(memberships.userId, session.userId), eq(memberships.regionId, regionId)));
  const rows = await db
    .update(sessions)
    .set({ regionId })
    .where(and(eq(sessions.id, session.id), eq(sessions.userId, session.userId), exists(held)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}
