import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { regions } from '../../src/lib/server/db/schema/index.ts';
import { openTestDatabase } from './database.ts';

// The boot script as a resident's IT person would run it: a real process, real settings.
const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function boot(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ['src/boot.ts', ...args], {
    cwd: root,
    // Only what the test sets: no DATABASE_URL or DATA_DIR leaks in from the developer's shell.
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr.trim() };
}

const filesBelow = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, name));
const modeOf = (entry: string) => statSync(entry).mode & 0o777;
const privateMode = (entry: string) => (statSync(entry).isDirectory() ? 0o700 : 0o600);

const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hog-boot-'));
  dirs.push(dir);
  return dir;
};

describe('boot', () => {
  it('stops with one line naming the setting when a setting is invalid', () => {
    const { code, err } = boot({ PORT: 'zeventig' }, '--prepare');
    expect(code).toBe(1);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(/^hog-portaal: Invalid setting: PORT /);
  });

  it('asks for an encryption key when it cannot keep one in the data folder', () => {
    const { code, err } = boot({ DATABASE_URL: 'postgres://localhost:1/none' }, '--prepare');
    expect(code).toBe(1);
    expect(err).toMatch(/ENCRYPTION_KEY is required when DATABASE_URL is set/);
  });

  it('stops with one line naming DATABASE_URL when the database cannot be reached', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const { code, err } = boot({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ENCRYPTION_KEY: key }, '--prepare');
    expect(code).toBe(1);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(/^hog-portaal: cannot reach or migrate the database .*check DATABASE_URL/);
  });

  // Two real starts of the embedded database: slow on a busy machine, hence the longer time.
  it('creates the embedded database and its key for its own user only, and the demo region only in demo mode', { timeout: 240_000 }, () => {
    const dataDir = tempDir();
    const plain = boot({ DATA_DIR: dataDir }, '--prepare');
    expect(plain.err).toBe('');
    expect(plain.code).toBe(0);
    expect(plain.out).not.toMatch(/demo/);
    const all = filesBelow(dataDir);
    expect(all.length).toBeGreaterThan(100); // PGlite's files and WAL, and the key
    for (const entry of [dataDir, ...all]) expect({ entry, mode: modeOf(entry) }).toEqual({ entry, mode: privateMode(entry) });

    // Made readable for everyone, as an older version or a careless copy left them:
    for (const entry of all) chmodSync(entry, statSync(entry).isDirectory() ? 0o755 : 0o666);
    const demo = boot({ DATA_DIR: dataDir, DEMO_DATA: 'true' }, '--prepare');
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/demo regions "Regio Oostveld", "Regio Westmark", "Amstelland" and "Regio Beekdal" created/);
    for (const entry of [dataDir, ...filesBelow(dataDir)]) expect({ entry, mode: modeOf(entry) }).toEqual({ entry, mode: privateMode(entry) });
  });

  it('refuses to reset a database unless demo mode is asked for, before connecting', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const { code, err } = boot({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ENCRYPTION_KEY: key }, '--reset-demo');
    expect(code).toBe(1);
    expect(err).toBe('hog-portaal: refusing to reset a database without DEMO_DATA=true');
  });

  // PGlite's own path is the test above; this one needs the real server.
  it.skipIf(process.env['TEST_DB_DRIVER'] !== 'postgres')(
    'migrates a PostgreSQL database without adding demo data (PostgreSQL only: needs TEST_DATABASE_URL)',
    async () => {
      const database = await openTestDatabase();
      try {
        const key = Buffer.alloc(32, 7).toString('base64');
        const { code, out, err } = boot({ DATABASE_URL: database.url!, ENCRYPTION_KEY: key }, '--prepare');
        expect(err).toBe('');
        expect(code).toBe(0);
        expect(out).not.toMatch(/demo/);
        expect(await database.db.select().from(regions)).toEqual([]);
      } finally {
        await database.close();
      }
    },
  );
});
