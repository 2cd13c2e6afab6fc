import { asc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { regions } from '../db/schema/index.ts';

export type Region = typeof regions.$inferSelect;

/** The portal serves one region per deployment: the first one created. */
export async function findRegion(db: Db): Promise<Region | null> {
  const [region] = await db.select().from(regions).orderBy(asc(regions.createdAt)).limit(1);
  return region ?? null;
}
