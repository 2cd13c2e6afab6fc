import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { accessLog, registrationConfirmations, registrations, users } from '../../src/lib/server/db/schema/index.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { loadDraft, saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { submitForResident } from '../../src/lib/server/partner/submit.ts';
import { verifyCode, verifyLink } from '../../src/lib/server/partner/confirmations.ts';
import { confirmRegistration, confirmationContext, openForConfirmation } from '../../src/lib/server/partner/confirm.ts';
import { letterForResident } from '../../src/lib/server/partner/letter.ts';
import { listForPartner, removePartnerAccess } from '../../src/lib/server/partner/queries.ts';
import { confirmByPhone, listAwaiting } from '../../src/lib/server/partner/team.ts';
import { tidyUnconfirmed } from '../../src/lib/server/partner/housekeeping.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions.ts';
import { deactivateAccount } from '../../src/lib/server/accounts/staff.ts';
import { listForResident } from '../../src/lib/server/registrations/queries.ts';
import { insertRegion } from '../builders/region.ts';
import { lastMailTo, mailsTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();
const TOPIC = 'Ik slaap slecht sinds de verhuizing';

const answers = (email: string, overrides: Partial<SignupAnswers> = {}): SignupAnswers => ({
  about: { callName: 'Noor van Dam', birthYear: 1985, postcode: '7001 AB' },
  contact: { email, voicemail: true, sms: true, senderNamed: true },
  topic: { topic: TOPIC },
  place: { place: 'walk' },
  when: { days: ['di'], parts: ['middag'], start: 'asap' },
  naaste: { withNaaste: false, language: 'nl', interpreter: false },
  partner: { consentMethod: 'in_person', contactPerson: 'resident', partnerInformed: true },
  ...overrides,
});

const unique = () => `noor-${Math.random().toString(36).slice(2)}@test.example`;

async function setUp() {
  const db = database.db;
  const region = await insertRegion(db, { postcodeAreas: ['7001'] });
  const partner = await insertUser(db, { roles: ['partner'] });
  await db.update(users).set({ name: 'Joyce Bakker', organisation: 'Buurtteam Oost' }).where(eq(users.id, partner.id));
  return { db, region, partner };
}

/** A partner's sign-up; returns it with the link and code from the resident's mail. */
async function signUp(s: Awaited<ReturnType<typeof setUp>>, email = unique(), overrides: Partial<SignupAnswers> = {}) {
  const token = await saveDraft(s.db, undefined, answers(email, overrides), new Date(), s.partner.id);
  const result = await submitForResident(s.db, s.region, s.partner, token, requestContext);
  if (!result.ok) throw new Error(result.reason);
  const mail = (await lastMailTo(s.db, email))!;
  const [, code] = /^Bevestigingscode: (\d{6})$/m.exec(mail.text)!;
  const link = /\/bevestigen-aanmelding\/([a-z2-7]{32})/.exec(mail.text)![1]!;
  return { ...result, email, code: code!, link, draftToken: token };
}

describe("a partner's sign-up", () => {
  it('waits for the resident, records the consent, and mails the resident a link and code', async () => {
    const s = await setUp();
    const made = await signUp(s);
    const [r] = await s.db.select().from(registrations).where(eq(registrations.id, made.registrationId));
    expect(r).toMatchObject({
      status: 'awaiting_confirmation',
      source: 'partner',
      partnerId: s.partner.id,
      partnerConsentMethod: 'in_person',
      partnerInformed: true,
    });
    expect(r!.partnerConsentAt).toBeInstanceOf(Date);
    expect(r!.contactEmailHash).toMatch(/^[0-9a-f]{64}$/);
    const [c] = await s.db.select().from(registrationConfirmations).where(eq(registrationConfirmations.registrationId, r!.id));
    // Only hashes: neither the code nor the link token is in the row.
    expect(JSON.stringify(c)).not.toContain(made.code);
    expect(JSON.stringify(c)).not.toContain(made.link);
  });

  it("is made from the partner's own draft only: another partner cannot use or read it", async () => {
    const s = await setUp();
    const other = await insertUser(s.db, { roles: ['partner'] });
    const token = await saveDraft(s.db, undefined, answers(unique()), new Date(), s.partner.id);
    expect(await loadDraft(s.db, token, new Date(), other.id)).toBeNull();
    expect(await loadDraft(s.db, token)).toBeNull();
    expect(await submitForResident(s.db, s.region, other, token, requestContext)).toEqual({ ok: false, reason: 'no_draft' });
  });

  it("lists for the partner only their own, first name and status, and logs each look; never another partner's", async () => {
    const s = await setUp();
    const made = await signUp(s);
    const other = await insertUser(s.db, { roles: ['partner'] });
    expect(await listForPartner(s.db, other.id, s.region.id, requestContext)).toEqual([]);
    const rows = await listForPartner(s.db, s.partner.id, s.region.id, requestContext);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reference: made.reference, firstName: 'Noor', status: 'awaiting_confirmation' });
    expect(JSON.stringify(rows)).not.toContain(TOPIC);
    const logged = await s.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorId, s.partner.id), eq(accessLog.action, 'registration.listed_for_partner')));
    expect(logged.map((l) => l.object)).toEqual([`registration:${made.registrationId}`]);
  });
});

