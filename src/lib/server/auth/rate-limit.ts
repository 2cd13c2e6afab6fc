import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { keyedHash } from '../crypto/keyed-hash.ts';
import { rateLimits } from '../db/schema/index.ts';
import { inWindow, lockDelayMs, type Limit, type Verdict } from './rate-limit-rules.ts';

// Counters in PostgreSQL so a limit holds across instances. Each change is one atomic upsert;
// a window that has passed starts again at 1. Callers name a counter in plain words
// ("mail:<address>"); the table keeps only its keyed hash, so it lists no address or network.

/** Counts one attempt against `key`; refuses when the window is full or the key is locked. */
export async function hit(db: Db, name: string, limit: Limit, now = new Date()): Promise<Verdict> {
  const key = keyedHash(name);
  // Dates inside sql`` go as ISO text with a cast: postgres.js cannot serialise a raw Date there.
  const windowFloor = sql`${new Date(now.getTime() - limit.windowMs).toISOString()}::timestamptz`;
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} <= ${windowFloor} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= ${windowFloor} then ${at} else ${rateLimits.windowStart} end`,
      },
    })
    .returning();
  return verdict(row!, limit, now, true);
}

/** Whether `key` may try now, without counting. */
export async function check(db: Db, name: string, limit: Limit, now = new Date()): Promise<Verdict> {
  const [row] = await db
    .select()
    .from(rateLimits)
    .where(eq(rateLimits.key, keyedHash(name)));
  return row ? verdict(row, limit, now, false) : { allowed: true };
}

/** A failure in a row: counts against the window and locks for a growing delay. */
export async function recordFailure(db: Db, name: string, limit: Limit, now = new Date()): Promise<void> {
  await hit(db, name, limit, now);
  const key = keyedHash(name);
  const [row] = await db
    .update(rateLimits)
    .set({ failures: sql`${rateLimits.failures} + 1` })
    .where(eq(rateLimits.key, key))
    .returning({ failures: rateLimits.failures });
  const delay = lockDelayMs(row?.failures ?? 0);
  if (delay > 0)
    await db
      .update(rateLimits)
      .set({ lockedUntil: new Date(now.getTime() + delay) })
      .where(eq(rateLimits.key, key));
}

/**
 * Gives back the attempt a `hit` counted, for limits on wrong guesses only: counting first keeps
 * parallel guesses from slipping past the limit; a right answer then costs nothing.
 */
export async function refund(db: Db, name: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(eq(rateLimits.key, keyedHash(name)));
}

/** A success ends the run of failures and the lock (the hourly count stays). */
export async function recordSuccess(db: Db, name: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ failures: 0, lockedUntil: null })
    .where(eq(rateLimits.key, keyedHash(name)));
}

export async function deleteStaleLimits(db: Db, olderThanMs: number, now = new Date()): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - olderThanMs)));
}

/** `counted`: the row already includes this attempt (hit), so the limit itself is still allowed. */
function verdict(row: typeof rateLimits.$inferSelect, limit: Limit, now: Date, counted: boolean): Verdict {
  const waits: number[] = [];
  if (row.lockedUntil && row.lockedUntil > now) waits.push(row.lockedUntil.getTime() - now.getTime());
  const full = counted ? row.count > limit.max : row.count >= limit.max;
  if (inWindow(row.windowStart, limit, now) && full) {
    waits.push(row.windowStart.getTime() + limit.windowMs - now.getTime());
  }
  return waits.length ? { allowed: false, retryAfterMs: Math.max(...waits) } : { allowed: true };
}
