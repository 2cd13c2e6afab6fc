import { createHmac, hkdfSync } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Written to kill a mutant the first Stryker run left alive (docs/mutation.md): the derivation
// label is part of every stored code hash and rate-limit key, so changing it would silently
// orphan them all. This pins the derivation to its documented form.
describe('keyed hash', () => {
  afterAll(() => vi.unstubAllEnvs());
  it('is HMAC-SHA-256 under a key derived from ENCRYPTION_KEY with the label "hog-portaal keyed hash v1"', async () => {
    const raw = Buffer.alloc(32, 7);
    vi.stubEnv('ENCRYPTION_KEY', raw.toString('base64'));
    const { keyedHash } = await import('../../src/lib/server/crypto/keyed-hash.ts');
    const derived = Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), 'hog-portaal keyed hash v1', 32));
    expect(keyedHash('code:123456')).toBe(createHmac('sha256', derived).update('code:123456').digest('hex'));
  });
});
