import { describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { check, deleteStaleLimits, hit, recordFailure, recordSuccess } from '../../src/lib/server/auth/rate-limit.ts';
import { keyedHash } from '../../src/lib/server/crypto/keyed-hash.ts';
import { rateLimits } from '../../src/lib/server/db/schema/index.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

const t0 = new Date('2026-11-23T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('rate limits in the database', () => {
  it('allow up to the limit in a window, refuse after, and start again in the next window', async () => {
    const limit = { max: 3, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) expect((await hit(database.db, 'ip:a', limit, later(i))).allowed).toBe(true);
    const refused = await hit(database.db, 'ip:a', limit, later(10));
    expect(refused).toEqual({ allowed: false, retryAfterMs: 60_000 - 10 });
    expect((await check(database.db, 'ip:a', limit, later(20))).allowed).toBe(false);
    expect((await hit(database.db, 'ip:a', limit, later(60_001))).allowed).toBe(true);
    expect((await hit(database.db, 'ip:b', limit, later(10))).allowed).toBe(true);
  });

  it('lock an account after four failures in a row, with a growing delay, and unlock on success', async () => {
    const limit = { max: 100, windowMs: 3_600_000 };
    for (let i = 0; i < 4; i++) await recordFailure(database.db, 'acct:x', limit, t0);
    expect((await check(database.db, 'acct:x', limit, t0)).allowed).toBe(true);
    await recordFailure(database.db, 'acct:x', limit, t0);
    expect(await check(database.db, 'acct:x', limit, t0)).toEqual({ allowed: false, retryAfterMs: 15_000 });
    expect((await check(database.db, 'acct:x', limit, later(15_000))).allowed).toBe(true);
    await recordFailure(database.db, 'acct:x', limit, later(15_000));
    expect(await check(database.db, 'acct:x', limit, later(15_000))).toEqual({ allowed: false, retryAfterMs: 30_000 });
    await recordSuccess(database.db, 'acct:x');
    expect((await check(database.db, 'acct:x', limit, later(15_001))).allowed).toBe(true);
  });

  it('never allow more than the hourly number of failures on one account', async () => {
    const limit = { max: 100, windowMs: 3_600_000 };
    for (let i = 0; i < 100; i++) {
      await recordFailure(database.db, 'acct:y', limit, later(i));
      await recordSuccess(database.db, 'acct:y'); // even with the lock lifted each time
    }
    expect((await check(database.db, 'acct:y', limit, later(1000))).allowed).toBe(false);
    expect((await check(database.db, 'acct:y', limit, later(3_600_001))).allowed).toBe(true);
  });

  it('count concurrent attempts exactly once each', async () => {
    const limit = { max: 1000, windowMs: 60_000 };
    await Promise.all(Array.from({ length: 20 }, () => hit(database.db, 'ip:c', limit, t0)));
    expect((await check(database.db, 'ip:c', { max: 20, windowMs: 60_000 }, t0)).allowed).toBe(false);
    expect((await check(database.db, 'ip:c', { max: 21, windowMs: 60_000 }, t0)).allowed).toBe(true);
  });

  // Written to kill a mutant the first Stryker run left alive (docs/mutation.md).
  it('while both a lock and a full window hold, tell the longer wait', async () => {
    const limit = { max: 5, windowMs: 3_600_000 };
    for (let i = 0; i < 5; i++) await recordFailure(database.db, 'acct:both', limit, t0);
    expect(await check(database.db, 'acct:both', limit, t0)).toEqual({ allowed: false, retryAfterMs: 3_600_000 });
  });

  it('are cleaned up once their window started longer ago than asked, and only then', async () => {
    const day = 86_400_000;
    const limit = { max: 5, windowMs: 3_600_000 };
    const names = { old: 'clean:old', edge: 'clean:edge', recent: 'clean:recent' };
    await hit(database.db, names.old, limit, later(-2 * day));
    await hit(database.db, names.edge, limit, later(-day));
    await hit(database.db, names.recent, limit, later(-60_000));
    await deleteStaleLimits(database.db, day, t0);
    const left = await database.db
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(inArray(rateLimits.key, Object.values(names).map(keyedHash)));
    // A window that started exactly a day ago is not yet older than a day.
    expect(left.map((r) => r.key).sort()).toEqual([keyedHash(names.edge), keyedHash(names.recent)].sort());
  });
});
