import { describe, expect, it } from 'vitest';
import { aboutSchema, contactSchema, placeSchema, topicSchema, whenSchema } from '../../src/lib/schemas/signup.ts';
import { checkEligibility, expectedContactDays, newReference } from '../../src/lib/server/registrations/rules.ts';
import { parseLocalized } from '../../src/lib/i18n/zod.ts';
import { draftFor } from '../../src/lib/server/registrations/drafts.ts';

const region = { minAge: 18, maxAge: 65, postcodeAreas: ['7001', '7002'] };
const now = new Date('2026-11-23T12:00:00+01:00');

describe('eligibility', () => {
  it.each([
    [2008, true], // 18 this year
    [2009, false], // 17
    [1961, true], // 65
    [1960, false], // 66
  ])('born in %i: %s', (year, ok) => {
    expect(checkEligibility(year, '7001 AB', region, now).ok).toBe(ok);
  });
  it('names the reason, and checks the postcode area', () => {
    expect(checkEligibility(2010, '7001 AB', region, now)).toEqual({ ok: false, reason: 'too_young' });
    expect(checkEligibility(1950, '7001 AB', region, now)).toEqual({ ok: false, reason: 'too_old' });
    expect(checkEligibility(1990, '1011 AB', region, now)).toEqual({ ok: false, reason: 'outside_region' });
    expect(checkEligibility(1990, '7002CD', region, now)).toEqual({ ok: true });
  });
});

describe('expected time until contact', () => {
  it('uses the setting while there are fewer than five real waits', () => {
    expect(expectedContactDays([1, 2, 3, 4], 10)).toBe(10);
  });
  it('uses the median of real waits, rounded up', () => {
    expect(expectedContactDays([1, 9, 3, 4, 2], 10)).toBe(3);
    expect(expectedContactDays([1, 2, 3, 4, 5, 6], 10)).toBe(4);
  });
});

describe('reference codes', () => {
  it('are short, readable on the phone, and differ', () => {
    const a = newReference();
    expect(a).toMatch(/^HOG-[A-HJ-NP-Z2-9]{6}$/);
    expect(new Set(Array.from({ length: 50 }, newReference)).size).toBe(50);
  });
});

describe('sign-up fields', () => {
  const err = (schema: Parameters<typeof parseLocalized>[0], input: unknown, lang = 'nl') => {
    const r = parseLocalized(schema, input, lang);
    return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
  };
  it('limit names to 100 characters and free text to 4,000', () => {
    expect(err(aboutSchema, { callName: 'x'.repeat(101), birthYear: '1990', postcode: '7001 AB' })).toEqual(['callName: Gebruik niet meer dan 100 tekens.']);
    expect(err(topicSchema, { topic: 'x'.repeat(4001) })).toEqual(['topic: Gebruik niet meer dan 4000 tekens.']);
    expect(err(topicSchema, { topic: 'x'.repeat(4000) })).toEqual([]);
  });
  it('accept Dutch postcodes and phone numbers in their usual forms', () => {
    expect(parseLocalized(aboutSchema, { callName: 'Robin', birthYear: '1990', postcode: '7001ab' }, 'nl')).toMatchObject({ ok: true, data: { postcode: '7001 AB', birthYear: 1990 } });
    for (const phone of ['06 12345678', '06-12345678', '+31 6 12345678', '0314 123456']) {
      expect(err(contactSchema, { phone, voicemail: 'nee', sms: 'nee', senderNamed: 'nee' })).toEqual([]);
    }
    expect(err(contactSchema, { phone: '12345', voicemail: 'nee', sms: 'nee', senderNamed: 'nee' }, 'en')).toEqual(['phone: Enter a phone number, like 06 12345678.']);
  });
  it('ask for what a choice needs: an address at home, a date when "from"', () => {
    expect(err(placeSchema, { place: 'home' })).toEqual(['address: Vul je adres in.']);
    expect(err(placeSchema, { place: 'walk' })).toEqual([]);
    expect(err(whenSchema, { days: ['di'], parts: ['middag'], start: 'from' })).toEqual(['from: Vul een datum in.']);
    expect(err(whenSchema, { days: [], parts: ['middag'], start: 'asap' })).toEqual(['days: Kies minstens één dag.']);
  });
  it('refuse an implausible year of birth', () => {
    expect(err(aboutSchema, { callName: 'Robin', birthYear: '1850', postcode: '7001 AB' })).toEqual(['birthYear: Vul een jaartal in, zoals 1990.']);
  });
});

describe('a draft that changes a sign-up', () => {
  it('is visible only to the resident it belongs to', () => {
    const change = { editing: 'reg-1', owner: 'user-1', about: { callName: 'Robin', birthYear: 1990, postcode: '7001 AB' } };
    expect(draftFor(change, 'user-1')).toBe(change);
    expect(draftFor(change, 'user-2')).toBeNull();
    expect(draftFor(change, null)).toBeNull();
    const fresh = { about: change.about };
    expect(draftFor(fresh, null)).toBe(fresh);
  });
});
