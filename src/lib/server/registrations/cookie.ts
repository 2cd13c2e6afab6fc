import { cookieName, cookieOptions } from '../http/cookies.ts';
import { DRAFT_TTL_MS } from './drafts.ts';

// The draft cookie only finds the sealed draft on the server; it holds no answers itself.
export const draftCookie = () => cookieName('hog_signup');
export const draftCookieOptions = () => cookieOptions(DRAFT_TTL_MS);
/** A partner's draft has its own cookie: on a shared computer it never mixes with a resident's. */
export const partnerDraftCookie = () => cookieName('hog_partner_signup');
