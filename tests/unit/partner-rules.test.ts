import { describe, expect, it } from 'vitest';
import {
  confirmationState,
  contactKeys,
  MAX_WRONG_CODES,
  onBehalfRole,
  onBehalfVia,
  partnerSeesPlanned,
  statusForPartner,
  unconfirmedAction,
} from '../../src/lib/server/partner/rules.ts';
import { referralStepSchema } from '../../src/lib/schemas/signup.ts';
import { parseLocalized } from '../../src/lib/i18n/zod.ts';

const DAY = 86_400_000;
const now = new Date('2026-11-24T12:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);

describe('what a partner sees of a sign-up', () => {
  const seen = (status: string, partnerInformed: boolean, removed = false) =>
    statusForPartner({ status, partnerInformed, partnerAccessRemovedAt: removed ? now : null });

  it('always whether the resident has confirmed: the partner follows that up', () => {
    expect(seen('awaiting_confirmation', false)).toBe('awaiting_confirmation');
    expect(seen('received', false)).toBe('confirmed');
    expect(seen('planned', false)).toBe('confirmed');
  });

  it('the real status only when the resident chose to keep the partner informed', () => {
    expect(seen('planned', true)).toBe('planned');
    expect(seen('cancelled', true)).toBe('cancelled');
  });

  it('nothing at all once the resident ended the access', () => {
    expect(seen('planned', true, true)).toBeNull();
    expect(seen('awaiting_confirmation', false, true)).toBeNull();
  });
});

describe('the planned date a partner sees', () => {
  const sees = (status: string, partnerInformed: boolean, removed = false) =>
    partnerSeesPlanned({ status, partnerInformed, partnerAccessRemovedAt: removed ? now : null });

  it('only when the resident keeps the partner informed, has confirmed and did not end the access', () => {
    expect(sees('planned', true)).toBe(true);
    expect(sees('planned', false)).toBe(false);
    expect(sees('planned', true, true)).toBe(false);
    expect(sees('awaiting_confirmation', true)).toBe(false);
  });
});

describe('a confirmation code', () => {
  const code = (c: Partial<{ expiresAt: Date; usedAt: Date | null; revokedAt: Date | null; failedAttempts: number }> = {}) => ({
    expiresAt: new Date(now.getTime() + DAY),
    usedAt: null,
    revokedAt: null,
    failedAttempts: 0,
    ...c,
  });

  it('works once, until it expires, until a new letter replaces it, and not after five wrong tries', () => {
    expect(confirmationState(code(), now)).toBe('open');
    expect(confirmationState(code({ usedAt: now }), now)).toBe('used');
    expect(confirmationState(code({ expiresAt: now }), now)).toBe('expired');
    expect(confirmationState(code({ revokedAt: now }), now)).toBe('revoked');
    expect(confirmationState(code({ failedAttempts: MAX_WRONG_CODES - 1 }), now)).toBe('open');
    expect(confirmationState(code({ failedAttempts: MAX_WRONG_CODES }), now)).toBe('locked');
  });
});

describe('unconfirmed sign-ups', () => {
  const region = { confirmationReminderDays: 14, confirmationDeleteDays: 30 };

  it('remind the partner once after the reminder days and are deleted after the deletion days', () => {
    expect(unconfirmedAction({ createdAt: ago(13), partnerRemindedAt: null }, region, now)).toBeNull();
    expect(unconfirmedAction({ createdAt: ago(14), partnerRemindedAt: null }, region, now)).toBe('remind');
    expect(unconfirmedAction({ createdAt: ago(20), partnerRemindedAt: ago(5) }, region, now)).toBeNull();
    expect(unconfirmedAction({ createdAt: ago(30), partnerRemindedAt: ago(16) }, region, now)).toBe('delete');
  });

  it('follow the region: other days, other moments', () => {
    expect(unconfirmedAction({ createdAt: ago(7), partnerRemindedAt: null }, { confirmationReminderDays: 7, confirmationDeleteDays: 10 }, now)).toBe('remind');
    expect(unconfirmedAction({ createdAt: ago(10), partnerRemindedAt: null }, { confirmationReminderDays: 7, confirmationDeleteDays: 10 }, now)).toBe('delete');
  });
});

describe('contact details for finding the same person twice', () => {
  it('ignore case, spaces and the way a Dutch number is written', () => {
    expect(contactKeys({ email: ' Noor@Example.NL ' }).email).toBe('noor@example.nl');
    const a = contactKeys({ phone: '06 12345678' }).phone;
    expect(contactKeys({ phone: '+31612345678' }).phone).toBe(a);
    expect(contactKeys({ phone: '0031-6-1234-5678' }).phone).toBe(a);
    expect(contactKeys({})).toEqual({ email: null, phone: null });
  });
});

describe('a sign-up on behalf: a partner signs up, a referrer refers', () => {
  it('is a referral for a referrer and a partner sign-up for a partner, whatever the region takes', () => {
    for (const accessMode of ['open', 'referral', 'both'] as const) {
      expect(onBehalfVia(['referrer'], { accessMode })).toBe('referral');
      expect(onBehalfVia(['partner'], { accessMode })).toBe('partner');
    }
  });

  it('for someone with both roles: a referral where the region takes referrals, else a partner sign-up', () => {
    expect(onBehalfVia(['partner', 'referrer'], { accessMode: 'referral' })).toBe('referral');
    expect(onBehalfVia(['partner', 'referrer'], { accessMode: 'both' })).toBe('referral');
    expect(onBehalfVia(['partner', 'referrer'], { accessMode: 'open' })).toBe('partner');
  });

  it("is logged as the referrer's or the partner's look", () => {
    expect(onBehalfRole('referral')).toBe('referrer');
    expect(onBehalfRole('partner')).toBe('partner');
  });
});

describe("a referrer's extra step", () => {
  const step = { consentMethod: 'in_person', contactPerson: 'resident', partnerInformed: 'ja' };

  it('needs the practice and a short reason, trimmed', () => {
    const ok = parseLocalized(referralStepSchema, { ...step, practice: ' Praktijk De Linde ', reason: ' Somber sinds de scheiding. ' }, 'nl');
    expect(ok).toEqual({
      ok: true,
      data: {
        consentMethod: 'in_person',
        contactPerson: 'resident',
        partnerInformed: true,
        practice: 'Praktijk De Linde',
        reason: 'Somber sinds de scheiding.',
      },
    });
    const missing = parseLocalized(referralStepSchema, { ...step, practice: '', reason: '   ' }, 'nl');
    expect(missing.ok ? [] : missing.errors.map((e) => e.field)).toEqual(['practice', 'reason']);
  });

  it('refuses a reason over 500 characters and a practice over 100, with their own message', () => {
    const long = parseLocalized(referralStepSchema, { ...step, practice: 'p'.repeat(101), reason: 'r'.repeat(501) }, 'nl');
    expect(long.ok).toBe(false);
    if (!long.ok)
      expect(long.errors).toEqual([
        { field: 'practice', message: 'Schrijf de naam van je praktijk in 100 tekens of minder.' },
        { field: 'reason', message: 'Schrijf de reden in 500 tekens of minder.' },
      ]);
    expect(parseLocalized(referralStepSchema, { ...step, practice: 'p', reason: 'r'.repeat(500) }, 'nl').ok).toBe(true);
  });
});
