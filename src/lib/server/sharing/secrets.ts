import { timingSafeEqual } from 'node:crypto';
import { keyedHash } from '../crypto/keyed-hash.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';

// A share is opened with two things that travel apart: the link (mailed to the recipient) and an
// access code (shown once to the resident, passed on by phone or in person). The database keeps
// only the link's SHA-256 and the code's HMAC, so a copy of it opens nothing.

/** Letters and digits that are not mistaken for each other when read aloud or copied by hand. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export function newShareLink(): { token: string; tokenHash: string } {
  const token = generateToken();
  return { token, tokenHash: hashToken(token) };
}

/** 8 characters of 32 (40 bits); five wrong tries lock the share, so guessing is hopeless. */
export function newAccessCode(): string {
  const bytes = new Uint8Array(CODE_LENGTH);
  crypto.getRandomValues(bytes);
  // 256 is a multiple of 32, so taking the low five bits has no bias.
  return Array.from(bytes, (b) => CODE_ALPHABET[b & 31]).join('');
}

/** As people type it: any case, spaces or dashes between groups. */
export const normalizeCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

/** Shown in groups of four, easier to read out. */
export const displayCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-');

/** Bound to its share, so the same code on another share hashes differently. */
export const hashAccessCode = (shareId: string, code: string): string => keyedHash(`share-code:${shareId}:${normalizeCode(code)}`);

/** Constant time: the comparison takes as long whichever character is wrong. */
export function codeMatches(shareId: string, typed: string, storedHash: string): boolean {
  const typedHash = Buffer.from(hashAccessCode(shareId, typed), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return typedHash.length === stored.length && timingSafeEqual(typedHash, stored);
}
