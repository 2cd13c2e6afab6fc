import { describe, expect, it } from 'vitest';
import { aboutSchema, contactSchema, naasteSchema, placeSchema, topicSchema, whenSchema } from '../../src/lib/schemas/signup.ts';
import { canUndoCancel, checkEligibility, expectedContactDays, newReference } from '../../src/lib/server/registrations/rules.ts';
import { parseLocalized } from '../../src/lib/i18n/zod.ts';
import { draftFor } from '../../src/lib/server/registrations/drafts.ts';
import { kindNote, placeName } from '../../src/lib/server/locations/queries.ts';

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
    expect(parseLocalized(aboutSchema, { callName: 'Robin', birthYear: '1990', postcode: '7001ab' }, 'nl')).toMatchObject({
      ok: true,
      data: { postcode: '7001 AB', birthYear: 1990 },
    });
    for (const phone of ['06 12345678', '06-12345678', '+31 6 12345678', '0314 123456']) {
      expect(err(contactSchema, { phone, voicemail: 'nee', sms: 'nee', senderNamed: 'nee' })).toEqual([]);
    }
    expect(err(contactSchema, { phone: '12345', voicemail: 'nee', sms: 'nee', senderNamed: 'nee' }, 'en')).toEqual([
      'phone: Enter a phone number, like 06 12345678.',
    ]);
  });
  it('ask for what a choice needs: an address at home, a date when "from"', () => {
    expect(err(placeSchema, { place: 'home' })).toEqual(['address: Vul je adres in.']);
    expect(err(placeSchema, { place: 'walk' })).toEqual([]);
    expect(err(whenSchema, { days: ['di'], parts: ['middag'], start: 'from' })).toEqual(['from: Vul een datum in, zoals 15-03-2027.']);
    expect(err(whenSchema, { days: [], parts: ['middag'], start: 'asap' })).toEqual(['days: Kies minstens één dag.']);
  });
  it('refuse an implausible year of birth', () => {
    const year = new Date().getFullYear();
    for (const bad of ['1850', String(year + 1), '19900', '1990.5', '1e3', 'negentig', ' ']) {
      expect(err(aboutSchema, { callName: 'Robin', birthYear: bad, postcode: '7001 AB' }), bad).toEqual(['birthYear: Vul je geboortejaar in, zoals 1990.']);
    }
    for (const [typed, expected] of [
      [' 1990 ', 1990],
      ['1900', 1900],
      [String(year), year],
    ] as const) {
      expect(parseLocalized(aboutSchema, { callName: 'Robin', birthYear: typed, postcode: '7001 AB' }, 'nl')).toMatchObject({
        ok: true,
        data: { birthYear: expected },
      });
    }
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

describe('conditional fields (the same schema in the browser and on the server)', () => {
  const err = (schema: Parameters<typeof parseLocalized>[0], input: unknown, lang = 'nl') => {
    const r = parseLocalized(schema, input, lang);
    return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
  };
  const naaste = { withNaaste: 'nee', language: 'nl', interpreter: 'nee' };
  it('require "Welke taal?" with "Een andere taal", and the naaste’s name and invitation with "Ja"', () => {
    expect(err(naasteSchema, { ...naaste, language: 'other' })).toEqual(['otherLanguage: Vul in welke taal je wilt praten.']);
    expect(err(naasteSchema, { ...naaste, language: 'other', otherLanguage: 'Tigrinya' })).toEqual([]);
    expect(err(naasteSchema, { ...naaste, withNaaste: 'ja' }, 'en')).toEqual([
      'naasteName: Enter the name of the person you bring.',
      'inviteNaaste: Choose if we send this person an invitation.',
    ]);
    expect(err(naasteSchema, { ...naaste, withNaaste: 'ja', naasteName: 'Kim', inviteNaaste: 'nee' })).toEqual([]);
  });
  it('refuse a value typed for an answer that was not chosen, instead of dropping it silently', () => {
    expect(err(naasteSchema, { ...naaste, otherLanguage: 'Tigrinya' })).toEqual([
      "otherLanguage: Je koos geen andere taal. Maak 'Welke taal?' leeg, of kies 'Een andere taal'.",
    ]);
    expect(err(naasteSchema, { ...naaste, naasteName: 'Kim', naasteContact: '06 1' })).toHaveLength(2);
    expect(err(placeSchema, { place: 'walk', address: 'Lindelaan 1' })).toEqual([
      "address: Je koos niet 'Bij mij thuis'. Maak het adres leeg, of kies 'Bij mij thuis'.",
    ]);
    expect(err(whenSchema, { days: ['di'], parts: ['middag'], start: 'asap', from: '2027-01-01' })).toHaveLength(1);
  });
});

describe('error messages (GOV.UK patterns)', () => {
  const err = (schema: Parameters<typeof parseLocalized>[0], input: unknown, lang = 'nl') => {
    const r = parseLocalized(schema, input, lang);
    return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
  };
  it('name the question of each empty group, and show every problem of a step at once', () => {
    expect(err(contactSchema, {})).toEqual([
      'voicemail: Kies of we een bericht mogen inspreken.',
      'sms: Kies of we je een sms mogen sturen.',
      'senderNamed: Kies of de naam van de dienst in een e-mail of sms mag staan.',
      'email: Vul een e-mailadres of een telefoonnummer in. Dan kunnen we je bereiken.',
    ]);
    expect(err(whenSchema, {}, 'en')).toEqual([
      'days: Choose at least one day.',
      'parts: Choose at least one time of day.',
      'start: Choose from when you can.',
    ]);
    expect(err(aboutSchema, {})).toEqual([
      'callName: Vul in hoe we je mogen noemen.',
      'birthYear: Vul je geboortejaar in, zoals 1990.',
      'postcode: Vul je postcode in, zoals 7001 AB.',
    ]);
  });
  it('never repeat one sentence for different questions, and never say "Vul dit in" or "Er ging iets mis"', () => {
    const all = [...err(contactSchema, {}), ...err(naasteSchema, {}), ...err(whenSchema, {}), ...err(placeSchema, {}), ...err(aboutSchema, {})].map(
      (e) => e.split(': ')[1],
    );
    expect(new Set(all).size).toBe(all.length);
    for (const message of all) expect(message).not.toMatch(/Vul dit in|Er ging iets mis|Kies een van de mogelijkheden/);
  });
});

describe('undoing a cancel', () => {
  const cancelledAt = new Date('2026-11-20T10:00:00Z');
  it('is possible for 7 days while the status before the cancel is kept', () => {
    const r = { status: 'cancelled', cancelledAt, statusBeforeCancel: 'received' };
    expect(canUndoCancel(r, new Date('2026-11-27T09:59:00Z'))).toBe(true);
    expect(canUndoCancel(r, new Date('2026-11-27T10:01:00Z'))).toBe(false);
    expect(canUndoCancel({ ...r, statusBeforeCancel: null }, new Date('2026-11-21T10:00:00Z'))).toBe(false);
    expect(canUndoCancel({ ...r, status: 'received' }, new Date('2026-11-21T10:00:00Z'))).toBe(false);
  });
});

describe('place names', () => {
  it('come in the resident’s language, falling back to Dutch and then to the staff name', () => {
    expect(placeName({ name: 'Online, via een videogesprek', names: { nl: 'Online, via een videogesprek', en: 'Online, by video call' } }, 'en')).toBe(
      'Online, by video call',
    );
    expect(placeName({ name: 'Wijkcentrum', names: { nl: 'Wijkcentrum De Horst' } }, 'en')).toBe('Wijkcentrum De Horst');
    expect(placeName({ name: 'Wijkcentrum', names: null }, 'en')).toBe('Wijkcentrum');
  });
  it('get their kind beside them only when the name does not say it already', () => {
    expect(kindNote('Stadskamer Oostveld', 'Herstelcentrum')).toBe('Herstelcentrum');
    expect(kindNote('GGZ Oostveld, locatie Parkweg', 'GGZ (hulp bij psychische klachten)')).toBeNull();
    expect(kindNote('Online, by video call', 'Online')).toBeNull();
  });
});

// Written to kill the mutants the first Stryker run left alive (docs/mutation.md).
describe('sign-up rules at the edges', () => {
  const cancelledAt = new Date('2026-11-01T10:00:00Z');
  const until = new Date(cancelledAt.getTime() + 7 * 86_400_000);
  it('a region without postcode areas takes no one (with many regions it cannot mean everyone); spaces in a postcode do not matter', () => {
    const now = new Date('2026-06-01');
    const base = { minAge: 18, maxAge: 120, postcodeAreas: [] as string[] };
    expect(checkEligibility(1990, '9999 ZZ', base, now)).toEqual({ ok: false, reason: 'outside_region' });
    expect(checkEligibility(1990, '70 01 AB', { ...base, postcodeAreas: ['7001'] }, now)).toEqual({ ok: true });
  });
  it('the median of an even number of unsorted waits is the mean of the middle two', () => {
    expect(expectedContactDays([9, 7, 1, 2, 3, 5], 10)).toBe(4);
  });
  it('a cancel can be taken back until, not at, the end of its seven days', () => {
    const r = { status: 'cancelled', cancelledAt, statusBeforeCancel: 'new' };
    expect(canUndoCancel(r, new Date(until.getTime() - 1))).toBe(true);
    expect(canUndoCancel(r, until)).toBe(false);
  });
  it('no draft stays no draft for anyone', () => {
    expect(draftFor(null, 'someone')).toBeNull();
  });
});
