import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { conversations, registrations, regions, teamMembers } from '../../src/lib/server/db/schema/index.ts';
import { addOffer, listOffers, offerText } from '../../src/lib/server/offers/queries.ts';
import { presets } from '../../src/lib/profile.ts';
import { saveSettings } from '../../src/lib/server/region/settings.ts';
import { addMember } from '../../src/lib/server/team/admin.ts';
import { closeQuietSignups } from '../../src/lib/server/planning/closing.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { insertUser } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

describe('beheer for planning', () => {
  it('ties a new member to the worker account with that address, and refuses the address twice', async () => {
    const region = await insertRegion(database.db);
    const admin = await insertUser(database.db, { roles: ['admin'], regionId: region.id });
    const worker = await insertUser(database.db, { roles: ['worker'], regionId: region.id });
    const elsewhere = await insertUser(database.db, { roles: ['worker'], regionId: (await insertRegion(database.db)).id });
    const actor = { userId: admin.id, role: 'admin', ipPrefix: null, regionId: region.id };
    const member = {
      name: 'Wessel',
      email: worker.email.toUpperCase(),
      discipline: 'buurtcoach' as const,
      countsAsGgz: false,
      languages: ['nl'],
      workingDays: ['ma'],
    };
    expect(await addMember(database.db, actor, region.id, member)).toEqual({ ok: true, linked: true });
    expect(await addMember(database.db, actor, region.id, member)).toEqual({ ok: false, reason: 'exists' });
    const resident = await insertUser(database.db);
    expect(await addMember(database.db, actor, region.id, { ...member, email: resident.email })).toEqual({ ok: true, linked: false });
    // A worker of another region is not tied here: their account would see this region's conversations.
    expect(await addMember(database.db, actor, region.id, { ...member, email: elsewhere.email })).toEqual({ ok: true, linked: false });
    const [row] = await database.db.select().from(teamMembers).where(eq(teamMembers.email, worker.email));
    expect(row!.userId).toBe(worker.id);
  });

  it('saves the region settings and keeps a catalogue of offers in order', async () => {
    const region = await insertRegion(database.db);
    const actor = { userId: (await insertUser(database.db, { roles: ['admin'] })).id, role: 'admin', ipPrefix: null };
    const settings = {
      minAge: 16,
      maxAge: 70,
      defaultDurationMinutes: 90,
      reminderLeadHours: 48,
      retentionDays: 400,
      closeAfterDays: 60,
      expectedContactDays: 7,
      travelBufferMinutes: 15,
      duoRule: 'block' as const,
      profile: presets.breburg.profile,
    };
    expect(await saveSettings(database.db, actor, region.id, settings)).toEqual({ saved: true, affected: 0 });
    const [saved] = await database.db.select().from(regions).where(eq(regions.id, region.id));
    expect(saved).toMatchObject(settings);
    await addOffer(database.db, actor, region.id, {
      kind: 'recovery_college',
      name: { nl: 'Herstelacademie', en: 'Recovery college' },
      description: { nl: 'Cursussen over herstel.' },
      url: null,
    });
    await addOffer(database.db, actor, region.id, {
      kind: 'debt_help',
      name: { nl: 'Schuldhulp' },
      description: { nl: 'Hulp bij geldzorgen.' },
      url: 'https://example.org',
    });
    const offers = await listOffers(database.db, region.id);
    expect(offers.map((o) => offerText(o.name, 'en'))).toEqual(['Recovery college', 'Schuldhulp']);
  });

  it('closes a held sign-up the regional number of days after its last conversation, not before', async () => {
    const region = await insertRegion(database.db, { closeAfterDays: 30 });
    const [r] = await database.db
      .insert(registrations)
      .values(buildRegistration(region.id, { status: 'held' }))
      .returning();
    const held = new Date('2026-01-01T10:00:00Z');
    await database.db.insert(conversations).values({
      registrationId: r!.id,
      regionId: region.id,
      sequence: 1,
      status: 'held',
      startsAt: held,
      durationMinutes: 60,
      placeKind: 'home',
      outcomeAt: held,
    });
    const closedAt = async () => (await database.db.select().from(registrations).where(eq(registrations.id, r!.id)))[0]!.closedAt;
    await closeQuietSignups(database.db, new Date('2026-01-30T10:00:00Z'));
    expect(await closedAt()).toBeNull();
    await closeQuietSignups(database.db, new Date('2026-02-01T10:00:00Z'));
    expect(await closedAt()).toEqual(new Date('2026-02-01T10:00:00Z'));
  });
});