describe('confirming', () => {
  it('works once with the code, then calmly says it was used', async () => {
    const s = await setUp();
    const made = await signUp(s);
    expect(await verifyCode(s.db, made.reference, made.code, '198.51.100.0/24')).toEqual({ ok: true, registrationId: made.registrationId });
    expect(await verifyCode(s.db, made.reference, made.code, '198.51.100.0/24')).toEqual({ ok: false, reason: 'used' });
  });

  it('locks a letter after five wrong codes; a new letter works again and the old code no longer does', async () => {
    const s = await setUp();
    const made = await signUp(s, unique());
    // The mailed link keeps its own code; take it out of the way to test the letter alone.
    await s.db.delete(registrationConfirmations).where(eq(registrationConfirmations.registrationId, made.registrationId));
    const first = await letterForResident(s.db, s.region, s.partner.id, made.registrationId, requestContext);
    const firstCode = /(\d{6})/.exec((await extractText(await getDocumentProxy(first!.pdf), { mergePages: true })).text)![1]!;
    const wrong = firstCode === '000000' ? '111111' : '000000';
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await verifyCode(s.db, made.reference, wrong, `203.0.113.${i}`)) as { reason: string });
    expect(results.map((r) => r.reason)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
    expect(await verifyCode(s.db, made.reference, firstCode, '203.0.113.9')).toEqual({ ok: false, reason: 'locked' });
    const second = await letterForResident(s.db, s.region, s.partner.id, made.registrationId, requestContext);
    const text = (await extractText(await getDocumentProxy(second!.pdf), { mergePages: true })).text;
    expect(text).toContain(made.reference);
    const secondCode = /bevestigingscode:\s*(\d{6})/.exec(text)![1]!;
    if (secondCode !== firstCode) expect(await verifyCode(s.db, made.reference, firstCode, '203.0.113.9')).toMatchObject({ ok: false });
    expect(await verifyCode(s.db, made.reference, secondCode, '203.0.113.9')).toEqual({ ok: true, registrationId: made.registrationId });
  });

  it('refuses a code after 30 days, and the link once used', async () => {
    const s = await setUp();
    const made = await signUp(s);
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(await verifyCode(s.db, made.reference, made.code, null, later)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyLink(s.db, made.link)).toEqual({ ok: true, registrationId: made.registrationId });
    expect(await verifyLink(s.db, made.link)).toEqual({ ok: false, reason: 'used' });
  });

  it('makes the sign-up received with the changes the resident made, and an account when asked', async () => {
    const s = await setUp();
    const made = await signUp(s);
    const token = (await openForConfirmation(s.db, made.registrationId, 'code', requestContext))!;
    const draft = (await loadDraft(s.db, token))!;
    expect(draft.topic?.topic).toBe(TOPIC);
    await saveDraft(s.db, token, { ...draft, when: { days: ['di', 'do'], parts: ['middag'], start: 'asap' } });
    const done = await confirmRegistration(
      s.db,
      s.region,
      token,
      { residentId: null, newAccountPassword: 'een lange zin van noor', keep: 'this' },
      requestContext,
    );
    expect(done).toMatchObject({ ok: true, reference: made.reference, accountMailed: true, kept: 'this' });
    const [r] = await s.db.select().from(registrations).where(eq(registrations.id, made.registrationId));
    expect(r).toMatchObject({ status: 'received', confirmationMethod: 'code', partnerId: s.partner.id });
    expect(r!.availability.days).toEqual(['di', 'do']);
    expect(r!.residentId).toBeTruthy();
    // The partner (informed) now sees the real status, still not the topic.
    expect((await listForPartner(s.db, s.partner.id, s.region.id, requestContext))[0]!.status).toBe('received');
  });

  it('shows the resident an earlier sign-up of theirs, never the partner; keeping that one deletes the new one', async () => {
    const s = await setUp();
    const email = unique();
    const { partner: _, ...ownAnswers } = answers(email);
    const own = await saveDraft(s.db, undefined, ownAnswers);
    await submitRegistration(s.db, s.region, own, { signedIn: null, newAccountPassword: null }, requestContext);
    const made = await signUp(s, email.toUpperCase());
    // The partner's view has no trace of the earlier sign-up.
    expect(JSON.stringify(await listForPartner(s.db, s.partner.id, s.region.id, requestContext))).not.toMatch(/duplicate|dubbel/i);
    const context = await confirmationContext(s.db, made.registrationId);
    expect(context?.duplicate?.reference).toMatch(/^HOG-/);
    expect(context?.partner).toEqual({ name: 'Joyce Bakker', organisation: 'Buurtteam Oost' });
    const planner = await insertUser(s.db, { roles: ['planner'] });
    const awaiting = await listAwaiting(s.db, s.region.id, { userId: planner.id, role: 'planner' }, requestContext);
    expect(awaiting.find((a) => a.id === made.registrationId)).toMatchObject({ duplicate: true, partnerName: 'Joyce Bakker', organisation: 'Buurtteam Oost' });
    const token = (await openForConfirmation(s.db, made.registrationId, 'link', requestContext))!;
    expect(await confirmRegistration(s.db, s.region, token, { residentId: null, newAccountPassword: null, keep: 'other' }, requestContext)).toMatchObject({
      ok: true,
      kept: 'other',
    });
    expect(await s.db.select().from(registrations).where(eq(registrations.id, made.registrationId))).toEqual([]);
  });

  it('a planner records "telefonisch bevestigd" for sign-ups of their own region only', async () => {
    const s = await setUp();
    const made = await signUp(s);
    const planner = await insertUser(s.db, { roles: ['planner'] });
    const elsewhere = await insertRegion(s.db);
    expect(await confirmByPhone(s.db, elsewhere.id, { userId: planner.id, role: 'planner' }, made.registrationId, requestContext)).toBe(false);
    expect(await confirmByPhone(s.db, s.region.id, { userId: planner.id, role: 'planner' }, made.registrationId, requestContext)).toBe(true);
    const [r] = await s.db.select().from(registrations).where(eq(registrations.id, made.registrationId));
    expect(r).toMatchObject({ status: 'received', confirmationMethod: 'phone', confirmedById: planner.id });
    expect(await confirmByPhone(s.db, s.region.id, { userId: planner.id, role: 'planner' }, made.registrationId, requestContext)).toBe(false);
  });
});

