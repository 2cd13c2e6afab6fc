import type { regions } from '../db/schema/index.ts';

export type Region = typeof regions.$inferSelect;
