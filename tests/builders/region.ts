import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/client.ts';
import { locations, regions } from '../../src/lib/server/db/schema/index.ts';

type NewRegion = typeof regions.$inferInsert;
type NewLocation = typeof locations.$inferInsert;

const unique = () => randomBytes(4).toString('hex');

export function buildRegion(overrides: Partial<NewRegion> = {}): NewRegion {
  return {
    slug: `regio-${unique()}`,
    name: 'Regio Testveld',
    postcodeAreas: ['7001'],
    contactEmail: 'team@testveld.example',
    contactPhone: '0314 111 111',
    ...overrides,
  };
}

export async function insertRegion(db: Db, overrides: Partial<NewRegion> = {}) {
  const [row] = await db.insert(regions).values(buildRegion(overrides)).returning();
  if (!row) throw new Error('region not inserted');
  return row;
}

export async function insertLocation(db: Db, regionId: string, overrides: Partial<NewLocation> = {}) {
  const [row] = await db
    .insert(locations)
    .values({ regionId, kind: 'library', name: `Bibliotheek ${unique()}`, ...overrides })
    .returning();
  if (!row) throw new Error('location not inserted');
  return row;
}
