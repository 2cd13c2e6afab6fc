import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { locations } from '../db/schema/index.ts';

export type Location = typeof locations.$inferSelect;

/** The region's catalogue of places a resident can choose, in a stable order. */
export async function listActiveLocations(db: Db, regionId: string): Promise<Location[]> {
  return db
    .select()
    .from(locations)
    .where(and(eq(locations.regionId, regionId), eq(locations.active, true)))
    .orderBy(asc(locations.kind), asc(locations.name));
}
