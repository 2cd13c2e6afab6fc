import type { AstroCookieSetOptions } from 'astro';
import { config } from '../config.ts';

// One policy for the portal's own cookies. Over https the __Host- prefix binds a cookie to this
// exact origin (Secure, Path=/, no Domain); plain http is only for a local demo, where browsers
// refuse Secure cookies.
const secure = (origin: string) => origin.startsWith('https://');

export const cookieName = (base: string, origin = config().publicOrigin): string => (secure(origin) ? `__Host-${base}` : base);

export function cookieOptions(maxAgeMs: number, origin = config().publicOrigin): AstroCookieSetOptions {
  return { httpOnly: true, secure: secure(origin), sameSite: 'lax', path: '/', maxAge: maxAgeMs / 1000 };
}
