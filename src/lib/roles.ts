// Plain constants, importable without drizzle (the shared zod schemas use them).
// `resident` and `platform` are held by the account itself; the others are held in a region (a
// membership), so a person can be a worker in two regions and a planner in one.
export const roleNames = ['resident', 'partner', 'worker', 'planner', 'admin', 'platform'] as const;
export type Role = (typeof roleNames)[number];
export const regionRoleNames = ['partner', 'worker', 'planner', 'admin'] as const;
export type RegionRole = (typeof regionRoleNames)[number];
export const isRegionRole = (r: string): r is RegionRole => (regionRoleNames as readonly string[]).includes(r);
