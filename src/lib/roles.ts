// Plain constants, importable without drizzle (the shared zod schemas use them).
export const roleNames = ['resident', 'partner', 'worker', 'planner', 'admin'] as const;
export type Role = (typeof roleNames)[number];
