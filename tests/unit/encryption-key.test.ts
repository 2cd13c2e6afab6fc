import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/server/config.ts';
import { loadEncryptionKey } from '../../src/lib/server/crypto/key.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const configIn = (env: Record<string, string> = {}) => {
  dir = mkdtempSync(path.join(tmpdir(), 'hog-key-'));
  return parseConfig({ DATA_DIR: path.join(dir, 'data'), ...env });
};

describe('encryption key', () => {
  it('is generated once into the data folder, readable by the owner only, and kept', () => {
    const config = configIn();
    const first = loadEncryptionKey(config);
    expect(first).toHaveLength(32);
    const file = path.join(config.dataDir, 'encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadEncryptionKey(config).equals(first)).toBe(true);
  });
  it('comes from ENCRYPTION_KEY when set, and no file is written', () => {
    const key = Buffer.alloc(32, 9);
    const config = configIn({ ENCRYPTION_KEY: key.toString('base64') });
    expect(loadEncryptionKey(config).equals(key)).toBe(true);
    expect(() => readFileSync(path.join(config.dataDir, 'encryption.key'))).toThrow();
  });
  it('refuses a damaged key file instead of making a new key', () => {
    const config = configIn();
    loadEncryptionKey(config);
    writeFileSync(path.join(config.dataDir, 'encryption.key'), 'kort');
    expect(() => loadEncryptionKey(config)).toThrow(/does not hold a 32-byte key/);
  });
});

describe('encryption key, at the edges', () => {
  it('makes a data folder several levels deep when it is missing', () => {
    const config = configIn({ DATA_DIR: path.join(tmpdir(), `hog-key-deep-${process.pid}`, 'a', 'b') });
    try {
      expect(loadEncryptionKey(config)).toHaveLength(32);
    } finally {
      rmSync(path.join(tmpdir(), `hog-key-deep-${process.pid}`), { recursive: true, force: true });
    }
  });
});
