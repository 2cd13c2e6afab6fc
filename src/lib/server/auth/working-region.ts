import { isRegionRole, type RegionRole, type Role } from '../../roles.ts';

export type Membership = { regionId: string; role: RegionRole };

/**
 * The region a person works in on this request, and the roles they hold there. A person with roles
 * in several regions works in one at a time (chosen with the region switch, kept on the session),
 * so every staff and partner page shows and changes one region's data only. A choice that no longer
 * holds (the membership was taken away) falls back to the first region they still have.
 */
export function workingRegion(
  accountRoles: readonly Role[],
  memberships: readonly Membership[],
  chosen: string | null,
): { regionId: string | null; roles: Role[] } {
  const own = accountRoles.filter((r) => !isRegionRole(r));
  const regionId = memberships.some((m) => m.regionId === chosen) ? chosen : (memberships[0]?.regionId ?? null);
  // Only region roles count from a membership: a row naming `platform` or `resident` (written by
  // anything but the invitation, whose schema refuses them) must never lift someone above a region.
  const inRegion = memberships.filter((m) => m.regionId === regionId && isRegionRole(m.role)).map((m) => m.role);
  return { regionId, roles: [...own, ...inRegion.filter((r, i) => inRegion.indexOf(r) === i)] };
}

/** The regions a person can switch between, each once, in the order of the memberships. */
export const regionsOf = (memberships: readonly Membership[]): string[] => [...new Set(memberships.map((m) => m.regionId))];
