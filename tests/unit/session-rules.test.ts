import { describe, expect, it } from 'vitest';
import { ABSOLUTE_MS, IDLE_MS, isExpired, isRecent, needsTwoFactor, newSessionTimes, slidExpiry } from '../../src/lib/server/auth/session-rules.ts';
import { inWindow, lockDelayMs } from '../../src/lib/server/auth/rate-limit-rules.ts';

const t0 = new Date('2026-11-23T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('session rules', () => {
  it('expire after 30 idle minutes', () => {
    const s = newSessionTimes(t0);
    expect(isExpired(s, at(IDLE_MS - 1))).toBe(false);
    expect(isExpired(s, at(IDLE_MS))).toBe(true);
  });
  it('slide the idle expiry with activity, at most once a minute', () => {
    const s = newSessionTimes(t0);
    expect(slidExpiry(s, at(30_000))).toBeNull();
    expect(slidExpiry(s, at(60_000))).toEqual(at(60_000 + IDLE_MS));
  });
  it('never slide past the absolute lifetime of 12 hours', () => {
    const s = { expiresAt: at(ABSOLUTE_MS - 5 * 60_000), absoluteExpiresAt: at(ABSOLUTE_MS) };
    expect(slidExpiry(s, at(ABSOLUTE_MS - 10 * 60_000))).toEqual(at(ABSOLUTE_MS));
    expect(isExpired({ expiresAt: at(ABSOLUTE_MS + IDLE_MS), absoluteExpiresAt: at(ABSOLUTE_MS) }, at(ABSOLUTE_MS))).toBe(true);
  });
  it('ask a second factor of partners, referrers and every team role, not of residents', () => {
    expect(needsTwoFactor(['resident'])).toBe(false);
    for (const role of ['partner', 'referrer', 'worker', 'planner', 'admin'] as const) expect(needsTwoFactor([role])).toBe(true);
    expect(needsTwoFactor(['worker', 'planner'])).toBe(true);
  });
  it('count a proof of identity as recent for ten minutes', () => {
    expect(isRecent(t0, at(9 * 60_000))).toBe(true);
    expect(isRecent(t0, at(10 * 60_000))).toBe(false);
    expect(isRecent(null, t0)).toBe(false);
  });
});

describe('sign-in lock', () => {
  it('lets four failures in a row pass, then doubles from 15 seconds up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(lockDelayMs)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7].map(lockDelayMs)).toEqual([15_000, 30_000, 60_000]);
    expect(lockDelayMs(50)).toBe(15 * 60_000);
  });
});

// Written to kill the mutants the first Stryker run left alive (docs/mutation.md).
describe('at the edges', () => {
  it('asks a second factor of anyone with a staff role, also when they are a resident too', () => {
    expect(needsTwoFactor(['resident', 'worker'])).toBe(true);
    expect(needsTwoFactor(['resident'])).toBe(false);
  });
  it('ends a rate-limit window exactly when its time is up', () => {
    expect(inWindow(t0, { max: 1, windowMs: 1000 }, at(999))).toBe(true);
    expect(inWindow(t0, { max: 1, windowMs: 1000 }, at(1000))).toBe(false);
  });
});
