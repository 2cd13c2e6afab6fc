import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openPool, type Database, type Db } from '../../src/lib/server/db/client.ts';
import * as schema from '../../src/lib/server/db/schema/index.ts';

export const templateDatabaseName = () => `hog_template_${process.pid}`;

/**
 * A fresh, migrated database for one test file, on the driver the project runs (PGlite or
 * PostgreSQL). Close it in afterAll; on PostgreSQL that also drops the copy.
 */
export async function openTestDatabase(): Promise<Database & { url?: string }> {
  if (process.env['TEST_DB_DRIVER'] === 'postgres') {
    const url = process.env['TEST_DATABASE_URL'];
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const name = `hog_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${name}" template "${inject('postgresTemplate')}"`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const pool = openPool(target.href, { max: 4 }, 'test');
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      probe: db,
      kind: 'postgres',
      url: target.href,
      close: async () => {
        await pool.end();
        await admin.query(`drop database if exists "${name}"`);
        await admin.end();
      },
    };
  }
  const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const client = await PGlite.create({ loadDataDir: template });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, probe: db, kind: 'pglite', close: () => client.close() };
}

/** A fresh database for the whole test file: opened before its first test, closed after its last. */
export function useTestDatabase(): Database {
  let current: Database | undefined;
  beforeAll(async () => {
    current = await openTestDatabase();
  });
  afterAll(async () => current?.close());
  const open = () => {
    if (!current) throw new Error('the test database is opened in beforeAll; use it inside tests');
    return current;
  };
  return {
    get db() {
      return open().db;
    },
    get probe() {
      return open().probe;
    },
    get kind() {
      return open().kind;
    },
    close: () => open().close(),
  };
}
