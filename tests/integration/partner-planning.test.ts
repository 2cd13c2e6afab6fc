import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversations, registrations, users } from '../../src/lib/server/db/schema/index.ts';
import { listForPartner } from '../../src/lib/server/partner/queries.ts';
import { signupOrigin } from '../../src/lib/server/partner/team.ts';
import { listQueue } from '../../src/lib/server/registrations/queue.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { useTestDatabase } from './database.ts';

// Issue 12 meets planning (issue 13): the partner sees the planned moment only when the resident
// allows it; the planner sees which partner made a sign-up and whom to contact.
const database = useTestDatabase();
const MOMENT = new Date('2026-12-08T13:30:00Z');

async function setUp() {
  const db = database.db;
  const region = await insertRegion(db);
  const partner = await insertUser(db, { roles: ['partner'], email: `joyce-${Math.random().toString(36).slice(2)}@buurtteam.example` });
  await db.update(users).set({ name: 'Joyce Bakker', organisation: 'Buurtteam Oost' }).where(eq(users.id, partner.id));
  /** A confirmed partner's sign-up with a confirmed conversation (and an older cancelled one). */
  const planned = async (overrides: Partial<typeof registrations.$inferInsert> = {}) => {
    const resident = await insertUser(db);
    const [r] = await db
      .insert(registrations)
      .values(
        buildRegistration(region.id, {
          source: 'partner',
          partnerId: partner.id,
          residentId: resident.id,
          status: 'planned',
          partnerInformed: true,
          ...overrides,
        }),
      )
      .returning();
    const base = { registrationId: r!.id, regionId: region.id, durationMinutes: 60, placeKind: 'home' as const };
    await db.insert(conversations).values([
      { ...base, sequence: 1, status: 'cancelled', startsAt: new Date('2026-12-01T09:00:00Z') },
      { ...base, sequence: 2, status: 'confirmed', startsAt: MOMENT, confirmedAt: new Date() },
    ]);
    return r!;
  };
  return { db, region, partner, planned };
}

describe('the partner’s list and the planned conversation', () => {
  it('shows the confirmed date and time when the resident allows it, and logs the look', async () => {
    const s = await setUp();
    const r = await s.planned();
    const rows = await listForPartner(s.db, s.partner.id, s.region.id, requestContext);
    expect(rows).toEqual([expect.objectContaining({ id: r.id, status: 'planned', plannedAt: MOMENT })]);
    // Only the moment: nothing about the place or the duo travels with the row.
    expect(Object.keys(rows[0]!).sort()).toEqual(['awaiting', 'createdAt', 'firstName', 'id', 'plannedAt', 'reference', 'status']);
    const logged = await s.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorId, s.partner.id), eq(accessLog.action, 'registration.listed_for_partner')));
    expect(logged.map((l) => l.object)).toEqual([`registration:${r.id}`]);
  });

  it('shows no date when the resident did not allow it, or ended the access', async () => {
    const s = await setUp();
    const hidden = await s.planned({ partnerInformed: false });
    await s.planned({ partnerAccessRemovedAt: new Date() });
    const rows = await listForPartner(s.db, s.partner.id, s.region.id, requestContext);
    expect(rows).toEqual([expect.objectContaining({ id: hidden.id, status: 'confirmed', plannedAt: null })]);
  });

  it('shows nothing of another partner’s sign-up, and no date before a conversation is confirmed', async () => {
    const s = await setUp();
    await s.planned();
    const other = await insertUser(s.db, { roles: ['partner'] });
    expect(await listForPartner(s.db, other.id, s.region.id, requestContext)).toEqual([]);
    const [waiting] = await s.db
      .insert(registrations)
      .values(buildRegistration(s.region.id, { source: 'partner', partnerId: other.id, status: 'contacted', partnerInformed: true }))
      .returning();
    expect(await listForPartner(s.db, other.id, s.region.id, requestContext)).toEqual([expect.objectContaining({ id: waiting!.id, plannedAt: null })]);
  });
});

describe('the planner and a partner’s sign-up', () => {
  it('sees "via <organisation>" in the queue, for partner sign-ups only', async () => {
    const s = await setUp();
    const viaPartner = await s.planned({ status: 'received' });
    const [own] = await s.db.insert(registrations).values(buildRegistration(s.region.id)).returning();
    const planner = await insertUser(s.db, { roles: ['planner'] });
    const page = await listQueue(s.db, s.region.id, { userId: planner.id, role: 'planner', ipPrefix: null });
    const byId = new Map(page.rows.map((r) => [r.id, r]));
    expect(byId.get(viaPartner.id)).toMatchObject({ source: 'partner', partnerOrganisation: 'Buurtteam Oost' });
    expect(byId.get(own!.id)).toMatchObject({ source: 'resident', partnerOrganisation: null });
  });

  it('sees who made it and whom to contact, with the partner’s e-mail only when the partner is the contact', async () => {
    const s = await setUp();
    const [partner] = await s.db.select().from(users).where(eq(users.id, s.partner.id));
    const viaResident = await s.planned({ contactPerson: 'resident' });
    expect(await signupOrigin(s.db, viaResident)).toEqual({
      partnerName: 'Joyce Bakker',
      organisation: 'Buurtteam Oost',
      contactPerson: 'resident',
      partnerEmail: null,
      accessRemoved: false,
    });
    const viaPartner = await s.planned({ contactPerson: 'partner' });
    expect(await signupOrigin(s.db, viaPartner)).toMatchObject({ contactPerson: 'partner', partnerEmail: partner!.email });
    // The resident ended the partner's access: the team contacts the resident, not the partner.
    const removed = await s.planned({ contactPerson: 'partner', partnerAccessRemovedAt: new Date() });
    expect(await signupOrigin(s.db, removed)).toMatchObject({
      organisation: 'Buurtteam Oost',
      contactPerson: 'resident',
      partnerEmail: null,
      accessRemoved: true,
    });
    const [own] = await s.db.insert(registrations).values(buildRegistration(s.region.id)).returning();
    expect(await signupOrigin(s.db, own!)).toBeNull();
  });
});
