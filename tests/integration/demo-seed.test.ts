import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversations, disciplines, locationKinds, locations, regions, registrations, teamMembers } from '../../src/lib/server/db/schema/index.ts';
import { logAccess } from '../../src/lib/server/audit/log.ts';
import { demoLocations, demoRegion, demoTeam } from '../../src/lib/server/demo/region.ts';
import { resetDemo, seedDemo } from '../../src/lib/server/demo/seed.ts';

import { insertRegion } from '../builders/region.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

describe('demo data', () => {
  it('seeds one fictional region with a place of every kind and a team of every discipline', async () => {
    expect(await seedDemo(database.db)).toBe('seeded');
    const [region] = await database.db.select().from(regions).where(eq(regions.slug, demoRegion.slug));
    expect(region).toMatchObject({ slug: demoRegion.slug, minAge: 18, maxAge: 65 });
    const places = await database.db.select().from(locations).where(eq(locations.regionId, region!.id));
    expect(new Set(places.map((p) => p.kind))).toEqual(new Set(locationKinds));
    // Residents read each place in their language, and never the kind twice ("(herstelcentrum) (Herstelcentrum)").
    for (const p of places) {
      expect(p.names?.nl && p.names.en, p.name).toBeTruthy();
      expect(p.names!.nl, p.name).not.toMatch(/\(/);
    }
    expect(places.find((p) => p.kind === 'online')!.names!.en).toBe('Online, by video call');
    const team = await database.db.select().from(teamMembers);
    expect(new Set(team.map((m) => m.discipline))).toEqual(new Set(disciplines));
    // Every state is there to look at: waiting, planned (with a duo tied to the demo worker), held
    // (planning), and a report approved and shared plus two held conversations awaiting their report.
    const signups = await database.db.select().from(registrations);
    expect(signups.map((r) => r.status).sort()).toEqual(['held', 'held', 'held', 'planned', 'received', 'report_ready']);
    const planned = await database.db.select().from(conversations).where(eq(conversations.status, 'confirmed'));
    expect(planned).toHaveLength(1);
    expect(team.filter((m) => m.userId)).toHaveLength(2);
  });

  it('leaves an existing demo region alone on the next start', async () => {
    expect(await seedDemo(database.db)).toBe('present');
    expect(await database.db.select().from(regions)).toHaveLength(1);
    expect(await database.db.select().from(locations)).toHaveLength(demoLocations.length);
  });

  it('reset empties every table but the access log and seeds again', async () => {
    await insertRegion(database.db, { name: 'Een andere regio' });
    await logAccess(database.db, { actorId: null, object: 'account', action: 'test.before_reset', authority: 'none', ipPrefix: null });
    expect(await database.db.select().from(regions)).toHaveLength(2);
    await resetDemo(database.db);
    const all = await database.db.select().from(regions);
    expect(all.map((r) => r.slug)).toEqual([demoRegion.slug]);
    expect(await database.db.select().from(teamMembers)).toHaveLength(demoTeam.length);
    const log = await database.db.select().from(accessLog).where(eq(accessLog.action, 'test.before_reset'));
    expect(log).toHaveLength(1);
  });

  it('uses only invented contact details (example domains)', () => {
    for (const m of demoTeam) expect(m.email).toMatch(/@[a-z]+\.example$/);
    expect(demoRegion.contactEmail).toMatch(/\.example$/);
  });
});
