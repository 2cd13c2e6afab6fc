import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/client.ts';
import { teamMembers } from '../../src/lib/server/db/schema/index.ts';

type NewMember = typeof teamMembers.$inferInsert;

/** A member of the region's mixed team; defaults: an active buurtcoach who speaks Dutch, Monday to Friday. */
export async function insertMember(db: Db, regionId: string, overrides: Partial<NewMember> = {}) {
  const [row] = await db
    .insert(teamMembers)
    .values({
      regionId,
      name: `Lid ${randomBytes(2).toString('hex')}`,
      discipline: 'buurtcoach',
      email: `lid-${randomBytes(4).toString('hex')}@team.example`,
      ...overrides,
    })
    .returning();
  return row!;
}
