import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { presets, type AccessMode } from '../../src/lib/profile.ts';
import { accessLog, registrations, users } from '../../src/lib/server/db/schema/index.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { loadDraft, saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { submitForResident } from '../../src/lib/server/partner/submit.ts';
import { confirmRegistration, confirmationContext, openForConfirmation } from '../../src/lib/server/partner/confirm.ts';
import { listForPartner, partnerOf, removePartnerAccess } from '../../src/lib/server/partner/queries.ts';
import { readReferralReason } from '../../src/lib/server/partner/referral.ts';
import { looksAt } from '../../src/lib/server/audit/who-looked.ts';
import { unseal } from '../../src/lib/server/crypto/seal.ts';
import { readSignupProfile } from '../../src/lib/profile.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { useTestDatabase } from './database.ts';

// A referral is a partner's sign-up on behalf, made by a referrer (GP, POH-GGZ, GGZ intake,
// wijkteam), with their practice and a short sealed reason; the region's access mode decides which
// ways in it takes. The planner reads the reason on the sign-up's page, and that read is a look.
const database = useTestDatabase();
const REASON = 'Somber sinds het overlijden van haar moeder; wil graag praten over werk en slapen.';

const answers = (email: string, postcode = '7001 AB', overrides: Partial<SignupAnswers> = {}): SignupAnswers => ({
  about: { callName: 'Noor van Dam', birthYear: 1985, postcode },
  contact: { email, voicemail: true, sms: true, senderNamed: true },
  topic: { topic: 'Slapen' },
  place: { place: 'walk' },
  when: { days: ['di'], parts: ['middag'], start: 'asap' },
  naaste: { withNaaste: false, language: 'nl', interpreter: false },
  partner: { consentMethod: 'in_person', contactPerson: 'resident', partnerInformed: true, practice: 'Huisartsenpraktijk De Linde', reason: REASON },
  ...overrides,
});
const unique = () => `noor-${Math.random().toString(36).slice(2)}@test.example`;

async function regionWith(accessMode: AccessMode, postcodeArea = '7001') {
  return insertRegion(database.db, { postcodeAreas: [postcodeArea], profile: { ...presets.amstelland.profile, accessMode } });
}

async function person(role: 'referrer' | 'partner' | 'planner', regionId: string, name: string) {
  const user = await insertUser(database.db, { roles: [role], regionId });
  await database.db
    .update(users)
    .set({ name, organisation: role === 'referrer' ? 'Gezondheidscentrum Oost' : 'Buurtteam Oost' })
    .where(eq(users.id, user.id));
  return user;
}

async function refer(region: Awaited<ReturnType<typeof regionWith>>, referrer: { id: string }, draft = answers(unique())) {
  const token = await saveDraft(database.db, undefined, draft, new Date(), referrer.id);
  return { token, result: await submitForResident(database.db, region, { id: referrer.id, via: 'referral' }, token, requestContext) };
}

describe('a referral', () => {
  it("is a partner's sign-up marked as a referral, with the practice, the reason sealed and the referral's rules", async () => {
    const region = await regionWith('referral');
    const gp = await person('referrer', region.id, 'Dokter Jansen');
    const { result } = await refer(region, gp);
    if (!result.ok) throw new Error(result.reason);
    const [row] = await database.db.select().from(registrations).where(eq(registrations.id, result.registrationId));
    expect(row).toMatchObject({
      source: 'partner',
      status: 'awaiting_confirmation',
      referral: true,
      partnerId: gp.id,
      referrerPractice: 'Huisartsenpraktijk De Linde',
    });
    // Sealed: the reason is nowhere in the row as written, and opens again with the key.
    expect(JSON.stringify(row)).not.toContain('overlijden');
    expect(unseal(row!.sealedReferralReason!)).toBe(REASON);
    // The rules it keeps are a referral's: feedback to the referrer as the region says.
    expect(readSignupProfile(row!.profile)).toMatchObject({ via: 'referral', preset: 'amstelland', referrerFeedback: 'unless_objects' });
    const [made] = await database.db
      .select()
      .from(accessLog)
      .where(eq(accessLog.object, `registration:${row!.id}`));
    expect(made).toMatchObject({ actorId: gp.id, actorRole: 'referrer', action: 'registration.referred' });
  });

  it('needs the practice and the reason', async () => {
    const region = await regionWith('referral');
    const gp = await person('referrer', region.id, 'Dokter Jansen');
    const draft = answers(unique());
    const { result } = await refer(region, gp, { ...draft, partner: { ...draft.partner!, reason: '' } });
    expect(result).toEqual({ ok: false, reason: 'incomplete' });
  });

  it('is taken in a region that works both ways, and a partner sign-up there too', async () => {
    const region = await regionWith('both');
    const gp = await person('referrer', region.id, 'Dokter Jansen');
    expect((await refer(region, gp)).result.ok).toBe(true);
    const partner = await person('partner', region.id, 'Joyce Bakker');
    const token = await saveDraft(database.db, undefined, answers(unique()), new Date(), partner.id);
    expect((await submitForResident(database.db, region, { id: partner.id }, token, requestContext)).ok).toBe(true);
  });

  it('to a region that is open only is refused, and nothing is made', async () => {
    const region = await regionWith('open');
    const gp = await person('referrer', region.id, 'Dokter Jansen');
    const { token, result } = await refer(region, gp);
    expect(result).toEqual({ ok: false, reason: 'not_taken' });
    expect(await database.db.select().from(registrations).where(eq(registrations.regionId, region.id))).toEqual([]);
    // The draft is kept: the referrer is told why, nothing is thrown away behind their back.
    expect(await loadDraft(database.db, token, new Date(), gp.id)).not.toBeNull();
  });

  it("by a referrer of region A never lands in region B: B's postcode is refused in A", async () => {
    const a = await regionWith('referral', '7001');
    await regionWith('referral', '7101');
    const gp = await person('referrer', a.id, 'Dokter Jansen');
    const { result } = await refer(a, gp, answers(unique(), '7101 AB'));
    expect(result).toEqual({ ok: false, reason: 'not_eligible' });
    expect(await database.db.select().from(registrations).where(eq(registrations.partnerId, gp.id))).toEqual([]);
  });
});

