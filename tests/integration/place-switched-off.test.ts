import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, locations, mailOutbox, registrations, users } from '../../src/lib/server/db/schema/index.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { loadDraft, saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { saveChange, startChange } from '../../src/lib/server/registrations/changes.ts';
import { submitForResident } from '../../src/lib/server/partner/submit.ts';
import { confirmRegistration, openForConfirmation } from '../../src/lib/server/partner/confirm.ts';
import { listActiveLocations } from '../../src/lib/server/locations/queries.ts';
import { changeInRegion } from '../../src/lib/server/region/switch.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { useTestDatabase } from './database.ts';

// A resident (or a partner) chose a place; an admin switched it off before the sign-up was sent.
// The sign-up must not be saved with it: refused, nothing written, the draft asks for a place again.
const database = useTestDatabase();

const answers = (place: string, overrides: Partial<SignupAnswers> = {}): SignupAnswers => ({
  about: { callName: 'Robin', birthYear: 1990, postcode: '7001 AB' },
  contact: { email: `robin-${Math.random().toString(36).slice(2)}@test.example`, voicemail: false, sms: false, senderNamed: true },
  topic: { topic: 'Even praten' },
  place: { place },
  when: { days: ['di'], parts: ['middag'], start: 'asap' },
  naaste: { withNaaste: false, language: 'nl', interpreter: false },
  ...overrides,
});

async function setUp() {
  const db = database.db;
  const region = await insertRegion(db, { postcodeAreas: ['7001'] });
  const place = await insertLocation(db, region.id);
  const admin = await insertUser(db, { roles: ['admin'] });
  const switchOff = () => changeInRegion(db, { userId: admin.id, role: 'admin', ipPrefix: null }, region.id, 'locations', place.id, { active: false });
  return { db, region, place, switchOff };
}

const counts = async (db: typeof database.db, regionId: string) => ({
  registrations: (await db.select().from(registrations).where(eq(registrations.regionId, regionId))).length,
  mails: (await db.select().from(mailOutbox)).length,
  logs: (await db.select().from(accessLog)).length,
});

