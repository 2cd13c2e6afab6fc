import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { provideDatabase } from '../../src/lib/server/db/client.ts';
import { config } from '../../src/lib/server/config.ts';
import { accessLog, memberships, regions, registrations, users } from '../../src/lib/server/db/schema/index.ts';
import { acceptInvitation } from '../../src/lib/server/accounts/invitations.ts';
import { forgetRegions, regionForPostcode } from '../../src/lib/server/region/directory.ts';
import { presets } from '../../src/lib/profile.ts';
import { createRegion, setRegionActive, updateRegion, type RegionChangeResult } from '../../src/lib/server/region/platform.ts';
import { inviteRegionAdmin, regionCounts } from '../../src/lib/server/region/platform-overview.ts';
import type { RegionFields } from '../../src/lib/schemas/platform.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { buildRegion, insertLocation, insertRegion } from '../builders/region.ts';
import { insertRegistrations } from '../builders/registrations.ts';
import { lastMailTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();
// regionForPostcode reads the region directory, which asks the portal's database: this one.
provideDatabase(database);

let next = 1000;
/** Postcode areas nobody in this file has used yet, so the tests do not depend on each other. */
const freshAreas = (n: number) => Array.from({ length: n }, () => String(++next));
const fields = (overrides: Partial<RegionFields> = {}): RegionFields => ({
  preset: 'doetinchem',
  slug: `regio-${next}-${Math.random().toString(36).slice(2, 8)}`,
  name: 'Regio Nieuwland',
  contactPhone: '0314 222 333',
  contactEmail: 'team@nieuwland.example',
  postcodeAreas: freshAreas(2),
  hostNames: [],
  ...overrides,
});
const platformAdmin = async () => {
  const user = await insertUser(database.db, { roles: ['platform'] });
  return { userId: user.id, ipPrefix: '192.0.2.0/24', id: user.id };
};
/** A region written straight to the table: the directory is told, as platform.ts tells it. */
const insertRegionNow = async (overrides: Parameters<typeof insertRegion>[1]) => {
  const region = await insertRegion(database.db, overrides);
  forgetRegions();
  return region;
};
const logFor = (regionId: string) =>
  database.db
    .select()
    .from(accessLog)
    .where(eq(accessLog.object, `region:${regionId}`));

describe('landelijk beheer makes regions', () => {
  it('creates a region that takes sign-ups for its postcode areas at once, and logs it in words', async () => {
    const actor = await platformAdmin();
    const input = fields({ name: 'Regio Direct', hostNames: ['hog.direct.example'] });
    const result = await createRegion(database.db, actor, input);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const [row] = await database.db.select().from(regions).where(eq(regions.id, result.id));
    expect(row).toMatchObject({ name: 'Regio Direct', active: true, postcodeAreas: input.postcodeAreas, hostNames: ['hog.direct.example'] });
    // No restart, no wait for the directory's TTL: the next lookup sees it.
    expect((await regionForPostcode(`${input.postcodeAreas[0]} AB`))?.id).toBe(result.id);
    const [log] = await logFor(result.id);
    expect(log).toMatchObject({ actorId: actor.userId, actorRole: 'platform', action: 'region.created', authority: 'role:platform' });
    expect(log!.detail).toMatchObject({ name: 'Regio Direct', postcodeAreas: input.postcodeAreas.join(' '), hostNames: 'hog.direct.example' });
  });

  it("starts a region from the chosen practice: that preset's profile and columns, logged", async () => {
    const actor = await platformAdmin();
    const result = await createRegion(database.db, actor, fields({ preset: 'amstelland', name: 'Regio Verwezen' }));
    if (!result.ok) throw new Error('not created');
    const [row] = await database.db.select().from(regions).where(eq(regions.id, result.id));
    expect(row).toMatchObject({ ...presets.amstelland.columns, profile: presets.amstelland.profile });
    expect(row!.minAge).toBeNull();
    const [log] = await logFor(result.id);
    expect(log!.detail).toMatchObject({ preset: 'amstelland' });
    const open = await createRegion(database.db, actor, fields({ name: 'Regio Open' }));
    if (!open.ok) throw new Error('not created');
    const [doetinchem] = await database.db.select().from(regions).where(eq(regions.id, open.id));
    expect(doetinchem).toMatchObject({ minAge: 18, maxAge: 65, profile: presets.doetinchem.profile });
  });

  it('refuses a postcode area an active region has, naming that region; a switched-off region frees its areas', async () => {
    const actor = await platformAdmin();
    const [area] = freshAreas(1);
    await insertRegion(database.db, { name: 'Regio Eerder', postcodeAreas: [area!] });
    const result = await createRegion(database.db, actor, fields({ postcodeAreas: [...freshAreas(1), area!] }));
    expect(result).toEqual({ ok: false, reason: 'conflict', conflict: { kind: 'area', value: area, region: 'Regio Eerder' } });
    expect(await database.db.select().from(regions).where(eq(regions.name, 'Regio Nieuwland'))).toEqual([]);

    const [old] = freshAreas(1);
    await insertRegion(database.db, { name: 'Regio Gestopt', postcodeAreas: [old!], active: false });
    expect(await createRegion(database.db, actor, fields({ postcodeAreas: [old!] }))).toMatchObject({ ok: true });
  });

  it('keeps host names unique across all regions, switched off or not, and slugs unique', async () => {
    const actor = await platformAdmin();
    const taken = await insertRegion(database.db, { name: 'Regio Adres', postcodeAreas: freshAreas(1), hostNames: ['hog.adres.example'], active: false });
    expect(await createRegion(database.db, actor, fields({ hostNames: ['nieuw.example', 'hog.adres.example'] }))).toEqual({
      ok: false,
      reason: 'conflict',
      conflict: { kind: 'host', value: 'hog.adres.example', region: 'Regio Adres' },
    });
    expect(await createRegion(database.db, actor, fields({ slug: taken.slug }))).toEqual({ ok: false, reason: 'slug' });
  });

  it("refuses the portal's own national host name, which shows the national pages", async () => {
    const actor = await platformAdmin();
    const national = new URL(config().publicOrigin).hostname;
    expect(await createRegion(database.db, actor, fields({ hostNames: ['eigen.example', national] }))).toEqual({
      ok: false,
      reason: 'nationalHost',
      host: national,
    });
    const region = await insertRegion(database.db, { postcodeAreas: freshAreas(1) });
    const changes = { name: region.name, contactPhone: region.contactPhone, contactEmail: region.contactEmail, postcodeAreas: region.postcodeAreas };
    expect(await updateRegion(database.db, actor, region.id, { ...changes, hostNames: [national] })).toEqual({
      ok: false,
      reason: 'nationalHost',
      host: national,
    });
  });

  it('gives one of two regions made at once with the same area, never both', async () => {
    const actor = await platformAdmin();
    const shared = freshAreas(1);
    const results = await Promise.all([
      createRegion(database.db, actor, fields({ name: 'Regio Links', postcodeAreas: shared })),
      createRegion(database.db, actor, fields({ name: 'Regio Rechts', postcodeAreas: shared })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'conflict', conflict: { kind: 'area', value: shared[0] } });
    const holders = await database.db.select().from(regions);
    expect(holders.filter((r) => r.postcodeAreas.includes(shared[0]!))).toHaveLength(1);
  });
  it('waits for a region being written elsewhere before it checks, so it sees its areas', async () => {
    // Another transaction has written a region with the area but not committed yet. Without the
    // table lock the check would read the regions before that commit and take the area as well.
    const actor = await platformAdmin();
    const shared = freshAreas(1);
    let second: Promise<RegionChangeResult> | undefined;
    await database.db.transaction(async (tx) => {
      await tx.insert(regions).values(buildRegion({ name: 'Regio Eerst', postcodeAreas: shared }));
      second = createRegion(database.db, actor, fields({ name: 'Regio Tweede', postcodeAreas: shared }));
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    expect(await second).toEqual({ ok: false, reason: 'conflict', conflict: { kind: 'area', value: shared[0], region: 'Regio Eerst' } });
  });
});

describe('landelijk beheer changes a region', () => {
  it('saves name, contact, areas and host names, keeping its own areas without a conflict with itself', async () => {
    const actor = await platformAdmin();
    const region = await insertRegion(database.db, { postcodeAreas: freshAreas(2) });
    const changes = {
      name: 'Regio Hernoemd',
      contactPhone: '0314 999 000',
      contactEmail: 'nieuw@hernoemd.example',
      postcodeAreas: [...region.postcodeAreas, ...freshAreas(1)],
      hostNames: ['hog.hernoemd.example'],
    };
    expect(await updateRegion(database.db, actor, region.id, changes)).toEqual({ ok: true, id: region.id });
    const [row] = await database.db.select().from(regions).where(eq(regions.id, region.id));
    expect(row).toMatchObject({ ...changes, slug: region.slug, minAge: region.minAge });
    expect((await regionForPostcode(changes.postcodeAreas[2]!))?.name).toBe('Regio Hernoemd');
    expect((await logFor(region.id)).map((l) => l.action)).toEqual(['region.changed']);
  });

  it("refuses another active region's area or host with that region's name, and changes nothing", async () => {
    const actor = await platformAdmin();
    const other = await insertRegion(database.db, { name: 'Regio Buur', postcodeAreas: freshAreas(1), hostNames: ['hog.buur.example'] });
    const region = await insertRegion(database.db, { name: 'Regio Eigen', postcodeAreas: freshAreas(1) });
    const base = { name: 'Regio Eigen', contactPhone: '0314 111 111', contactEmail: 'a@b.example', hostNames: [] as string[] };
    expect(await updateRegion(database.db, actor, region.id, { ...base, postcodeAreas: other.postcodeAreas })).toEqual({
      ok: false,
      reason: 'conflict',
      conflict: { kind: 'area', value: other.postcodeAreas[0], region: 'Regio Buur' },
    });
    expect(await updateRegion(database.db, actor, region.id, { ...base, postcodeAreas: region.postcodeAreas, hostNames: ['hog.buur.example'] })).toMatchObject({
      ok: false,
      conflict: { kind: 'host', region: 'Regio Buur' },
    });
    const [row] = await database.db.select().from(regions).where(eq(regions.id, region.id));
    expect(row!.postcodeAreas).toEqual(region.postcodeAreas);
    expect(await logFor(region.id)).toEqual([]);
    expect(await updateRegion(database.db, actor, '00000000-0000-4000-8000-000000000000', { ...base, postcodeAreas: [] })).toEqual({
      ok: false,
      reason: 'notFound',
    });
  });

  it('switches a region off: no new sign-ups find it, its data stays; on again is checked like a new region', async () => {
    const actor = await platformAdmin();
    const region = await insertRegionNow({ name: 'Regio Slaap', postcodeAreas: freshAreas(1) });
    await insertRegistrations(database.db, region.id, 3);
    expect((await regionForPostcode(region.postcodeAreas[0]!))?.id).toBe(region.id);

    expect(await setRegionActive(database.db, actor, region.id, false)).toEqual({ ok: true, id: region.id });
    expect(await regionForPostcode(region.postcodeAreas[0]!)).toBeNull();
    expect(await database.db.select().from(registrations).where(eq(registrations.regionId, region.id))).toHaveLength(3);

    // Meanwhile another region takes the area over: switching on again would give it two regions.
    await insertRegionNow({ name: 'Regio Opvolger', postcodeAreas: region.postcodeAreas });
    expect(await setRegionActive(database.db, actor, region.id, true)).toEqual({
      ok: false,
      reason: 'conflict',
      conflict: { kind: 'area', value: region.postcodeAreas[0], region: 'Regio Opvolger' },
    });
    expect((await logFor(region.id)).map((l) => l.action)).toEqual(['region.switched_off']);
    expect((await regionForPostcode(region.postcodeAreas[0]!))?.name).toBe('Regio Opvolger');
  });

  it('switches a region on again when its areas are still free', async () => {
    const actor = await platformAdmin();
    const region = await insertRegion(database.db, { postcodeAreas: freshAreas(1), active: false });
    expect(await setRegionActive(database.db, actor, region.id, true)).toEqual({ ok: true, id: region.id });
    expect((await regionForPostcode(region.postcodeAreas[0]!))?.id).toBe(region.id);
    expect((await logFor(region.id)).map((l) => l.action)).toEqual(['region.switched_on']);
  });
});

describe("landelijk beheer invites a region's first admin", () => {
  it('needs a fresh proof of identity, then makes an admin of that region only, by mail', async () => {
    const inviter = await platformAdmin();
    const region = await insertRegion(database.db, { postcodeAreas: freshAreas(1) });
    const invite = { email: 'eerste-beheerder@test.example', name: 'Eerste Beheerder', language: 'nl' };
    const now = new Date();
    const stale = { id: inviter.id, reauthenticatedAt: new Date(now.getTime() - 11 * 60_000) };
    expect(await inviteRegionAdmin(database.db, stale, region.id, invite, requestContext, now)).toEqual({ ok: false, reason: 'reauth' });
    expect(await database.db.select().from(users).where(eq(users.email, invite.email))).toEqual([]);

    const fresh = { id: inviter.id, reauthenticatedAt: now };
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await inviteRegionAdmin(database.db, fresh, unknown, invite, requestContext, now)).toEqual({ ok: false, reason: 'notFound' });
    const result = await inviteRegionAdmin(database.db, fresh, region.id, invite, requestContext, now);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const held = await database.db.select().from(memberships).where(eq(memberships.userId, result.userId));
    expect(held.map((m) => [m.regionId, m.role])).toEqual([[region.id, 'admin']]);
    const [account] = await database.db.select().from(users).where(eq(users.id, result.userId));
    expect(account!.roles).toEqual([]);
    const token = /\/uitnodiging\/([a-z2-7]{32})/.exec((await lastMailTo(database.db, invite.email))!.text)![1]!;
    expect(await acceptInvitation(database.db, token, 'beheerder kiest een lange zin', requestContext)).toBe(true);
    const [log] = await database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectId, result.userId), eq(accessLog.action, 'auth.invitation_sent')));
    expect(log).toMatchObject({ actorId: inviter.id, actorRole: 'platform', authority: 'role:platform' });
  });
});

describe('what landelijk beheer sees of a region', () => {
  it('is numbers per region: sign-ups (open), active members and places, staff accounts and admins', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: freshAreas(1) });
    await insertRegistrations(database.db, region.id, 4, (i) => ({ status: i === 0 ? 'cancelled' : 'received' }));
    await insertLocation(database.db, region.id);
    await insertLocation(database.db, region.id, { active: false });
    await insertUser(database.db, { roles: ['admin', 'planner'], regionId: region.id });
    await insertUser(database.db, { roles: ['partner'], regionId: region.id });
    const counts = await regionCounts(database.db);
    expect(counts(region.id)).toEqual({ signups: 4, openSignups: 3, members: 0, places: 1, staff: 2, admins: 1 });
    expect(counts('00000000-0000-4000-8000-000000000000')).toEqual({ signups: 0, openSignups: 0, members: 0, places: 0, staff: 0, admins: 0 });
  });
});
