import { getDb } from '../db/client.ts';
import { describeError } from '../http/report-error.ts';
import { findRegion, type Region } from './queries.ts';

// Every page frame shows the region's name and contact details. They change rarely, so they are
// read at most once a minute, and a database that is down keeps the last known values: the page
// (with the crisis numbers) must still render when the database does not.
const TTL_MS = 60_000;
let cached: { region: Region | null; at: number } | undefined;

export async function currentRegion(now = Date.now()): Promise<Region | null> {
  if (cached && now - cached.at < TTL_MS) return cached.region;
  try {
    cached = { region: await findRegion(getDb()), at: now };
  } catch (error) {
    console.error(`region: cannot read region settings: ${describeError(error)}`);
    return cached?.region ?? null;
  }
  return cached.region;
}

/** After the admin changed the settings: the next request reads them again. */
export function forgetRegion(): void {
  cached = undefined;
}
