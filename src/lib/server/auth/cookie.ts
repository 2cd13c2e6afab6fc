import type { AstroCookieSetOptions } from 'astro';
import { config } from '../config.ts';
import { ABSOLUTE_MS } from './session-rules.ts';

// Over https the __Host- prefix binds the cookie to this exact origin (Secure, Path=/, no Domain).
// Plain http is only for a local demo, where browsers refuse Secure cookies.
const secure = (origin: string) => origin.startsWith('https://');

export const sessionCookieName = (origin = config().publicOrigin) => (secure(origin) ? '__Host-hog_session' : 'hog_session');

export function sessionCookieOptions(origin = config().publicOrigin): AstroCookieSetOptions {
  return { httpOnly: true, secure: secure(origin), sameSite: 'lax', path: '/', maxAge: ABSOLUTE_MS / 1000 };
}
