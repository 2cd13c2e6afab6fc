import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { checkDatabase, HEALTH_TIMEOUT_MS } from '../../src/lib/server/db/health.ts';

// A probe stuck behind a dead connection: the answer must not wait for it.
const hanging = { execute: () => new Promise(() => {}) } as unknown as Db;
const answering = (row: object, shape: 'rows' | 'array' = 'rows') => ({ execute: async () => (shape === 'rows' ? { rows: [row] } : [row]) }) as unknown as Db;
const primary = { recovery: false, read_only: 'off' };

describe('health check', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers "timeout" when the database does not answer in time, well within a second', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = performance.now();
    expect(await checkDatabase(hanging)).toEqual({ ok: false, reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(HEALTH_TIMEOUT_MS + 300);
    expect(HEALTH_TIMEOUT_MS).toBeLessThanOrEqual(400);
  });

  it('answers ok when the database does and takes writes (a primary)', async () => {
    expect(await checkDatabase(answering(primary))).toEqual({ ok: true });
    expect(await checkDatabase(answering(primary, 'array'))).toEqual({ ok: true });
  });

  // Issue 24, item 3: a hot standby answers reads, so `select 1` would call it ready.
  it('is not ready on a standby, nor on a primary set read-only', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await checkDatabase(answering({ recovery: true, read_only: 'on' }))).toEqual({ ok: false, reason: 'read-only' });
    expect(await checkDatabase(answering({ recovery: 't', read_only: 'on' }))).toEqual({ ok: false, reason: 'read-only' });
    expect(await checkDatabase(answering({ recovery: false, read_only: 'on' }))).toEqual({ ok: false, reason: 'read-only' });
    expect(await checkDatabase({ execute: async () => ({ rows: [] }) } as unknown as Db)).toEqual({ ok: false, reason: 'read-only' });
  });
});
