import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, registrations, regions } from '../../src/lib/server/db/schema/index.ts';
import { presets, readSignupProfile, type RegionProfile } from '../../src/lib/profile.ts';
import { settingsSchema } from '../../src/lib/schemas/region-settings.ts';
import { parseLocalized } from '../../src/lib/i18n/zod.ts';
import { saveSettings, signupsUnderWay } from '../../src/lib/server/region/settings.ts';
import { newSignupProfile } from '../../src/lib/server/region/profile.ts';
import { regionPlaces } from '../../src/lib/server/locations/offered.ts';
import { invalidateLocations } from '../../src/lib/server/locations/queries.ts';
import { placeStillOffered } from '../../src/lib/server/registrations/place-check.ts';
import { saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { presetValues, settingsValues, type SettingsShown } from '../../src/lib/region-settings-form.ts';
import { regionValues } from '../../src/lib/server/region/contact.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { useTestDatabase } from './database.ts';

// The region admin's settings (issue 21): what is saved, what the admin is shown first, and what
// the sign-up offers afterwards. A sign-up keeps the rules it started with.
const database = useTestDatabase();

const numbers = { reminderLeadHours: 24, retentionDays: 365, closeAfterDays: 90, expectedContactDays: 10, travelBufferMinutes: 30 };
const settingsOf = (profile: RegionProfile, columns: Partial<SettingsShown> = {}): SettingsShown => ({
  minAge: null,
  maxAge: null,
  defaultDurationMinutes: 60,
  duoRule: 'warn',
  ...numbers,
  ...columns,
  profile,
});
const adminOf = async (regionId: string) => {
  const user = await insertUser(database.db, { roles: ['admin'], regionId });
  return { userId: user.id, role: 'admin', ipPrefix: null, regionId };
};
const settingsLog = (regionId: string) =>
  database.db
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.object, 'region_settings'), eq(accessLog.action, 'update')))
    .then((rows) => rows.filter((r) => (r.detail as Record<string, unknown> | null)?.['region'] === regionId));

/** The form as an admin posts it, filled from a preset. */
const posted = (overrides: Record<string, unknown> = {}) => {
  const values = presetValues('amstelland', { ...settingsOf(presets.doetinchem.profile), defaultDurationMinutes: 60 });
  return { ...values, places: values['places']!.split(','), ...overrides };
};
const errorsOf = (input: Record<string, unknown>) => {
  const parsed = parseLocalized(settingsSchema, input, 'nl');
  return parsed.ok ? [] : parsed.errors.map((e) => e.field);
};

