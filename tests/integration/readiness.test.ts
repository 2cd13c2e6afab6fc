import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db/client.ts';
import { checkDatabase } from '../../src/lib/server/db/health.ts';
import { createOwnPostgres, type OwnPostgres } from '../fault/own-postgres.ts';
import { useTestDatabase } from './database.ts';

// Issue 24, item 3: /health is ready only where a sign-up can be written. The check's query runs
// on the database the suite uses (PGlite has no standby: always a primary), and on PostgreSQL
// against a real streaming standby (pg_basebackup -R from an own cluster), which answers reads.
const onPostgres = process.env['TEST_DB_DRIVER'] === 'postgres';

describe('readiness on the database itself', () => {
  const database = useTestDatabase();

  it('is ready on the primary (or the embedded database)', async () => {
    expect(await checkDatabase(database.probe, 5_000)).toEqual({ ok: true });
  });
});

describe.runIf(onPostgres)('readiness on a primary and its hot standby', () => {
  const opened: { cluster: OwnPostgres; database?: Database }[] = [];
  afterAll(async () => {
    for (const { database } of opened) await database?.close().catch(() => undefined);
    for (const { cluster } of opened.reverse()) cluster.destroy();
  });

  it('calls the primary ready and the standby, which answers reads, not ready; after promotion it is', { timeout: 120_000 }, async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const primary = { cluster: await createOwnPostgres() } as (typeof opened)[number];
    opened.push(primary);
    const standby = { cluster: await primary.cluster.standby() } as (typeof opened)[number];
    opened.push(standby);
    primary.database = await openDatabase({ kind: 'postgres', url: primary.cluster.url });
    standby.database = await openDatabase({ kind: 'postgres', url: standby.cluster.url });
    // The standby does answer: `select 1` alone would have called it ready.
    expect((await standby.database.probe.execute('select 1 as one' as never)) as unknown).toMatchObject({ rows: [{ one: 1 }] });
    expect(await checkDatabase(primary.database.probe, 5_000)).toEqual({ ok: true });
    expect(await checkDatabase(standby.database.probe, 5_000)).toEqual({ ok: false, reason: 'read-only' });
    // Promoted (what the HA system does on failover): the same connection settings are ready now.
    primary.cluster.stop('immediate');
    await standby.cluster.promote();
    expect(await checkDatabase(standby.database.probe, 5_000)).toEqual({ ok: true });
    vi.restoreAllMocks();
  });
});
