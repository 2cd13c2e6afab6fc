// Plain constants, importable without drizzle (the shared zod schemas use them).
// `resident` and `platform` are held by the account itself; the others are held in a region (a
// membership), so a person can be a worker in two regions and a planner in one.
// `referrer` (a GP, POH-GGZ, GGZ intake or wijkteam that refers) came with region profiles: last in the enum.
export const roleNames = ['resident', 'partner', 'worker', 'planner', 'admin', 'platform', 'referrer'] as const;
export type Role = (typeof roleNames)[number];
export const regionRoleNames = ['partner', 'referrer', 'worker', 'planner', 'admin'] as const;
export type RegionRole = (typeof regionRoleNames)[number];
export const isRegionRole = (r: string): r is RegionRole => (regionRoleNames as readonly string[]).includes(r);
