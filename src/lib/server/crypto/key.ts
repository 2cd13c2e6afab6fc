import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * The key that encrypts health data at rest. From ENCRYPTION_KEY when set; for the embedded
 * database (a demo or a single machine) it is generated once into the data folder, readable
 * by the owner only, so a restart can still read what was written before.
 */
export function loadEncryptionKey(config: Config): Buffer {
  if (config.encryptionKey) return Buffer.from(config.encryptionKey, 'base64');
  const file = path.join(config.dataDir, 'encryption.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    // flag 'wx': never overwrite a key another process wrote in the meantime.
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key; set ENCRYPTION_KEY or restore the file`);
  return key;
}
