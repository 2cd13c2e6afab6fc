import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { checkDatabase, HEALTH_TIMEOUT_MS } from '../../src/lib/server/db/health.ts';

// A probe stuck behind a dead connection: the answer must not wait for it.
const hanging = { execute: () => new Promise(() => {}) } as unknown as Db;
const answering = { execute: async () => [] } as unknown as Db;

describe('health check', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers "timeout" when the database does not answer in time, well within a second', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = performance.now();
    expect(await checkDatabase(hanging)).toEqual({ ok: false, reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(HEALTH_TIMEOUT_MS + 300);
    expect(HEALTH_TIMEOUT_MS).toBeLessThanOrEqual(400);
  });

  it('answers ok when the database does', async () => {
    expect(await checkDatabase(answering)).toEqual({ ok: true });
  });
});