describe('the region admin saves the settings', () => {
  it('saves at once while nothing is under way, and logs which settings changed', async () => {
    const region = await insertRegion(database.db);
    const admin = await adminOf(region.id);
    const next = settingsOf(presets.amstelland.profile);
    expect(await saveSettings(database.db, admin, region.id, next)).toEqual({ saved: true, affected: 0 });
    const [row] = await database.db.select().from(regions).where(eq(regions.id, region.id));
    expect(row).toMatchObject({ minAge: null, maxAge: null, profile: presets.amstelland.profile });
    const [log] = await settingsLog(region.id);
    expect(log).toMatchObject({ actorId: admin.userId, actorRole: 'admin', authority: 'role:admin' });
    expect(String((log!.detail as Record<string, unknown>)['changed'])).toContain('accessMode');
  });

  it('first shows how many sign-ups are under way; saved only when confirmed, and they keep their own rules', async () => {
    const region = await insertRegion(database.db);
    const admin = await adminOf(region.id);
    const [open] = await database.db.insert(registrations).values(buildRegistration(region.id)).returning();
    // Cancelled and closed sign-ups are not under way.
    await database.db
      .insert(registrations)
      .values([
        buildRegistration(region.id, { status: 'cancelled', cancelledAt: new Date() }),
        buildRegistration(region.id, { status: 'report_ready', closedAt: new Date() }),
      ]);
    expect(await signupsUnderWay(database.db, region.id)).toBe(1);
    const next = settingsOf(presets.nhn.profile, { minAge: 18, maxAge: 67, duoRule: 'block' });
    expect(await saveSettings(database.db, admin, region.id, next)).toEqual({ saved: false, affected: 1 });
    const [unchanged] = await database.db.select().from(regions).where(eq(regions.id, region.id));
    expect(unchanged!.profile.preset).toBe('doetinchem');
    expect(await settingsLog(region.id)).toHaveLength(0);
    expect(await saveSettings(database.db, admin, region.id, next, true)).toEqual({ saved: true, affected: 1 });
    const [changed] = await database.db.select().from(regions).where(eq(regions.id, region.id));
    expect(changed).toMatchObject({ minAge: 18, maxAge: 67, duoRule: 'block', profile: presets.nhn.profile });
    expect((await settingsLog(region.id))[0]!.detail).toMatchObject({ signupsUnderWay: 1 });
    // The sign-up under way keeps Doetinchem's rules; a new referral gets the new region's.
    const [kept] = await database.db.select().from(registrations).where(eq(registrations.id, open!.id));
    expect(readSignupProfile(kept!.profile)).toMatchObject({ preset: 'doetinchem', reportForm: 'four_questions', duoRule: 'warn' });
    expect(newSignupProfile(changed!, 'referral')).toMatchObject({ preset: 'nhn', referrerFeedback: 'unless_objects', duoRule: 'block' });
    // Saving the same settings again changes nothing, so there is nothing to confirm.
    expect(await saveSettings(database.db, admin, region.id, next)).toEqual({ saved: true, affected: 1 });
  });

  it('validates the form: a place at least, follow-ups 0 to 2, ages in order, nothing back to a referrer without referrals', () => {
    expect(errorsOf(posted())).toEqual([]);
    expect(errorsOf(posted({ places: undefined }))).toEqual(['places']);
    expect(errorsOf(posted({ places: ['home', 'castle'] }))).toEqual(['places.1']);
    expect(errorsOf(posted({ maxFollowUps: '3' }))).toEqual(['maxFollowUps']);
    expect(errorsOf(posted({ ageLimit: 'range', minAge: '40', maxAge: '30' }))).toEqual(['maxAge']);
    expect(errorsOf(posted({ ageLimit: 'range', minAge: '', maxAge: '30' }))).toEqual(['minAge']);
    expect(errorsOf(posted({ accessMode: 'open' }))).toEqual(['referrerFeedback']);
    expect(errorsOf(posted({ accessMode: 'open', referrerFeedback: 'resident_shares', afterContact: 'referrer' }))).toEqual(['afterContact']);
    // With referrals too ("both") the setting is for the referrals.
    expect(errorsOf(posted({ accessMode: 'both' }))).toEqual([]);
    const parsed = parseLocalized(settingsSchema, posted({ ageLimit: 'none', minAge: '18', maxAge: '65' }), 'nl');
    expect(parsed.ok && parsed.data).toMatchObject({ minAge: null, maxAge: null, confirmed: false, places: presets.amstelland.profile.places });
    const ranged = parseLocalized(settingsSchema, posted({ ageLimit: 'range', minAge: '18', maxAge: '65', confirm: 'ja' }), 'nl');
    expect(ranged.ok && ranged.data).toMatchObject({ minAge: 18, maxAge: 65, confirmed: true });
  });

  it("fills the form from a preset: its profile and columns, the region's other numbers kept", () => {
    const current = settingsOf(presets.doetinchem.profile, { minAge: 18, maxAge: 65, reminderLeadHours: 48 });
    expect(settingsValues(current)).toMatchObject({ ageLimit: 'range', minAge: '18', places: presets.doetinchem.profile.places.join(',') });
    expect(presetValues('maastricht', current)).toMatchObject({
      preset: 'maastricht',
      ageLimit: 'none',
      minAge: '',
      places: 'gp_practice',
      naasteMode: 'ask',
      reminderLeadHours: '48',
    });
  });
});

