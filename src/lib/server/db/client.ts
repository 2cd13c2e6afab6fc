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
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
};

export async function openDatabase(settings: Config['database']): Promise<Database> {
  if (settings.kind === 'postgres') {
    // onnotice: drizzle's migrator creates its schema "if not exists"; the NOTICE is noise.
    const sql = postgres(settings.url, { max: 10, onnotice: () => {}, connect_timeout: 10 });
    return { db: drizzlePostgres(sql, { schema }) as unknown as Db, kind: 'postgres', close: () => sql.end() };
  }
  mkdirSync(settings.dir, { recursive: true });
  const client = await PGlite.create(settings.dir);
  return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
}

// The boot script opens the database before Astro's bundled server is imported; both reach it
// through this global, so the embedded PGlite (one connection per data folder) is opened once.
const KEY = Symbol.for('hog-portaal.database');
type Holder = { [KEY]?: Database };

export function provideDatabase(database: Database): void {
  (globalThis as Holder)[KEY] = database;
}

export function getDb(): Db {
  const database = (globalThis as Holder)[KEY];
  if (!database) throw new Error('Database not opened: start the portal through src/boot.ts');
  return database.db;
}
