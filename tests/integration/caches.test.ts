import { describe, expect, it } from 'vitest';
import { contactEstimate, invalidateContactEstimate } from '../../src/lib/server/registrations/waiting.ts';
import { invalidateLocations, listActiveLocations } from '../../src/lib/server/locations/queries.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { insertRegistrations } from '../builders/registrations.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();
const day = 86_400_000;

describe('the waiting-time estimate', () => {
  it('is the region setting until there are enough contacts, kept, and exact again once emptied', async () => {
    const region = await insertRegion(database.db, { expectedContactDays: 12 });
    expect(await contactEstimate(database.db, region)).toBe(12);
    const now = Date.now();
    // Contacted after 2, 3, 4, 5 and 6 days: the median is 4.
    await insertRegistrations(database.db, region.id, 5, (i) => ({
      createdAt: new Date(now - 20 * day),
      firstContactAt: new Date(now - 20 * day + (i + 2) * day),
    }));
    expect(await contactEstimate(database.db, region)).toBe(12); // kept, not recomputed per sign-up
    invalidateContactEstimate(region.id);
    expect(await contactEstimate(database.db, region)).toBe(4);
  });
});

describe('the places list', () => {
  it('is read once and read again after whatever writes places empties it', async () => {
    const region = await insertRegion(database.db);
    const first = await insertLocation(database.db, region.id, { name: 'Bibliotheek Noord' });
    expect((await listActiveLocations(database.db, region.id)).map((l) => l.id)).toEqual([first.id]);
    await insertLocation(database.db, region.id, { name: 'Bibliotheek Zuid' });
    expect(await listActiveLocations(database.db, region.id)).toHaveLength(1);
    invalidateLocations(region.id);
    expect(await listActiveLocations(database.db, region.id)).toHaveLength(2);
  });
});