const answers = (place: string): SignupAnswers => ({
  about: { callName: 'Robin', birthYear: 1990, postcode: '7001 AB' },
  contact: { email: `robin-${Math.random().toString(36).slice(2)}@test.example`, voicemail: false, sms: false, senderNamed: true },
  topic: { topic: 'Even praten' },
  place: { place },
  when: { days: ['di'], parts: ['middag'], start: 'asap' },
  naaste: { withNaaste: false, language: 'nl', interpreter: false },
});

describe('the places a region offers', () => {
  it('shows only the offered kinds; one place is set and its step skipped; several of one kind are all shown', async () => {
    const region = await insertRegion(database.db, { profile: { ...presets.doetinchem.profile, places: ['library'] } });
    const library = await insertLocation(database.db, region.id, { kind: 'library' });
    const ggz = await insertLocation(database.db, region.id, { kind: 'ggz', name: 'GGZ' });
    invalidateLocations(region.id);
    let offer = await regionPlaces(database.db, region);
    expect(offer.choices).toEqual([`location:${library.id}`]);
    expect(offer.skipped).toBe(`location:${library.id}`);
    const second = await insertLocation(database.db, region.id, { kind: 'library' });
    invalidateLocations(region.id);
    offer = await regionPlaces(database.db, region);
    expect(new Set(offer.choices)).toEqual(new Set([`location:${library.id}`, `location:${second.id}`]));
    expect(offer.skipped).toBeNull();
    // Not offered: another kind of place, a walk; refused when the sign-up is sent too.
    expect(await placeStillOffered(database.db, region, answers(`location:${ggz.id}`))).toBe(false);
    expect(await placeStillOffered(database.db, region, answers('walk'))).toBe(false);
    expect(await placeStillOffered(database.db, region, answers(`location:${library.id}`))).toBe(true);
    const token = await saveDraft(database.db, undefined, answers('walk'));
    expect(await submitRegistration(database.db, region, token, { signedIn: null, newAccountPassword: null }, requestContext)).toEqual({
      ok: false,
      reason: 'place_gone',
    });
    expect(await database.db.select().from(registrations).where(eq(registrations.regionId, region.id))).toHaveLength(0);
  });

  it('keeps the step for home only (the address is asked), and lets the resident name a place when no offered kind has one', async () => {
    const home = await insertRegion(database.db, { profile: presets.ruwaard_oss.profile });
    expect(await regionPlaces(database.db, home)).toMatchObject({ choices: ['home'], fixed: 'home', skipped: null });
    const empty = await insertRegion(database.db, { profile: presets.maastricht.profile });
    expect(await regionPlaces(database.db, empty)).toMatchObject({ choices: ['other'], fixed: 'other', skipped: null });
  });
});

describe('a region without an age limit', () => {
  it('reads well in the texts that name the ages', async () => {
    const none = await insertRegion(database.db, { minAge: null, maxAge: null });
    const range = await insertRegion(database.db, { minAge: 18, maxAge: 65 });
    const from = await insertRegion(database.db, { minAge: 16, maxAge: null });
    expect(regionValues(none, 'nl')['ages']).toBe('van elke leeftijd');
    expect(regionValues(range, 'nl')['ages']).toBe('tussen 18 en 65 jaar');
    expect(regionValues(from, 'en')['ages']).toBe('aged 16 or over');
    // A resident of 90 signs up where there is no limit.
    const token = await saveDraft(database.db, undefined, {
      ...answers('home'),
      place: { place: 'home', address: 'Straat 1' },
      about: { callName: 'Oma', birthYear: 1936, postcode: '7001 AB' },
    });
    expect(await submitRegistration(database.db, none, token, { signedIn: null, newAccountPassword: null }, requestContext)).toMatchObject({ ok: true });
  });
});
