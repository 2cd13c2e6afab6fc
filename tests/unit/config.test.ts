import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/server/config.ts';

const key = Buffer.alloc(32, 1).toString('base64');

describe('settings', () => {
  it('default to the embedded database in ./data, without demo mode (that is asked for: npm start does)', () => {
    const config = parseConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dir: path.resolve('data/pglite') });
    expect(config).toMatchObject({ host: 'localhost', port: 4321, demoData: false, publicOrigin: 'http://localhost:4321', trustedProxies: [] });
    expect(parseConfig({ DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('read trusted proxies as addresses and ranges', () => {
    expect(parseConfig({ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1' }).trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => parseConfig({ TRUSTED_PROXIES: 'proxy.example' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
  });

  // Issue 24, item 2: node-postgres connects to one host and ignores target_session_attrs.
  it('refuse a DATABASE_URL with several hosts or target_session_attrs, saying what to use instead', () => {
    for (const url of [
      'postgres://u@db1:5432,db2:5432/hog?target_session_attrs=primary',
      'postgresql://u:p@db1,db2/hog',
      'postgres://u@/hog?host=db1,db2',
      'postgres://u@db/hog?host=db1&port=5432,5433',
    ])
      expect(() => parseConfig({ DATABASE_URL: url, ENCRYPTION_KEY: key }), url).toThrow(/DATABASE_URL names several hosts.*-rw.*HAProxy in front of Patroni/);
    for (const attrs of ['read-write', 'primary', 'standby'])
      expect(() => parseConfig({ DATABASE_URL: `postgres://u@db/hog?sslmode=require&target_session_attrs=${attrs}`, ENCRYPTION_KEY: key })).toThrow(
        new RegExp(`DATABASE_URL has target_session_attrs=${attrs}, which the database driver \\(node-postgres\\) does not check: use one address`),
      );
    // The message names the setting and the way out, never the password.
    expect(() => parseConfig({ DATABASE_URL: 'postgres://u:geheim@db1,db2/hog', ENCRYPTION_KEY: key })).not.toThrow(/geheim/);
    // One host, and the driver's default, stay fine.
    expect(parseConfig({ DATABASE_URL: 'postgres://u@hog-db-rw:5432/hog?target_session_attrs=any', ENCRYPTION_KEY: key }).database.kind).toBe('postgres');
    expect(parseConfig({ DATABASE_URL: 'postgres://u:p%2Cq@db/hog?sslmode=require', ENCRYPTION_KEY: key }).database.kind).toBe('postgres');
  });

  it('use PostgreSQL without demo data when DATABASE_URL is set', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://u@db:5432/hog', ENCRYPTION_KEY: key });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/hog' });
    expect(config.demoData).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'postgres://u@db/hog', ENCRYPTION_KEY: key, DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('treat an empty variable as not set', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite');
  });

  it('drop a trailing slash from the public origin', () => {
    expect(parseConfig({ PUBLIC_ORIGIN: 'https://hog.example.nl/' }).publicOrigin).toBe('https://hog.example.nl');
  });

  it.each([
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x/y', ENCRYPTION_KEY: key }, /DATABASE_URL must be a postgres/],
    [{ DATABASE_URL: 'postgres://x/y' }, /ENCRYPTION_KEY is required/],
    [{ ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }, /ENCRYPTION_KEY must decode to exactly 32 bytes/],
    [{ PUBLIC_ORIGIN: 'hog.example.nl' }, /PUBLIC_ORIGIN/],
    [{ SMTP_URL: 'http://mail' }, /SMTP_URL/],
    [{ DEMO_DATA: 'misschien' }, /DEMO_DATA/],
  ])('name the variable that is wrong: %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});
