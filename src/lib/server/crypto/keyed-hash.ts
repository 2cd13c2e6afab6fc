import { createHmac, hkdfSync } from 'node:crypto';
import { config } from '../config.ts';
import { loadEncryptionKey } from './key.ts';

// For values the database must find again but never show: e-mail addresses in rate-limit keys,
// short codes. A plain SHA-256 of an address or a 6-digit code is undone by trying candidates;
// an HMAC under a key derived from the server's encryption key is not, without that key.
let hashKey: Buffer | undefined;

function key(): Buffer {
  hashKey ??= Buffer.from(hkdfSync('sha256', loadEncryptionKey(config()), Buffer.alloc(0), 'hog-portaal keyed hash v1', 32));
  return hashKey;
}

export function keyedHash(value: string): string {
  return createHmac('sha256', key()).update(value).digest('hex');
}
