import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrationsFolder } from '../../src/lib/server/db/migrate.ts';
import { templateDatabaseName } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data folder as a tarball: loading it takes ~0.5 s, migrating ~4 s. */
    pgliteTemplate: string;
    /** A migrated PostgreSQL database that each test file clones with CREATE DATABASE ... TEMPLATE. */
    postgresTemplate: string;
  }
}

// Migrate once per run; every test file then starts from its own copy of the migrated database.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const driver = project.config.env['TEST_DB_DRIVER'];
  if (driver === 'postgres') {
    const url = process.env['TEST_DATABASE_URL'];
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const name = templateDatabaseName();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists "${name}"`);
    await admin.query(`create database "${name}"`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: target.href, max: 1 });
    const { drizzle: drizzleNodePg } = await import('drizzle-orm/node-postgres');
    const { migrate: migrateNodePg } = await import('drizzle-orm/node-postgres/migrator');
    await migrateNodePg(drizzleNodePg(pool), { migrationsFolder });
    await pool.end();
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.query(`drop database if exists "${name}"`);
      await admin.end();
    };
  }
  const client = await PGlite.create();
  await migrate(drizzle(client), { migrationsFolder });
  const dump = await client.dumpDataDir('none');
  await client.close();
  const dir = mkdtempSync(path.join(tmpdir(), 'hog-pglite-'));
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return async () => rmSync(dir, { recursive: true, force: true });
}
