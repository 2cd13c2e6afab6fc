import { timingSafeEqual } from 'node:crypto';
import { keyedHash } from '../crypto/keyed-hash.ts';
import { cookieName, cookieOptions } from '../http/cookies.ts';

// After the last step the browser goes on to /aanmelden/klaar (post, then redirect), so a reload
// sends nothing twice and the address bar holds no code. That page needs to know which sign-up
// this browser just sent: a short-lived cookie, bound by an HMAC to that sign-up, tells it. Another
// browser (or the same one an hour later) has no valid cookie and sees no code and no sign-up.

export const DONE_MINUTES = 60;

/** sent: a new sign-up; confirmed: a partner's or referrer's sign-up the resident confirmed; dropped: they kept an earlier one. */
export type DoneKind = 'sent' | 'confirmed' | 'dropped';
export type Done = { kind: DoneKind; registrationId: string | null; accountMailed: boolean };

export const doneCookie = (): string => cookieName('hog_signup_done');
export const doneCookieOptions = () => cookieOptions(DONE_MINUTES * 60_000);

const signed = (body: string) => `${body}.${keyedHash(`signup-done:${body}`)}`;

export function doneValue(done: Done, now = new Date()): string {
  const until = now.getTime() + DONE_MINUTES * 60_000;
  return signed(`${done.kind}.${done.registrationId ?? '-'}.${done.accountMailed ? 1 : 0}.${until}`);
}

const SHAPE = /^(sent|confirmed|dropped)\.([0-9a-f-]{36}|-)\.([01])\.(\d{1,16})\.[0-9a-f]{64}$/;

/** The sign-up this browser just sent, or null for a missing, altered or expired cookie. */
export function readDone(value: string | undefined, now = new Date()): Done | null {
  const m = value ? SHAPE.exec(value) : null;
  if (!m || !value) return null;
  const [, kind, id, mailed, until] = m;
  const expected = signed(`${kind}.${id}.${mailed}.${until}`);
  if (expected.length !== value.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(value))) return null;
  if (Number(until) <= now.getTime()) return null;
  return { kind: kind as DoneKind, registrationId: id === '-' ? null : id!, accountMailed: mailed === '1' };
}
