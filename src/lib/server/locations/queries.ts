import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { locations } from '../db/schema/index.ts';
import { createCache, PUBLIC_PAGES } from '../cache.ts';

export type Location = typeof locations.$inferSelect;

// The home page and two sign-up steps show this list to everyone: read it once, not per view.
// Whatever writes locations must call invalidateLocations(); the TTL covers other processes.
const catalogue = createCache<Location[]>('locations', 5 * 60_000);

/** The region's catalogue of places a resident can choose, in a stable order. */
export async function listActiveLocations(db: Db, regionId: string): Promise<Location[]> {
  return catalogue.get(regionId, () =>
    db
      .select()
      .from(locations)
      .where(and(eq(locations.regionId, regionId), eq(locations.active, true)))
      .orderBy(asc(locations.kind), asc(locations.name)),
  );
}

/** Every place of the region, also switched-off ones: for the admin only, so not cached. */
export function listAllLocations(db: Db, regionId: string): Promise<Location[]> {
  return db.select().from(locations).where(eq(locations.regionId, regionId)).orderBy(asc(locations.kind), asc(locations.name));
}

export function invalidateLocations(regionId?: string): void {
  catalogue.invalidate(regionId);
  // The home page lists the places.
  createCache(PUBLIC_PAGES, 0).invalidate();
}

/** A place's name as residents read it in their language; the staff name when none was written. */
export const placeName = (l: Pick<Location, 'name' | 'names'>, lang: string): string => l.names?.[lang] ?? l.names?.nl ?? l.name;

export async function findLocation(db: Db, id: string): Promise<Location | null> {
  const [row] = await db.select().from(locations).where(eq(locations.id, id));
  return row ?? null;
}

/**
 * The kind of a place as a short note beside its name, left out when the name already says it
 * ("Online, via een videogesprek" needs no "Online" after it).
 */
export const kindNote = (name: string, kindLabel: string): string | null =>
  name.toLowerCase().includes(kindLabel.toLowerCase().split(' (')[0]!) ? null : kindLabel;

/** Places by id (switched-off ones too: an agreed conversation keeps its place); one statement. */
export async function locationsByIds(db: Db, ids: string[]): Promise<Map<string, Location>> {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await db.select().from(locations).where(inArray(locations.id, unique)) : [];
  return new Map(rows.map((l) => [l.id, l]));
}
