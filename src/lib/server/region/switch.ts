import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { followUpOffers, locations, teamMembers } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { invalidateLocations } from '../locations/queries.ts';
import type { Actor } from '../planning/version.ts';

// Nothing in a region's catalogues is deleted: sign-ups, conversations and approved reports point
// to members, places and offers. The admin switches them off instead; lists for new choices read
// only active rows.
const tables = { team_members: teamMembers, locations, follow_up_offers: followUpOffers } as const;
export type Catalogue = keyof typeof tables;

/** Sets `active` (and other columns) on one row of the admin's region; false when the id is not there. */
export async function changeInRegion(
  db: Db,
  actor: Actor,
  regionId: string,
  catalogue: Catalogue,
  id: string,
  values: { active: boolean } & Record<string, unknown>,
): Promise<boolean> {
  const table = tables[catalogue];
  const changed = await db.transaction(async (tx) => {
    const rows = await tx
      .update(table)
      .set(values)
      .where(and(eq(table.id, id), eq(table.regionId, regionId)))
      .returning({ id: table.id });
    if (rows.length === 0) return false;
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      object: `${catalogue}:${id}`,
      action: values.active ? 'update' : 'deactivate',
      authority: 'role:admin',
      ipPrefix: actor.ipPrefix,
    });
    return true;
  });
  if (changed && catalogue === 'locations') invalidateLocations(regionId);
  return changed;
}
