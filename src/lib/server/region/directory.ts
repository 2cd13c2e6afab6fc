import { asc } from 'drizzle-orm';
import { createCache, PUBLIC_PAGES } from '../cache.ts';
import { getDb } from '../db/client.ts';
import { regions } from '../db/schema/index.ts';
import type { Region } from './queries.ts';

// Every request asks which region it is in (by host, by postcode, by a staff member's choice), and
// every page frame shows the region's name and contact. Regions are few (dozens) and change rarely,
// so all of them are read at once and kept in memory for a short while, with lookup maps; a change
// in this process empties it at once (forgetRegions), other processes follow within the TTL. A
// database that is down keeps the last known regions: pages with the crisis numbers still render.
const TTL_MS = 10_000;

export type Directory = {
  all: readonly Region[];
  byId: ReadonlyMap<string, Region>;
  bySlug: ReadonlyMap<string, Region>;
  /** Host names of active regions only: a switched-off region's host shows the national pages. */
  byHost: ReadonlyMap<string, Region>;
  /** Postcode areas of active regions only; they never overlap (region/platform.ts). */
  byArea: ReadonlyMap<string, Region>;
};

const cache = createCache<Directory>('regions', TTL_MS);

export function buildDirectory(all: readonly Region[]): Directory {
  const byHost = new Map<string, Region>();
  const byArea = new Map<string, Region>();
  for (const region of all) {
    if (!region.active) continue;
    for (const host of region.hostNames) byHost.set(host, region);
    for (const area of region.postcodeAreas) byArea.set(area, region);
  }
  return {
    all,
    byId: new Map(all.map((r) => [r.id, r])),
    bySlug: new Map(all.map((r) => [r.slug, r])),
    byHost,
    byArea,
  };
}

/** The regions as last read, without waiting: for the page cache, which answers before any await. */
export const peekDirectory = (): Directory | undefined => cache.peek('all');

export function regionDirectory(): Promise<Directory> {
  return cache.get('all', async () => buildDirectory(await getDb().select().from(regions).orderBy(asc(regions.name))));
}

/** After a region was created or changed: this process reads them again at the next request. */
export function forgetRegions(): void {
  cache.invalidate();
  // Public pages show the region's name, contact and places.
  createCache(PUBLIC_PAGES, 0).invalidate();
}

/** The four digits of a postcode ("7001 AB" -> "7001"). */
export const postcodeArea = (postcode: string): string => postcode.replace(/\s/g, '').slice(0, 4);

/** Host names are compared without port and case ("Hog.Oostveld.example:443" -> "hog.oostveld.example"). */
export const hostName = (host: string | null | undefined): string => (host ?? '').trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');

export async function regionById(id: string | null | undefined): Promise<Region | null> {
  return id ? ((await regionDirectory()).byId.get(id) ?? null) : null;
}

/** The active region whose postcode areas hold this postcode, if any. */
export async function regionForPostcode(postcode: string): Promise<Region | null> {
  return (await regionDirectory()).byArea.get(postcodeArea(postcode)) ?? null;
}
