import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  accessLog,
  conversations,
  disciplines,
  locationKinds,
  locations,
  memberships,
  regions,
  registrations,
  teamMembers,
  users,
} from '../../src/lib/server/db/schema/index.ts';
import { logAccess } from '../../src/lib/server/audit/log.ts';
import { demoLocations, demoRegion, demoTeam } from '../../src/lib/server/demo/region.ts';
import { westmark } from '../../src/lib/server/demo/westmark.ts';
import { amstelland } from '../../src/lib/server/demo/amstelland.ts';
import { beekdal } from '../../src/lib/server/demo/beekdal.ts';
import { meetsRequirement, presets, readProfile, readSignupProfile } from '../../src/lib/profile.ts';
import { resetDemo, seedDemo } from '../../src/lib/server/demo/seed.ts';

import { insertRegion } from '../builders/region.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

describe('demo data', () => {
  it('seeds three fictional regions; Oostveld with a place of every kind and a team of every discipline', async () => {
    expect(await seedDemo(database.db)).toBe('seeded');
    const [region] = await database.db.select().from(regions).where(eq(regions.slug, demoRegion.slug));
    expect(region).toMatchObject({ slug: demoRegion.slug, minAge: 18, maxAge: 65 });
    const places = await database.db.select().from(locations).where(eq(locations.regionId, region!.id));
    expect(region!.hostNames).toEqual(['oostveld.localhost']);
    expect(new Set(places.map((p) => p.kind))).toEqual(new Set(locationKinds));
    // Residents read each place in their language, and never the kind twice ("(herstelcentrum) (Herstelcentrum)").
    for (const p of places) {
      expect(p.names?.nl && p.names.en, p.name).toBeTruthy();
      expect(p.names!.nl, p.name).not.toMatch(/\(/);
    }
    expect(places.find((p) => p.kind === 'online')!.names!.en).toBe('Online, by video call');
    const team = await database.db.select().from(teamMembers).where(eq(teamMembers.regionId, region!.id));
    // Every discipline of a Doetinchem duo; the social worker is Amstelland's (GGZ + social domain).
    expect(new Set(team.map((m) => m.discipline))).toEqual(new Set(disciplines.filter((d) => d !== 'social_worker' && d !== 'gp')));
    // Every state is there to look at: waiting, planned (with a duo tied to the demo worker), held
    // (planning), and a report approved and shared plus two held conversations awaiting their report.
    const signups = await database.db.select().from(registrations).where(eq(registrations.regionId, region!.id));
    expect(signups.map((r) => r.status).sort()).toEqual(['held', 'held', 'held', 'planned', 'received', 'report_ready']);
    const planned = await database.db.select().from(conversations).where(eq(conversations.status, 'confirmed'));
    expect(planned).toHaveLength(1);
    expect(team.filter((m) => m.userId)).toHaveLength(2);
    // Westmark: its own postcodes, host, places, team and queue; Sanne works in both regions.
    const [west] = await database.db.select().from(regions).where(eq(regions.slug, 'westmark'));
    expect(west!.postcodeAreas.some((a) => region!.postcodeAreas.includes(a))).toBe(false);
    expect(await database.db.select().from(registrations).where(eq(registrations.regionId, west!.id))).toHaveLength(2);
    const [sanne] = await database.db.select().from(users).where(eq(users.email, 'medewerker@oostveld.example'));
    const held = await database.db.select().from(memberships).where(eq(memberships.userId, sanne!.id));
    expect(new Set(held.map((m) => m.regionId))).toEqual(new Set([region!.id, west!.id]));
    // Partner and team roles are memberships only; the account keeps none of them.
    expect(sanne!.roles).toEqual([]);
    // Beekdal works by referral to its mental-health centre (the Breburg preset), on postcodes of its own.
    const [beek] = await database.db.select().from(regions).where(eq(regions.slug, 'beekdal'));
    expect(readProfile(beek!.profile)).toEqual(presets.breburg.profile);
    expect(beek!.postcodeAreas.some((a) => region!.postcodeAreas.includes(a) || west!.postcodeAreas.includes(a))).toBe(false);
    expect((await database.db.select().from(memberships).where(eq(memberships.regionId, beek!.id))).map((m) => m.role).sort()).toEqual(['admin', 'planner']);
  });

  it('seeds Amstelland, which works by GP referral: its preset, its team, and a referral waiting to be planned', async () => {
    const [region] = await database.db.select().from(regions).where(eq(regions.slug, 'amstelland'));
    expect(region).toMatchObject({ name: 'Amstelland', minAge: null, maxAge: null, hostNames: ['amstelland.localhost'], profile: presets.amstelland.profile });
    const team = await database.db.select().from(teamMembers).where(eq(teamMembers.regionId, region!.id));
    const ggz = team.find((m) => m.email === 'yara.mulder@amstelland.example')!;
    const social = team.find((m) => m.email === 'daan.kuipers@amstelland.example')!;
    // The two demo workers make a duo the region's rule allows.
    expect(meetsRequirement([ggz, social], region!.profile.duoRequirement)).toBe(true);
    expect(ggz.userId && social.userId).toBeTruthy();
    // Each of them also makes one without the other (two conversations at one time need not clash).
    const coach = team.find((m) => m.email === 'ilse.dejong@amstelland.example')!;
    const poh = team.find((m) => m.email === 'lotte.peeters@amstelland.example')!;
    expect(meetsRequirement([ggz, coach], region!.profile.duoRequirement)).toBe(true);
    expect(meetsRequirement([poh, social], region!.profile.duoRequirement)).toBe(true);
    const [gp] = await database.db.select().from(users).where(eq(users.email, 'huisarts@amstelland.example'));
    expect(gp).toMatchObject({ organisation: 'Huisartsenpraktijk De Linde', roles: [] });
    expect(gp!.totpEnabledAt).not.toBeNull();
    const held = await database.db.select().from(memberships).where(eq(memberships.userId, gp!.id));
    expect(held).toEqual([expect.objectContaining({ regionId: region!.id, role: 'referrer' })]);
    const [referral] = await database.db.select().from(registrations).where(eq(registrations.regionId, region!.id));
    expect(referral).toMatchObject({
      source: 'partner',
      referral: true,
      partnerId: gp!.id,
      referrerPractice: 'Huisartsenpraktijk De Linde',
      status: 'received',
    });
    expect(referral!.confirmedAt).not.toBeNull();
    expect(readSignupProfile(referral!.profile)).toMatchObject({
      via: 'referral',
      preset: 'amstelland',
      referrerFeedback: 'unless_objects',
      reportForm: 'advies',
    });
    const [resident] = await database.db.select().from(users).where(eq(users.email, 'inwoner@amstelland.example'));
    expect(referral!.residentId).toBe(resident!.id);
  });

  it('leaves an existing demo region alone on the next start', async () => {
    expect(await seedDemo(database.db)).toBe('present');
    expect(await database.db.select().from(regions)).toHaveLength(4);
    expect(await database.db.select().from(locations)).toHaveLength(
      demoLocations.length + westmark.locations.length + amstelland.locations.length + beekdal.locations.length,
    );
  });

  it('reset empties every table but the access log and seeds again', async () => {
    await insertRegion(database.db, { name: 'Een andere regio' });
    await logAccess(database.db, { actorId: null, object: 'account', action: 'test.before_reset', authority: 'none', ipPrefix: null });
    expect(await database.db.select().from(regions)).toHaveLength(5);
    await resetDemo(database.db);
    const all = await database.db.select().from(regions);
    expect(all.map((r) => r.slug).sort()).toEqual(['amstelland', 'beekdal', demoRegion.slug, 'westmark']);
    expect(await database.db.select().from(teamMembers)).toHaveLength(demoTeam.length + westmark.team.length + amstelland.team.length + beekdal.team.length);
    const log = await database.db.select().from(accessLog).where(eq(accessLog.action, 'test.before_reset'));
    expect(log).toHaveLength(1);
  });

  it('uses only invented contact details (example domains)', () => {
    for (const m of [...demoTeam, ...westmark.team, ...amstelland.team, ...beekdal.team]) expect(m.email).toMatch(/@[a-z]+\.example$/);
    expect(demoRegion.contactEmail).toMatch(/\.example$/);
  });
});
