import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../config.ts';
import { describeError } from '../http/report-error.ts';
import * as schema from './schema/index.ts';

/** Both drivers give a PgDatabase; domain code only ever sees this type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  /** For /health: on PostgreSQL its own connection, so a probe never waits behind a busy or dead pool. */
  probe: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
};

/**
 * A node-postgres pool whose lost connections never take the process down. pg reports a
 * connection that dies between queries as an 'error' event, and Node ends the process on an
 * unheard one: the pool hears its idle connections (and drops them), and every connection hears
 * its own while a transaction holds it (the transaction's next query then fails, and the
 * connection is dropped when it is released; see patches/drizzle-orm+*.patch).
 * node-postgres replaced postgres.js here because the latter wedged or answered empty after a
 * terminated backend (issue 24); the driver test proves pg does neither.
 */
export function openPool(url: string, options: pg.PoolConfig, label: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: 10_000, ...options });
  pool.on('error', (error) => console.error(`database (${label}): idle connection lost: ${describeError(error)}`));
  pool.on('connect', (client) => {
    client.on('error', () => {
      // The query that was waiting (or the next one) fails with this error; nothing more to do.
    });
  });
  return pool;
}

export async function openDatabase(settings: Config['database']): Promise<Database> {
  if (settings.kind === 'postgres') {
    // While the server is away every request tries to connect once and gets the 503 page: a short
    // connect timeout (it also bounds the wait for a free connection when all ten are busy).
    const pool = openPool(settings.url, { max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 }, 'pool');
    // Its own small pool: a probe never waits behind the portal's queries. A probe that hangs on a
    // connection that went silent is ended by the query timeout, and its connection dropped.
    const probePool = openPool(settings.url, { max: 2, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 60_000, query_timeout: 2_000 }, 'health');
    return {
      db: drizzleNodePg(pool, { schema }) as unknown as Db,
      probe: drizzleNodePg(probePool, { schema }) as unknown as Db,
      kind: 'postgres',
      close: async () => {
        await Promise.all([pool.end(), probePool.end()]);
      },
    };
  }
  mkdirSync(settings.dir, { recursive: true });
  const client = await PGlite.create(settings.dir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, probe: db, kind: 'pglite', close: () => client.close() };
}

// The boot script opens the database before Astro's bundled server is imported; both reach it
// through this global, so the embedded PGlite (one connection per data folder) is opened once.
const KEY = Symbol.for('hog-portaal.database');
type Holder = { [KEY]?: Database };

export function provideDatabase(database: Database): void {
  (globalThis as Holder)[KEY] = database;
}

function opened(): Database {
  const database = (globalThis as Holder)[KEY];
  if (!database) throw new Error('Database not opened: start the portal through src/boot.ts');
  return database;
}

export const getDb = (): Db => opened().db;

/** The connection /health checks with. */
export const getProbeDb = (): Db => opened().probe;
