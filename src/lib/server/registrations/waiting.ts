import type { Db } from '../db/client.ts';
import { createCache } from '../cache.ts';
import { recentContactDays } from './queries.ts';
import { expectedContactDays } from './rules.ts';

// The estimate every confirmation shows is a median over 90 days of sign-ups: it moves slowly,
// so it is computed at most every 10 minutes per region instead of on every sign-up. Whatever
// records a first contact calls invalidateContactEstimate() so the next confirmation is exact.
const estimates = createCache<number>('contact-estimate', 10 * 60_000);

export function contactEstimate(db: Db, region: { id: string; expectedContactDays: number }): Promise<number> {
  return estimates.get(region.id, async () => expectedContactDays(await recentContactDays(db, region.id), region.expectedContactDays));
}

export function invalidateContactEstimate(regionId?: string): void {
  estimates.invalidate(regionId);
}