describe('a region that works by referral only', () => {
  it("refuses a partner's sign-up on behalf", async () => {
    const region = await regionWith('referral');
    const partner = await person('partner', region.id, 'Joyce Bakker');
    const token = await saveDraft(database.db, undefined, answers(unique()), new Date(), partner.id);
    expect(await submitForResident(database.db, region, { id: partner.id }, token, requestContext)).toEqual({ ok: false, reason: 'not_taken' });
  });

  it("refuses the public sign-up of a draft begun before the switch, and keeps the draft (it is the resident's)", async () => {
    const region = await regionWith('referral');
    const { partner: _none, ...own } = answers(unique());
    const token = await saveDraft(database.db, undefined, own, new Date());
    expect(await submitRegistration(database.db, region, token, { signedIn: null, newAccountPassword: null }, requestContext)).toEqual({
      ok: false,
      reason: 'referral_only',
    });
    expect(await loadDraft(database.db, token)).toMatchObject({ about: { callName: 'Noor van Dam' } });
    expect(await database.db.select().from(registrations).where(eq(registrations.regionId, region.id))).toEqual([]);
  });
});

describe('after the referral', () => {
  async function confirmed() {
    const region = await regionWith('referral');
    const gp = await person('referrer', region.id, 'Dokter Jansen');
    const planner = await person('planner', region.id, 'Pim Planner');
    const { result } = await refer(region, gp);
    if (!result.ok) throw new Error(result.reason);
    // The resident sees who referred them, with the practice the referrer gave.
    expect((await confirmationContext(database.db, result.registrationId))?.partner).toEqual({
      name: 'Dokter Jansen',
      organisation: 'Huisartsenpraktijk De Linde',
    });
    const token = (await openForConfirmation(database.db, result.registrationId, 'link', requestContext))!;
    const done = await confirmRegistration(
      database.db,
      region,
      token,
      { residentId: null, newAccountPassword: 'een lange zin van noor', keep: 'this' },
      requestContext,
    );
    if (!done.ok) throw new Error(done.reason);
    const [row] = await database.db.select().from(registrations).where(eq(registrations.id, result.registrationId));
    return { region, gp, planner, row: row! };
  }

  it('the planner reads the reason, and the resident sees that read in "wie keek"', async () => {
    const { planner, row } = await confirmed();
    expect(row.residentId).not.toBeNull();
    expect(await readReferralReason(database.db, row, { userId: planner.id, role: 'planner' }, requestContext)).toBe(REASON);
    const reads = await database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorId, planner.id), eq(accessLog.action, 'registration.referral_reason_read')));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ subjectId: row.residentId, object: `registration:${row.id}`, authority: 'role:planner' });
    const looks = await looksAt(database.db, row.residentId!, new Date(Date.now() - 60_000), new Date(Date.now() + 60_000));
    expect(looks.find((l) => l.action === 'referral_reason_read')).toMatchObject({ who: { name: 'Pim Planner' }, authority: 'planner' });
  });

  it('a sign-up that is no referral has no reason to read, and no read is logged', async () => {
    const region = await regionWith('both');
    const partner = await person('partner', region.id, 'Joyce Bakker');
    const planner = await person('planner', region.id, 'Pim Planner');
    const token = await saveDraft(database.db, undefined, answers(unique()), new Date(), partner.id);
    const made = await submitForResident(database.db, region, { id: partner.id }, token, requestContext);
    if (!made.ok) throw new Error(made.reason);
    const [row] = await database.db.select().from(registrations).where(eq(registrations.id, made.registrationId));
    // A partner's draft never carries a practice or reason into the row.
    expect(row).toMatchObject({ referral: false, referrerPractice: null, sealedReferralReason: null });
    expect(await readReferralReason(database.db, row!, { userId: planner.id, role: 'planner' }, requestContext)).toBeNull();
    expect(await database.db.select().from(accessLog).where(eq(accessLog.actorId, planner.id))).toEqual([]);
  });

  it('the referrer follows the status as a partner does, logged as the referrer; the resident can stop that', async () => {
    const { region, gp, row } = await confirmed();
    const list = await listForPartner(database.db, gp.id, region.id, requestContext, 'referrer');
    expect(list.map((r) => [r.reference, r.firstName])).toEqual([[row.reference, 'Noor']]);
    expect(JSON.stringify(list)).not.toContain('overlijden');
    const [look] = await database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorId, gp.id), eq(accessLog.action, 'registration.listed_for_partner')));
    expect(look).toMatchObject({ actorRole: 'referrer', subjectId: row.residentId });
    expect(await partnerOf(database.db, row)).toEqual({ name: 'Dokter Jansen', organisation: 'Huisartsenpraktijk De Linde' });
    expect(await removePartnerAccess(database.db, row.residentId!, row.id, requestContext)).toBe(true);
    expect(await listForPartner(database.db, gp.id, region.id, requestContext, 'referrer')).toEqual([]);
  });
});