describe('a draft whose place was switched off', () => {
  it('is not sent: refused, nothing saved or mailed, and the draft keeps every answer but the place', async () => {
    const s = await setUp();
    const token = await saveDraft(s.db, undefined, answers(`location:${s.place.id}`));
    expect(await s.switchOff()).toBe(true);
    const before = await counts(s.db, s.region.id);
    const result = await submitRegistration(s.db, s.region, token, { signedIn: null, newAccountPassword: null }, requestContext);
    expect(result).toEqual({ ok: false, reason: 'place_gone' });
    expect(await counts(s.db, s.region.id)).toEqual(before);
    const draft = await loadDraft(s.db, token);
    expect(draft?.place).toBeUndefined();
    expect(draft?.about?.callName).toBe('Robin');
    // Choosing another place makes it go through.
    await saveDraft(s.db, token, { ...draft, place: { place: 'walk' } });
    expect(await submitRegistration(s.db, s.region, token, { signedIn: null, newAccountPassword: null }, requestContext)).toMatchObject({ ok: true });
  });

  it('is sent when the place is still offered, or when the draft chose no catalogue place', async () => {
    const s = await setUp();
    const kept = await saveDraft(s.db, undefined, answers(`location:${s.place.id}`));
    expect(await submitRegistration(s.db, s.region, kept, { signedIn: null, newAccountPassword: null }, requestContext)).toMatchObject({ ok: true });
    await s.switchOff();
    const home = await saveDraft(s.db, undefined, answers('walk'));
    expect(await submitRegistration(s.db, s.region, home, { signedIn: null, newAccountPassword: null }, requestContext)).toMatchObject({ ok: true });
  });

  it('names a place of another region: refused as well', async () => {
    const s = await setUp();
    const other = await insertRegion(s.db, { postcodeAreas: ['7002'] });
    const elsewhere = await insertLocation(s.db, other.id);
    const token = await saveDraft(s.db, undefined, answers(`location:${elsewhere.id}`));
    expect(await submitRegistration(s.db, s.region, token, { signedIn: null, newAccountPassword: null }, requestContext)).toEqual({
      ok: false,
      reason: 'place_gone',
    });
  });

  it('does not change an existing sign-up: the old one stays as it was', async () => {
    const s = await setUp();
    const resident = await insertUser(s.db);
    const first = await saveDraft(s.db, undefined, answers(`location:${s.place.id}`));
    const made = await submitRegistration(s.db, s.region, first, { signedIn: { id: resident.id }, newAccountPassword: null }, requestContext);
    if (!made.ok) throw new Error(made.reason);
    const token = (await startChange(s.db, resident.id, made.registrationId))!;
    const draft = (await loadDraft(s.db, token))!;
    await saveDraft(s.db, token, { ...draft, topic: { topic: 'Iets anders' } });
    await s.switchOff();
    const before = await s.db.select().from(registrations).where(eq(registrations.id, made.registrationId));
    const mails = (await s.db.select().from(mailOutbox)).length;
    expect(await saveChange(s.db, s.region, resident.id, token, requestContext)).toEqual({ ok: false, reason: 'place_gone' });
    expect(await s.db.select().from(registrations).where(eq(registrations.id, made.registrationId))).toEqual(before);
    expect((await s.db.select().from(mailOutbox)).length).toBe(mails);
    expect((await loadDraft(s.db, token))?.place).toBeUndefined();
  });

  it("is not sent by a partner, nor confirmed by the resident once the partner's place went", async () => {
    const s = await setUp();
    const partner = await insertUser(s.db, { roles: ['partner'] });
    await s.db.update(users).set({ name: 'Joyce', organisation: 'Buurtteam' }).where(eq(users.id, partner.id));
    const partnerAnswers = {
      ...answers(`location:${s.place.id}`),
      partner: { consentMethod: 'in_person', contactPerson: 'resident', partnerInformed: true },
    } as const;
    const sent = await submitForResident(s.db, s.region, partner, await saveDraft(s.db, undefined, partnerAnswers, new Date(), partner.id), requestContext);
    if (!sent.ok) throw new Error(sent.reason);
    const late = await saveDraft(s.db, undefined, partnerAnswers, new Date(), partner.id);
    const confirming = (await openForConfirmation(s.db, sent.registrationId, 'code', requestContext))!;
    await s.switchOff();

    const before = await counts(s.db, s.region.id);
    expect(await submitForResident(s.db, s.region, partner, late, requestContext)).toEqual({ ok: false, reason: 'place_gone' });
    expect((await loadDraft(s.db, late, new Date(), partner.id))?.place).toBeUndefined();
    expect(await confirmRegistration(s.db, s.region, confirming, { residentId: null, newAccountPassword: null, keep: 'this' }, requestContext)).toEqual({
      ok: false,
      reason: 'place_gone',
    });
    expect(await counts(s.db, s.region.id)).toEqual(before);
    const [still] = await s.db.select().from(registrations).where(eq(registrations.id, sent.registrationId));
    expect(still?.status).toBe('awaiting_confirmation');
    expect((await loadDraft(s.db, confirming))?.place).toBeUndefined();
  });

  it('is read from the database, not from the cached list of places another process may hold', async () => {
    const s = await setUp();
    const token = await saveDraft(s.db, undefined, answers(`location:${s.place.id}`));
    expect((await listActiveLocations(s.db, s.region.id)).map((l) => l.id)).toContain(s.place.id);
    // Switched off behind the portal's back (as another server process would): no cache is emptied here.
    await s.db.update(locations).set({ active: false }).where(eq(locations.id, s.place.id));
    expect(await submitRegistration(s.db, s.region, token, { signedIn: null, newAccountPassword: null }, requestContext)).toEqual({
      ok: false,
      reason: 'place_gone',
    });
  });
});
