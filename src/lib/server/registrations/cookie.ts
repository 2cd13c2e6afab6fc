import type { AstroCookieSetOptions } from 'astro';
import { config } from '../config.ts';
import { DRAFT_TTL_MS } from './drafts.ts';

// The draft cookie only finds the sealed draft on the server; it holds no answers itself.
const secure = () => config().publicOrigin.startsWith('https://');
export const draftCookie = () => (secure() ? '__Host-hog_signup' : 'hog_signup');
export const draftCookieOptions = (): AstroCookieSetOptions => ({ httpOnly: true, secure: secure(), sameSite: 'lax', path: '/', maxAge: DRAFT_TTL_MS / 1000 });
