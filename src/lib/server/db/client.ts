import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Config } from '../config.ts';
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

export async function openDatabase(settings: Config['database']): Promise<Database> {
  if (settings.kind === 'postgres') {
    // onnotice: drizzle's migrator creates its schema "if not exists"; the NOTICE is noise.
    // While the server is away every request tries to connect once and gets the 503 page: a short
    // connect timeout, and reconnect pauses capped at half a second (the driver's grow to 20 s,
    // and a request waits through them).
    const sql = postgres(settings.url, { max: 10, onnotice: () => {}, connect_timeout: 5, backoff: (retries: number) => Math.min(0.1 * retries, 0.5) });
    // Each health probe tries the server again at once: no reconnect pause.
    const probe = postgres(settings.url, { max: 1, onnotice: () => {}, connect_timeout: 2, idle_timeout: 60, backoff: () => 0 });
    return {
      db: drizzlePostgres(sql, { schema }) as unknown as Db,
      probe: drizzlePostgres(probe, { schema }) as unknown as Db,
      kind: 'postgres',
      close: async () => {
        await Promise.all([sql.end({ timeout: 5 }), probe.end({ timeout: 1 })]);
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
