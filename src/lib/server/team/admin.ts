import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { locations, teamMembers, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { invalidateLocations } from '../locations/queries.ts';
import type { Actor } from '../planning/version.ts';
import { holdsRoleIn } from '../accounts/queries.ts';

type NewMember = {
  name: string;
  email: string;
  discipline: (typeof teamMembers.$inferInsert)['discipline'];
  countsAsGgz: boolean;
  languages: string[];
  workingDays: string[];
};

/**
 * Adds a member of the mixed team. A worker account with the same address is tied to it, so the
 * member sees their conversations in /team/gesprekken; without one the admin invites them first.
 * Both are of this region only: a person has a member row (and a worker role) in each region they
 * work in, so the same address in another region is no clash, and a worker role there ties nothing.
 */
export async function addMember(
  db: Db,
  actor: Actor,
  regionId: string,
  m: NewMember,
): Promise<{ ok: true; linked: boolean } | { ok: false; reason: 'exists' }> {
  const email = m.email.trim().toLowerCase();
  // One member row per person per region: the same person may be a member in another region too.
  const [taken] = await db
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(and(eq(teamMembers.regionId, regionId), eq(teamMembers.email, email)));
  if (taken) return { ok: false, reason: 'exists' };
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  // Tied to the account only when it works in this region: a worker of another region sees nothing here.
  const userId = account && (await holdsRoleIn(db, account.id, regionId, 'worker')) ? account.id : null;
  await db.transaction(async (tx) => {
    await tx.insert(teamMembers).values({ regionId, ...m, email, userId });
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      object: 'team_members',
      action: 'create',
      authority: 'role:admin',
      ipPrefix: actor.ipPrefix,
    });
  });
  return { ok: true, linked: !!userId };
}

type NewPlace = Omit<typeof locations.$inferInsert, 'id' | 'regionId'>;

export async function addPlace(db: Db, actor: Actor, regionId: string, place: NewPlace): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(locations).values({ regionId, ...place });
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      object: 'locations',
      action: 'create',
      authority: 'role:admin',
      ipPrefix: actor.ipPrefix,
    });
  });
  invalidateLocations(regionId);
}
