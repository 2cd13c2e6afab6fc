import { cookieName, cookieOptions } from '../http/cookies.ts';
import { config } from '../config.ts';
import { ABSOLUTE_MS } from './session-rules.ts';

export const sessionCookieName = (origin = config().publicOrigin) => cookieName('hog_session', origin);
export const sessionCookieOptions = (origin = config().publicOrigin) => cookieOptions(ABSOLUTE_MS, origin);
