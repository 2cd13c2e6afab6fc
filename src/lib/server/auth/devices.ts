import { keyedHash } from '../crypto/keyed-hash.ts';
import { cookieName, cookieOptions } from '../http/cookies.ts';
import { generateToken } from './tokens.ts';

// Device cookies (OWASP): a browser that signed in to an account before carries a small signed
// mark for it. Failed guesses are counted per account and per network or known device, so
// someone guessing elsewhere cannot lock the owner out of the device they always use.
const MAX_ACCOUNTS = 5;
const DEVICE_COOKIE_MS = 365 * 24 * 60 * 60_000;

export const deviceCookieName = () => cookieName('hog_device');
export const deviceCookieOptions = () => cookieOptions(DEVICE_COOKIE_MS);

const mark = (userId: string, device: string) => keyedHash(`device:${userId}:${device}`).slice(0, 32);

function entries(cookie: string | null | undefined): [string, string][] {
  return (cookie ?? '')
    .split('~')
    .slice(0, MAX_ACCOUNTS)
    .map((entry) => entry.split('.') as [string, string])
    .filter(([device, signature]) => /^[a-z2-7]{32}$/.test(device ?? '') && /^[0-9a-f]{32}$/.test(signature ?? ''));
}

/** This browser's id for the account, when it signed in to it before; otherwise null. */
export function knownDevice(cookie: string | null | undefined, userId: string): string | null {
  return entries(cookie).find(([device, signature]) => mark(userId, device) === signature)?.[0] ?? null;
}

/** The cookie after a successful sign-in: this account first, a few others kept. */
export function rememberDevice(cookie: string | null | undefined, userId: string): string {
  const device = knownDevice(cookie, userId) ?? generateToken();
  const others = entries(cookie).filter(([d]) => d !== device);
  return [[device, mark(userId, device)], ...others]
    .slice(0, MAX_ACCOUNTS)
    .map((e) => e.join('.'))
    .join('~');
}
