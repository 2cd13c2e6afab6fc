import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { teamMembers } from '../db/schema/index.ts';

/** The region's active team, for planning duos; contact details are not selected. */
export async function listTeam(db: Db, regionId: string) {
  return db
    .select({ id: teamMembers.id, name: teamMembers.name, discipline: teamMembers.discipline })
    .from(teamMembers)
    .where(and(eq(teamMembers.regionId, regionId), eq(teamMembers.active, true)))
    .orderBy(asc(teamMembers.name));
}

/**
 * Active members with what the duo picker's hints need (languages, working days, GGZ); the admin
 * also sees inactive ones, to switch them back on.
 */
export async function listTeamForPlanning(db: Db, regionId: string, { inactiveToo = false } = {}) {
  return db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.regionId, regionId), inactiveToo ? undefined : eq(teamMembers.active, true)))
    .orderBy(asc(teamMembers.name));
}
