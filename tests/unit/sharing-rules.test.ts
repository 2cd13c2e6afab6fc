import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SHARE_DAYS,
  MAX_CODE_FAILURES,
  dayInput,
  defaultEndDate,
  endDateProblem,
  endOfChosenDay,
  isOpen,
  shareState,
} from '../../src/lib/server/sharing/rules.ts';
import { shareSchema } from '../../src/lib/schemas/report.ts';
import { parseLocalized } from '../../src/lib/i18n/zod.ts';
import { codeMatches, displayCode, hashAccessCode, newAccessCode, newShareLink, normalizeCode } from '../../src/lib/server/sharing/secrets.ts';

const now = new Date('2026-03-10T12:00:00+01:00');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const share = (over: Partial<{ endsAt: Date; withdrawnAt: Date | null; codeFailures: number }> = {}) => ({
  endsAt: later(30),
  withdrawnAt: null,
  codeFailures: 0,
  ...over,
});

describe('share state', () => {
  it('is active until its end, and ends exactly then', () => {
    expect(shareState(share(), now)).toBe('active');
    expect(shareState(share({ endsAt: now }), now)).toBe('ended');
    expect(isOpen(share({ endsAt: new Date(now.getTime() + 1) }), now)).toBe(true);
  });

  it('locks at the fifth wrong code, not before', () => {
    expect(shareState(share({ codeFailures: MAX_CODE_FAILURES - 1 }), now)).toBe('active');
    expect(shareState(share({ codeFailures: MAX_CODE_FAILURES }), now)).toBe('locked');
    expect(isOpen(share({ codeFailures: MAX_CODE_FAILURES }), now)).toBe(false);
  });

  it('says withdrawn before ended or locked: the most final reason', () => {
    expect(shareState(share({ withdrawnAt: now, endsAt: later(-1), codeFailures: 9 }), now)).toBe('withdrawn');
    expect(shareState(share({ endsAt: later(-1), codeFailures: 9 }), now)).toBe('ended');
  });
});

describe('end date', () => {
  it('defaults to 30 days and refuses the past and more than a year', () => {
    expect(defaultEndDate(now).getTime() - now.getTime()).toBe(DEFAULT_SHARE_DAYS * 86_400_000);
    expect(endDateProblem(later(-1), now)).toBe('past');
    expect(endDateProblem(later(365), now)).toBeNull();
    expect(endDateProblem(later(367), now)).toBe('tooFar');
    expect(endDateProblem(endOfChosenDay('2026-02-31'), now)).toBe('invalid');
    expect(endDateProblem(endOfChosenDay('2026-13-45'), now)).toBe('invalid');
  });

  it('ends a chosen day at its close in Dutch time, winter and summer', () => {
    expect(endOfChosenDay('2026-01-15').toISOString()).toBe('2026-01-15T22:59:59.000Z');
    expect(endOfChosenDay('2026-07-15').toISOString()).toBe('2026-07-15T21:59:59.000Z');
    expect(dayInput(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
    // The two days the clocks change (last Sunday of March and of October) close at their own offset.
    expect(endOfChosenDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.000Z');
    expect(endOfChosenDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.000Z');
    expect(dayInput(new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(dayInput(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });
});

describe('share secrets', () => {
  it('makes links of at least 128 bits and keeps only their hash', () => {
    const { token, tokenHash } = newShareLink();
    expect(token.length * 5).toBeGreaterThanOrEqual(128);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).not.toContain(token);
    expect(newShareLink().token).not.toBe(token);
  });

  it('makes codes of eight unambiguous characters', () => {
    const codes = Array.from({ length: 200 }, newAccessCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(displayCode('ABCDEFGH')).toBe('ABCD-EFGH');
  });

  it('accepts the code as people type it, bound to its own share', () => {
    const stored = hashAccessCode('share-1', 'ABCDEFGH');
    expect(normalizeCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(codeMatches('share-1', 'abcd efgh', stored)).toBe(true);
    expect(codeMatches('share-1', 'ABCDEFGJ', stored)).toBe(false);
    expect(codeMatches('share-2', 'ABCDEFGH', stored)).toBe(false);
    expect(codeMatches('share-1', 'ABCDEFGH', 'not-hex')).toBe(false);
  });
});

describe('the share form: an e-mail address only when the portal mails the link', () => {
  const base = { report: crypto.randomUUID(), name: 'Lotte', relation: 'naaste', scope: 'whole', endsOn: '2027-01-01' };
  const fields = (input: object) => {
    const parsed = parseLocalized(shareSchema, input, 'nl');
    return parsed.ok ? [] : parsed.errors.map((e) => e.field);
  };

  it('passes the link on by hand without an address, and ignores one typed anyway', () => {
    const parsed = parseLocalized(shareSchema, { ...base, send: 'self', email: 'x@y.nl' }, 'nl');
    expect(parsed).toMatchObject({ ok: true, data: { send: 'self' } });
    expect(parsed.ok && 'email' in parsed.data).toBe(false);
  });

  it('asks for the address when the portal mails, also from a form without the choice (an open old page)', () => {
    expect(fields({ ...base, send: 'email' })).toEqual(['email']);
    expect(fields({ ...base })).toEqual(['email']);
    expect(parseLocalized(shareSchema, { ...base, email: 'huisarts@praktijk.nl' }, 'nl')).toMatchObject({ ok: true, data: { send: 'email' } });
  });

  it('refuses another way, with a message on the choice', () => {
    const parsed = parseLocalized(shareSchema, { ...base, send: 'fax' }, 'nl');
    expect(parsed).toEqual({ ok: false, errors: [{ field: 'send', message: 'Kies hoe deze persoon de link krijgt.' }] });
  });
});
