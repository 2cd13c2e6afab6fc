import { and, eq, gte, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations } from '../db/schema/index.ts';
import { createCache } from '../cache.ts';
import { waitingFigures, type WaitingFigures } from './rules.ts';

export type QueueFigures = { toContact: WaitingFigures; toConversation: WaitingFigures };

// The figures above the queue move slowly: computed at most every 5 minutes per region from two
// partial indexes (sign-ups with a first contact / a first conversation), never per request.
const figures = createCache<QueueFigures>('waiting-figures', 5 * 60_000);

export function invalidateWaitingFigures(regionId?: string): void {
  figures.invalidate(regionId);
}

async function pairs(db: Db, regionId: string, which: 'firstContactAt' | 'firstConversationAt', since: Date) {
  const column = registrations[which];
  const rows = await db
    .select({ createdAt: registrations.createdAt, reachedAt: column })
    .from(registrations)
    .where(and(eq(registrations.regionId, regionId), isNotNull(column), gte(registrations.createdAt, since)));
  return rows.map((r) => ({ createdAt: r.createdAt, reachedAt: r.reachedAt! }));
}

/** Median and 90th percentile in days, sign-ups of the last 90 days, to first contact and to first conversation. */
export function queueFigures(db: Db, regionId: string, now = new Date()): Promise<QueueFigures> {
  return figures.get(regionId, async () => {
    const since = new Date(now.getTime() - 90 * 86_400_000);
    return {
      toContact: waitingFigures(await pairs(db, regionId, 'firstContactAt', since)),
      toConversation: waitingFigures(await pairs(db, regionId, 'firstConversationAt', since)),
    };
  });
}
