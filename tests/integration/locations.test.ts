import { describe, expect, it } from 'vitest';
import { listActiveLocations } from '../../src/lib/server/locations/queries.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

describe('place catalogue', () => {
  it("lists only the region's own active places, grouped by kind and then by name", async () => {
    const region = await insertRegion(database.db);
    const other = await insertRegion(database.db);
    await insertLocation(database.db, region.id, { kind: 'library', name: 'Bibliotheek Zuid' });
    await insertLocation(database.db, region.id, { kind: 'library', name: 'Bibliotheek Noord' });
    await insertLocation(database.db, region.id, { kind: 'stadskamer', name: 'Stadskamer' });
    await insertLocation(database.db, region.id, { kind: 'online', name: 'Gesloten plek', active: false });
    await insertLocation(database.db, other.id, { kind: 'online', name: 'Plek van een andere regio' });

    const places = await listActiveLocations(database.db, region.id);
    expect(places.map((p) => p.name)).toEqual(['Stadskamer', 'Bibliotheek Noord', 'Bibliotheek Zuid']);
  });
});