describe('the letter', () => {
  it("is the partner's own only: another partner's id is the same as an unknown one", async () => {
    const s = await setUp();
    const made = await signUp(s);
    const other = await insertUser(s.db, { roles: ['partner'] });
    expect(await letterForResident(s.db, s.region, other.id, made.registrationId, requestContext)).toBeNull();
    expect(await letterForResident(s.db, s.region, s.partner.id, crypto.randomUUID(), requestContext)).toBeNull();
  });
});

describe("the resident's control", () => {
  it('ends the partner’s access in one step; only the resident of that sign-up can', async () => {
    const s = await setUp();
    const made = await signUp(s);
    const resident = await insertUser(s.db);
    const stranger = await insertUser(s.db);
    await s.db.update(registrations).set({ residentId: resident.id, status: 'received' }).where(eq(registrations.id, made.registrationId));
    expect(await removePartnerAccess(s.db, stranger.id, made.registrationId, requestContext)).toBe(false);
    expect(await listForPartner(s.db, s.partner.id, s.region.id, requestContext)).toHaveLength(1);
    expect(await removePartnerAccess(s.db, resident.id, made.registrationId, requestContext)).toBe(true);
    expect(await listForPartner(s.db, s.partner.id, s.region.id, requestContext)).toEqual([]);
  });
});

describe('a partner who is deactivated', () => {
  it('loses access at once, while the sign-ups stay with the residents', async () => {
    const s = await setUp();
    const made = await signUp(s);
    const resident = await insertUser(s.db);
    await s.db.update(registrations).set({ residentId: resident.id, status: 'received' }).where(eq(registrations.id, made.registrationId));
    const admin = await insertUser(s.db, { roles: ['admin'] });
    const { token } = await createSession(s.db, s.partner.id, {});
    expect(await validateSessionToken(s.db, token)).not.toBeNull();
    expect(await deactivateAccount(s.db, admin, admin.regionId, admin.id, requestContext)).toBe(false);
    expect(await deactivateAccount(s.db, admin, admin.regionId, resident.id, requestContext)).toBe(false);
    expect(await deactivateAccount(s.db, admin, admin.regionId, s.partner.id, requestContext)).toBe(true);
    expect(await validateSessionToken(s.db, token)).toBeNull();
    // A session made after (a sign-in racing the admin) is refused as well.
    const late = await createSession(s.db, s.partner.id, {});
    expect(await validateSessionToken(s.db, late.token)).toBeNull();
    expect((await listForResident(s.db, resident.id)).map((r) => r.registration.id)).toEqual([made.registrationId]);
  });
});

describe('housekeeping of unconfirmed sign-ups', () => {
  it('reminds the partner once after 14 days and deletes after 30, telling the partner', async () => {
    const s = await setUp();
    const made = await signUp(s);
    const partnerMails = async () => (await mailsTo(s.db, s.partner.email)).map((m) => m.subject);
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    await tidyUnconfirmed(s.db, day(13));
    expect(await partnerMails()).toEqual([]);
    await tidyUnconfirmed(s.db, day(15));
    await tidyUnconfirmed(s.db, day(16));
    expect(await partnerMails()).toEqual(['Een aanmelding is nog niet bevestigd']);
    await tidyUnconfirmed(s.db, day(31));
    expect(await partnerMails()).toEqual(['Een aanmelding is nog niet bevestigd', 'Een aanmelding is verwijderd']);
    expect(await s.db.select().from(registrations).where(eq(registrations.id, made.registrationId))).toEqual([]);
  });
});
