import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { keyedHash } from '../crypto/keyed-hash.ts';

/** 160 random bits, readable in a URL or cookie (Lucia's recipe). */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** What the database keeps instead of the token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A 6-digit code, uniformly drawn (rejection sampling avoids a modulo bias). */
export function generateCode(): string {
  const buffer = new Uint32Array(1);
  const limit = Math.floor(0xffffffff / 1_000_000) * 1_000_000;
  do crypto.getRandomValues(buffer);
  while (buffer[0]! >= limit);
  return String(buffer[0]! % 1_000_000).padStart(6, '0');
}

/**
 * Short codes are bound to their account and keyed (a plain hash of 6 digits is undone by trying
 * all million), so the database alone does not give them away. Secrets are never compared as
 * text: a lookup by hash reveals nothing useful through timing, and TOTP codes are checked by
 * @oslojs/otp in constant time.
 */
export const hashCode = (userId: string, code: string): string => keyedHash(`code:${userId}:${code}`);
