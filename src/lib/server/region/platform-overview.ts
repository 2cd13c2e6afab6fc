import { count, countDistinct, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { locations, memberships, regions, registrations, teamMembers, users } from '../db/schema/index.ts';
import type { InviteResult } from '../accounts/invitations.ts';
import { inviteMember } from '../accounts/invitations.ts';
import type { RequestContext } from '../accounts/context.ts';

// What landelijk beheer sees of a region is numbers: how many sign-ups, members, places and staff
// accounts, never who. Each query groups by region and returns a count, so no resident's row,
// name or reference ever reaches these pages, and reading them needs no access-log row.

export type RegionCounts = { signups: number; openSignups: number; members: number; places: number; staff: number; admins: number };

const none: RegionCounts = { signups: 0, openSignups: 0, members: 0, places: 0, staff: 0, admins: 0 };

/** Counts per region id; a region without rows anywhere has zeros. */
export async function regionCounts(db: Db): Promise<(regionId: string) => RegionCounts> {
  const [signups, members, places, staff] = await Promise.all([
    db
      .select({
        regionId: registrations.regionId,
        all: count(),
        open: sql<number>`count(*) filter (where ${registrations.status} in ('received', 'contacted', 'planned'))`.mapWith(Number),
      })
      .from(registrations)
      .groupBy(registrations.regionId),
    db.select({ regionId: teamMembers.regionId, n: count() }).from(teamMembers).where(eq(teamMembers.active, true)).groupBy(teamMembers.regionId),
    db.select({ regionId: locations.regionId, n: count() }).from(locations).where(eq(locations.active, true)).groupBy(locations.regionId),
    db
      .select({
        regionId: memberships.regionId,
        n: countDistinct(memberships.userId),
        admins: sql<number>`count(distinct ${memberships.userId}) filter (where ${memberships.role} = 'admin')`.mapWith(Number),
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(sql`${users.deactivatedAt} is null`)
      .groupBy(memberships.regionId),
  ]);
  const by = <T extends { regionId: string }>(rows: T[]) => new Map(rows.map((r) => [r.regionId, r]));
  const [s, m, p, a] = [by(signups), by(members), by(places), by(staff)];
  return (id) =>
    s.has(id) || m.has(id) || p.has(id) || a.has(id)
      ? {
          signups: s.get(id)?.all ?? 0,
          openSignups: s.get(id)?.open ?? 0,
          members: m.get(id)?.n ?? 0,
          places: p.get(id)?.n ?? 0,
          staff: a.get(id)?.n ?? 0,
          admins: a.get(id)?.admins ?? 0,
        }
      : none;
}

type Inviter = { id: string; reauthenticatedAt: Date | null };
export type RegionAdminInvite = { email: string; name: string; language: string };

/**
 * Landelijk beheer invites a region's (first) admin: the same invitation a region's admin sends,
 * with the same fresh proof of identity, for the admin role in that region only. The new admin
 * then invites the rest of the region's people themselves.
 */
export async function inviteRegionAdmin(
  db: Db,
  inviter: Inviter,
  regionId: string,
  invite: RegionAdminInvite,
  ctx: RequestContext,
  now = new Date(),
): Promise<InviteResult | { ok: false; reason: 'notFound' }> {
  // The database, not the directory: a region made a moment ago in another process is not there yet.
  const [region] = await db.select({ id: regions.id }).from(regions).where(eq(regions.id, regionId));
  if (!region) return { ok: false, reason: 'notFound' };
  return inviteMember(db, { ...inviter, role: 'platform' }, regionId, { ...invite, roles: ['admin'] }, ctx, now);
}
