import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { rateLimits } from '../../src/lib/server/db/schema/index.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { keyedHash } from '../../src/lib/server/crypto/keyed-hash.ts';
import { mailLink } from '../../src/lib/server/accounts/context.ts';
import { renderMail } from '../../src/lib/server/mail/templates.ts';
import { choiceLines } from '../../src/lib/server/registrations/mails.ts';
import { loadDraft, saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { mailResumeLink } from '../../src/lib/server/registrations/resume.ts';
import { insertUser } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { mailsTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

// Written to kill mutants the first Stryker run left alive in registrations/mails.ts and
// resume.ts (docs/mutation.md): each reads the lines or the mail a resident gets.
const database = useTestDatabase();

type Choices = Parameters<typeof choiceLines>[1];
const choices = (overrides: Partial<Choices> = {}): Choices => ({
  contact: { email: 'robin@test.example', voicemail: false, sms: false, senderNamed: true },
  place: { place: 'walk' },
  when: { days: ['ma', 'wo'], parts: ['ochtend', 'avond'], start: 'asap' },
  naaste: { withNaaste: false, language: 'nl', interpreter: false },
  ...overrides,
});
const lines = (overrides: Partial<Choices> = {}, lang = 'nl', discreet = false) => choiceLines(database.db, choices(overrides), lang, discreet);

describe('the choices repeated in a sign-up mail', () => {
  it('name the place, the days and parts in lower case, the start, who comes along and an interpreter', async () => {
    expect(await lines()).toEqual([
      'Waar: Tijdens een wandeling buiten',
      'Wanneer: maandag, woensdag; ochtend, avond',
      'Zo snel mogelijk',
      'Je komt zonder iemand anders.',
    ]);
    expect(
      await lines({
        place: { place: 'home', address: 'Dorpsstraat 1' },
        when: { days: ['za'], parts: ['middag'], start: 'from', from: '2026-12-14' },
        naaste: { withNaaste: true, naasteName: 'Kim', inviteNaaste: true, language: 'nl', interpreter: true },
      }),
    ).toEqual([
      'Waar: Bij mij thuis',
      'Wanneer: zaterdag; middag',
      'Niet eerder dan 2026-12-14',
      'Je neemt Kim mee. Wij sturen Kim een uitnodiging als de datum bekend is.',
      'Er komt een tolk bij.',
    ]);
    expect(
      await lines({
        place: { place: 'other', otherPlace: 'Het park' },
        naaste: { withNaaste: true, naasteName: 'Kim', inviteNaaste: false, language: 'nl', interpreter: false },
      }),
    ).toEqual([
      'Waar: Ergens anders: Het park',
      'Wanneer: maandag, woensdag; ochtend, avond',
      'Zo snel mogelijk',
      'Je neemt Kim mee. Wij sturen Kim geen uitnodiging: dat regel je zelf.',
    ]);
  });

  it('are in the language asked', async () => {
    expect(await lines({ place: { place: 'other' } }, 'en')).toEqual([
      'Where: Somewhere else: ',
      'When: Monday, Wednesday; morning, evening',
      'As soon as possible',
      'You come without anyone else.',
    ]);
  });

  it('name a place from the catalogue in the language asked, but not in a discreet mail, nor one that is gone', async () => {
    const region = await insertRegion(database.db);
    const place = await insertLocation(database.db, region.id, { name: 'Bibliotheek Oost', names: { nl: 'Bibliotheek Oost', en: 'Library East' } });
    const at = { place: { place: `location:${place.id}` } };
    expect((await lines(at))[0]).toBe('Waar: Bibliotheek Oost');
    expect((await lines(at, 'en'))[0]).toBe('Where: Library East');
    expect(await lines(at, 'nl', true)).toEqual(['Wanneer: maandag, woensdag; ochtend, avond', 'Zo snel mogelijk', 'Je komt zonder iemand anders.']);
    expect((await lines({ place: { place: 'location:00000000-0000-4000-8000-000000000000' } }))[0]).toBe('Wanneer: maandag, woensdag; ochtend, avond');
  });

  it('say "from a date" only when a date was given', async () => {
    expect((await lines({ when: { days: ['ma'], parts: ['ochtend'], start: 'from' } }))[2]).toBe('Zo snel mogelijk');
  });
});

describe('the link to go on with a sign-up later', () => {
  const draft = (senderNamed: boolean): SignupAnswers => ({
    about: { callName: 'Robin', birthYear: 1990, postcode: '7001 AB' },
    contact: { email: 'robin@test.example', voicemail: false, sms: false, senderNamed },
  });

  it('is mailed to the address given, in the language asked, discreetly unless the service’s name was allowed', async () => {
    for (const [senderNamed, to] of [
      [true, 'verder-ja@test.example'],
      [false, 'verder-nee@test.example'],
    ] as const) {
      const token = await saveDraft(database.db, undefined, draft(senderNamed));
      expect(await mailResumeLink(database.db, token, to, 'en', '192.0.2.0/24')).toBe('sent');
      const [mail] = await mailsTo(database.db, to);
      expect(mail).toMatchObject(renderMail('resumeSignup', 'en', { link: mailLink(`/aanmelden/verder/${token}`, 'en') }, { discreet: !senderNamed }));
    }
  });

  it('is not mailed for a draft that changes a sign-up, nor without a draft', async () => {
    const owner = await insertUser(database.db);
    const editing = await saveDraft(database.db, undefined, { ...draft(true), editing: '00000000-0000-4000-8000-000000000001', owner: owner.id });
    expect(await loadDraft(database.db, editing)).not.toBeNull();
    expect(await mailResumeLink(database.db, editing, 'bewerken@test.example', 'nl', null)).toBe('no_draft');
    expect(await mailResumeLink(database.db, undefined, 'bewerken@test.example', 'nl', null)).toBe('no_draft');
    expect(await mailResumeLink(database.db, 'bestaat-niet', 'bewerken@test.example', 'nl', null)).toBe('no_draft');
    expect(await mailsTo(database.db, 'bewerken@test.example')).toEqual([]);
  });

  it('counts against the address (in any case), the draft, and the network, or all unknown networks together', async () => {
    const full = (name: string) => database.db.insert(rateLimits).values({ key: keyedHash(name), windowStart: new Date(), count: 100 });
    const free = (name: string) => database.db.delete(rateLimits).where(eq(rateLimits.key, keyedHash(name)));
    const token = await saveDraft(database.db, undefined, draft(true));
    const send = (to: string, ip: string | null) => mailResumeLink(database.db, token, to, 'nl', ip);

    await full('mail:vol@test.example');
    expect(await send('Vol@Test.example', '192.0.2.0/24')).toBe('throttled');
    await free('mail:vol@test.example');
    await full(`resume:draft:${token}`);
    expect(await send('een@test.example', '192.0.2.0/24')).toBe('throttled');
    await free(`resume:draft:${token}`);
    await full('resume:ip:unknown');
    expect(await send('twee@test.example', null)).toBe('throttled');
    expect(await send('twee@test.example', '192.0.2.0/24')).toBe('sent');
    await full('resume:ip:198.51.100.0/24');
    expect(await send('drie@test.example', '198.51.100.0/24')).toBe('throttled');
    expect(await mailsTo(database.db, 'vol@test.example')).toEqual([]);
    expect(await mailsTo(database.db, 'een@test.example')).toEqual([]);
  });
});
