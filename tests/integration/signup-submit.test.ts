import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rateLimits, registrations, users } from '../../src/lib/server/db/schema/index.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { keyedHash } from '../../src/lib/server/crypto/keyed-hash.ts';
import { verifyPassword } from '../../src/lib/server/auth/passwords.ts';
import { mailLink, type RequestContext } from '../../src/lib/server/accounts/context.ts';
import { confirmWithCode } from '../../src/lib/server/accounts/registration.ts';
import { peekToken } from '../../src/lib/server/accounts/user-tokens.ts';
import { renderMail } from '../../src/lib/server/mail/templates.ts';
import { loadDraft, saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { CONSENT_VERSION, isComplete, submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { openDetails } from '../../src/lib/server/registrations/queries.ts';
import { cancelForResident, undoCancelForResident } from '../../src/lib/server/registrations/cancel.ts';
import { listQueue } from '../../src/lib/server/registrations/queue.ts';
import { contactHashes } from '../../src/lib/server/partner/contact-hash.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { mailsTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

// Written to kill mutants the first Stryker run left alive in registrations/submit.ts and
// new-account.ts (docs/mutation.md): each test reads back what was stored or mailed.
const database = useTestDatabase();
const ctx = requestContext;
const nobody = { signedIn: null, newAccountPassword: null };
const PASSWORD = 'een lange zin voor mij';

let n = 0;
const address = () => `inwoner-${++n}-${Date.now()}@test.example`;

/** A complete draft with no optional answer. */
const plain = (email = address()): Required<Omit<SignupAnswers, 'editing' | 'owner' | 'confirming' | 'confirmedVia' | 'partner'>> => ({
  about: { callName: 'Robin', birthYear: 1990, postcode: '7001 AB' },
  contact: { email, voicemail: false, sms: false, senderNamed: true },
  topic: {},
  place: { place: 'walk' },
  when: { days: ['di'], parts: ['middag'], start: 'asap' },
  naaste: { withNaaste: false, language: 'nl', interpreter: false },
});

async function submitDraft(a: SignupAnswers, who: Parameters<typeof submitRegistration>[3] = nobody, c: RequestContext = ctx) {
  const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
  const token = await saveDraft(database.db, undefined, a);
  return { region, token, result: await submitRegistration(database.db, region, token, who, c) };
}

async function rowOf(result: Awaited<ReturnType<typeof submitRegistration>>) {
  if (!result.ok) throw new Error(`not submitted: ${result.reason}`);
  const [row] = await database.db.select().from(registrations).where(eq(registrations.id, result.registrationId));
  return row!;
}

/** The last mail to `to` with the subject of `expected`: a sign-up mails its own confirmation too. */
async function lastLike(to: string, expected: { subject: string }) {
  return (await mailsTo(database.db, to)).filter((m) => m.subject === expected.subject).at(-1);
}

const regionRows = async (regionId: string) => database.db.select().from(registrations).where(eq(registrations.regionId, regionId));

describe('a draft that lacks a step', () => {
  it('is refused as incomplete, whichever step is missing, and nothing is made', async () => {
    for (const step of ['about', 'contact', 'topic', 'place', 'when', 'naaste'] as const) {
      const draft: SignupAnswers = { ...plain() };
      delete draft[step];
      const { region, token, result } = await submitDraft(draft);
      expect(result, step).toEqual({ ok: false, reason: 'incomplete' });
      expect(await regionRows(region.id), step).toEqual([]);
      // The draft stays, so the resident can fill in what is missing.
      expect(await loadDraft(database.db, token), step).not.toBeNull();
    }
    expect(isComplete(null)).toBe(false);
    expect(isComplete(plain())).toBe(true);
  });
});

describe('a sign-up stores', () => {
  it('every optional answer it was given, with another place and another language', async () => {
    const email = address();
    const a: SignupAnswers = {
      about: { callName: 'Robin', birthYear: 1985, postcode: '7001 AB' },
      contact: { email, phone: '0612345678', bestTimes: 'na vijf uur', voicemail: true, sms: true, senderNamed: true },
      topic: { topic: 'Mijn vader', help: 'Iemand die luistert' },
      place: { place: 'other', otherPlace: 'Het park bij de kerk' },
      when: { days: ['ma', 'vr'], parts: ['ochtend', 'avond'], start: 'from', from: '2026-12-14' },
      naaste: {
        withNaaste: true,
        naasteName: 'Kim',
        naasteRelation: 'zus',
        naasteContact: 'kim@test.example',
        inviteNaaste: true,
        language: 'other',
        otherLanguage: 'Tigrinya',
        interpreter: true,
        accessibility: 'Ik gebruik een rolstoel',
      },
    };
    const { region, result } = await submitDraft(a);
    const row = await rowOf(result);
    expect(openDetails(row)).toEqual({
      callName: 'Robin',
      postcode: '7001 AB',
      contact: a.contact,
      topic: 'Mijn vader',
      help: 'Iemand die luistert',
      address: null,
      otherPlace: 'Het park bij de kerk',
      naaste: { name: 'Kim', relation: 'zus', contact: 'kim@test.example', invite: true },
      otherLanguage: 'Tigrinya',
      accessibility: 'Ik gebruik een rolstoel',
    });
    expect(row).toMatchObject({
      regionId: region.id,
      residentId: null,
      source: 'resident',
      status: 'received',
      birthYear: 1985,
      postcodeArea: '7001',
      placeKind: 'other',
      locationId: null,
      availability: { days: ['ma', 'vr'], parts: ['ochtend', 'avond'], asap: false, from: '2026-12-14' },
      language: 'other',
      interpreter: true,
      withNaaste: true,
      consentVersion: CONSENT_VERSION,
      ...contactHashes(a.contact!),
    });
    expect(row.contactEmailHash).not.toBeNull();
    expect(row.contactPhoneHash).not.toBeNull();
    expect(Math.abs(row.consentAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('nothing for what was not answered, and a catalogue place as its location', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const library = await insertLocation(database.db, region.id);
    const a = { ...plain(), place: { place: `location:${library.id}` }, naaste: { withNaaste: false, language: 'en' as const, interpreter: false } };
    const token = await saveDraft(database.db, undefined, a);
    const row = await rowOf(await submitRegistration(database.db, region, token, nobody, ctx));
    expect(openDetails(row)).toEqual({
      callName: 'Robin',
      postcode: '7001 AB',
      contact: a.contact,
      topic: null,
      help: null,
      address: null,
      otherPlace: null,
      naaste: null,
      otherLanguage: null,
      accessibility: null,
    });
    expect(row).toMatchObject({
      placeKind: 'catalogue',
      locationId: library.id,
      availability: { days: ['di'], parts: ['middag'], asap: true, from: null },
      language: 'en',
      interpreter: false,
      withNaaste: false,
      contactPhoneHash: null,
    });
  });

  it('an address only for a talk at home, and a naaste without relation or contact as such', async () => {
    const a = {
      ...plain(),
      place: { place: 'home', address: 'Dorpsstraat 1, Oostveld' },
      naaste: { withNaaste: true, naasteName: 'Kim', inviteNaaste: false, language: 'nl' as const, interpreter: false },
    };
    const row = await rowOf((await submitDraft(a)).result);
    expect(openDetails(row)).toMatchObject({
      address: 'Dorpsstraat 1, Oostveld',
      otherPlace: null,
      naaste: { name: 'Kim', relation: null, contact: null, invite: false },
    });
    expect(row.placeKind).toBe('home');
  });
});

describe('a sign-up is refused, and nothing made', () => {
  it('without a draft, or with one that expired or never was', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    expect(await submitRegistration(database.db, region, undefined, nobody, ctx)).toEqual({ ok: false, reason: 'no_draft' });
    expect(await submitRegistration(database.db, region, 'geen-echte-draft', nobody, ctx)).toEqual({ ok: false, reason: 'no_draft' });
    const old = await saveDraft(database.db, undefined, plain(), new Date(Date.now() - 8 * 86_400_000));
    expect(await submitRegistration(database.db, region, old, nobody, ctx)).toEqual({ ok: false, reason: 'no_draft' });
    expect(await regionRows(region.id)).toEqual([]);
  });

  it('when an account is asked without an e-mail address to make it with', async () => {
    const a = { ...plain(), contact: { phone: '0612345678', voicemail: false, sms: false, senderNamed: true } };
    const usersBefore = (await database.db.select().from(users)).length;
    const { region, result } = await submitDraft(a, { signedIn: null, newAccountPassword: PASSWORD });
    expect(result).toEqual({ ok: false, reason: 'needs_email' });
    expect(await regionRows(region.id)).toEqual([]);
    expect(await database.db.select().from(users)).toHaveLength(usersBefore);
    // Without an account asked, a phone number alone is enough.
    expect((await submitDraft(a)).result).toMatchObject({ ok: true });
  });

  it('when the network sent its hour’s sign-ups; without a known network, all such posts share one quota', async () => {
    const full = async (name: string) =>
      database.db
        .insert(rateLimits)
        .values({ key: keyedHash(name), windowStart: new Date(), count: 60 })
        .onConflictDoUpdate({ target: rateLimits.key, set: { windowStart: new Date(), count: 60 } });
    await full('signup:ip:198.51.100.0/24');
    const elsewhere = { ...ctx, ipPrefix: '198.51.100.0/24' };
    const throttled = await submitDraft(plain(), nobody, elsewhere);
    expect(throttled.result).toEqual({ ok: false, reason: 'throttled' });
    expect(await regionRows(throttled.region.id)).toEqual([]);
    expect((await submitDraft(plain(), nobody, { ...ctx, ipPrefix: '203.0.113.0/24' })).result).toMatchObject({ ok: true });

    await full('signup:ip:unknown');
    expect((await submitDraft(plain(), nobody, { ...ctx, ipPrefix: null })).result).toEqual({ ok: false, reason: 'throttled' });
    await database.db.delete(rateLimits).where(eq(rateLimits.key, keyedHash('signup:ip:unknown')));
    expect((await submitDraft(plain(), nobody, { ...ctx, ipPrefix: null })).result).toMatchObject({ ok: true });
  });
});

describe('a sign-up with a new account', () => {
  it('makes a resident account in the visitor’s language, and mails a code and a link that confirm it', async () => {
    const email = address();
    const en = { ...ctx, lang: 'en' };
    const { result, region } = await submitDraft({ ...plain(email.toUpperCase()) }, { signedIn: null, newAccountPassword: PASSWORD }, en);
    expect(result).toMatchObject({ ok: true, accountMailed: true });
    const [user] = await database.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ roles: ['resident'], language: 'en', emailVerifiedAt: null });
    expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(true);
    expect((await rowOf(result)).residentId).toBe(user!.id);

    const mail = (await mailsTo(database.db, email)).find((m) => m.text.includes('/account-bevestigen/'))!;
    const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
    const token = /\/account-bevestigen\/(\S+)/.exec(mail.text)![1]!;
    // Greeted by the sign-up's call name, with the phone number of its region.
    expect(mail).toMatchObject(
      renderMail('emailConfirmation', 'en', { name: 'Robin', code, link: mailLink(`/account-bevestigen/${token}`, 'en') }, { discreet: false, region }),
    );
    expect(mail.text).toContain('/en/account-bevestigen/');
    expect(await peekToken(database.db, token, 'email_confirmation')).toMatchObject({ userId: user!.id });
    expect(await confirmWithCode(database.db, email, code, ctx)).toEqual({ ok: true });
  });

  it('tells the owner of an existing account, in their language and discreetly when any of their sign-ups said no', async () => {
    const owner = await insertUser(database.db, { language: 'en' });
    // Their own earlier sign-ups: one allows the service's name, one does not.
    await submitDraft({ ...plain(owner.email) }, { signedIn: { id: owner.id }, newAccountPassword: null });
    const asOwner = { signedIn: null, newAccountPassword: PASSWORD };
    const named = await submitDraft({ ...plain(owner.email) }, asOwner);
    expect(named.result).toMatchObject({ ok: true, accountMailed: false });
    expect((await rowOf(named.result)).residentId).toBeNull();
    const link = mailLink('/inloggen', 'en');
    const plainMail = renderMail('accountExists', 'en', { name: owner.name ?? 'Robin', link }, { discreet: false, region: named.region });
    expect(await lastLike(owner.email, plainMail)).toMatchObject(plainMail);

    const discreetDraft = plain(owner.email);
    discreetDraft.contact = { ...discreetDraft.contact, senderNamed: false };
    await submitDraft(discreetDraft, { signedIn: { id: owner.id }, newAccountPassword: null });
    const again = await submitDraft({ ...plain(owner.email) }, asOwner);
    const discreetMail = renderMail('accountExists', 'en', { name: owner.name ?? 'Robin', link }, { discreet: true, region: again.region });
    expect(await lastLike(owner.email, discreetMail)).toMatchObject(discreetMail);
  });

  it('tells the owner discreetly when the new sign-up itself said no', async () => {
    const owner = await insertUser(database.db);
    const a = plain(owner.email);
    a.contact = { ...a.contact, senderNamed: false };
    const { region } = await submitDraft(a, { signedIn: null, newAccountPassword: PASSWORD });
    const expected = renderMail('accountExists', 'nl', { name: owner.name ?? 'Robin', link: mailLink('/inloggen', 'nl') }, { discreet: true, region });
    expect(await lastLike(owner.email, expected)).toMatchObject(expected);
  });
});

describe('the mail that confirms a sign-up', () => {
  it('greets by name, repeats the code and the choices, and is signed with the region and its contact', async () => {
    const email = address();
    const { result, region } = await submitDraft(plain(email));
    if (!result.ok) throw new Error('not submitted');
    const expected = renderMail(
      'signupReceived',
      'nl',
      {
        name: 'Robin',
        reference: result.reference,
        details: ['Waar: Tijdens een wandeling buiten', 'Wanneer: dinsdag; middag', 'Zo snel mogelijk', 'Je komt zonder iemand anders.'],
      },
      { discreet: false, region },
    );
    expect(await lastLike(email, expected)).toMatchObject(expected);
    expect(expected.text).toContain(`Team Herstelgesprek ${region.name}`);
  });
});

describe('the planner queue total', () => {
  it('counts a new sign-up, a cancel and an undo at once, not after its cache ends', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const owner = await insertUser(database.db);
    const planner = await insertUser(database.db, { roles: ['planner'] });
    const reader = { userId: planner.id, role: 'planner' as const, ipPrefix: null };
    const total = async () => (await listQueue(database.db, region.id, reader)).total;
    expect(await total()).toBe(0);
    const token = await saveDraft(database.db, undefined, plain());
    const made = await submitRegistration(database.db, region, token, { signedIn: { id: owner.id }, newAccountPassword: null }, ctx);
    if (!made.ok) throw new Error('not submitted');
    expect(await total()).toBe(1);
    expect(await cancelForResident(database.db, owner.id, made.registrationId, false, ctx)).toBe(true);
    expect(await total()).toBe(0);
    expect(await undoCancelForResident(database.db, owner.id, made.registrationId, ctx)).toBe(true);
    expect(await total()).toBe(1);
  });
});
