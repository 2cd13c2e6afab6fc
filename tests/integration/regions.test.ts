import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  conversationDuo,
  conversations,
  followUpOffers,
  memberships,
  planningRequests,
  registrations,
  reports,
  type Role,
} from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { listStaffAccounts, deactivateAccount } from '../../src/lib/server/accounts/staff.ts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions.ts';
import { switchRegion } from '../../src/lib/server/auth/region-switch.ts';
import { listActiveLocations, listAllLocations } from '../../src/lib/server/locations/queries.ts';
import { listOffers } from '../../src/lib/server/offers/queries.ts';
import { letterForResident } from '../../src/lib/server/partner/letter.ts';
import { findAwaitingForPartner, listForPartner } from '../../src/lib/server/partner/queries.ts';
import { confirmByPhone, listAwaiting } from '../../src/lib/server/partner/team.ts';
import { loadSignup } from '../../src/lib/server/planning/context.ts';
import { recordContact } from '../../src/lib/server/planning/contact.ts';
import { duoGaps, upcomingOfMember } from '../../src/lib/server/planning/duo-gaps.ts';
import { followUpsToPlan, proposeFollowUp } from '../../src/lib/server/planning/follow-up.ts';
import { recordOutcome } from '../../src/lib/server/planning/outcome.ts';
import { myConversations } from '../../src/lib/server/planning/queries.ts';
import { markRequestHandled } from '../../src/lib/server/planning/requests.ts';
import { StaleVersion } from '../../src/lib/server/planning/version.ts';
import { queueFigures } from '../../src/lib/server/planning/waiting.ts';
import { changeInRegion } from '../../src/lib/server/region/switch.ts';
import { listQueue } from '../../src/lib/server/registrations/queue.ts';
import { changeAsDuo, heldConversationsFor, reportForDuo } from '../../src/lib/server/reports/duo.ts';
import { emergencyRead } from '../../src/lib/server/reports/emergency.ts';
import { listTeam, listTeamForPlanning } from '../../src/lib/server/team/queries.ts';
import { addMember } from '../../src/lib/server/team/admin.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { buildReportContent } from '../builders/reports.ts';
import { insertMember } from '../builders/team.ts';
import { useTestDatabase } from './database.ts';

// Issue 19, "Done when" 1: two regions on one database, each with its own staff, partner and data.
// Written from the domain (the functions pages and actions call with the working region), not from
// the route table: every role of A that names something of B gets nothing, and every list shows A.

const database = useTestDatabase();
const now = new Date();
const DAY = 86_400_000;
const ctx = requestContext;

async function region(name: string, area: string) {
  const db = database.db;
  const r = await insertRegion(db, { name, postcodeAreas: [area] });
  const user = (roles: Role[]) => insertUser(db, { roles, regionId: r.id });
  const [planner, admin, partner] = [await user(['planner']), await user(['admin']), await user(['partner'])];
  const workers = [await user(['worker']), await user(['worker'])];
  const members = await Promise.all(workers.map((w) => insertMember(db, r.id, { userId: w.id, email: w.email })));
  // A member switched off while still in an upcoming duo: the region's duo gap.
  const leaver = await insertMember(db, r.id, { active: false, name: `Vertrokken ${name}` });
  const place = await insertLocation(db, r.id);
  const [offer] = await db
    .insert(followUpOffers)
    .values({ regionId: r.id, kind: 'recovery_group', name: { nl: `Groep ${name}` }, description: { nl: 'Samen' } })
    .returning();
  const resident = await insertUser(db, { roles: ['resident'] });
  const details = seal(JSON.stringify({ callName: `Inwoner ${name}`, contact: { email: resident.email, senderNamed: true } }));
  const signup = async (values: Partial<typeof registrations.$inferInsert>) =>
    (
      await db
        .insert(registrations)
        .values(buildRegistration(r.id, { residentId: resident.id, sealedDetails: details, ...values }))
        .returning()
    )[0]!;
  const open = await signup({ status: 'contacted', firstContactAt: new Date(now.getTime() - 2 * DAY), createdAt: new Date(now.getTime() - 5 * DAY) });
  const awaiting = await signup({ source: 'partner', partnerId: partner.id, status: 'awaiting_confirmation' });
  const held = await signup({ status: 'held', placeKind: 'catalogue', locationId: place.id });
  const conversation = async (registrationId: string, status: 'held' | 'confirmed', startsAt: Date, duo = members) => {
    const [c] = await db
      .insert(conversations)
      .values({ registrationId, regionId: r.id, sequence: status === 'held' ? 1 : 2, status, startsAt, durationMinutes: 60, placeKind: 'home' })
      .returning();
    await db.insert(conversationDuo).values(duo.map((m) => ({ conversationId: c!.id, teamMemberId: m.id })));
    return c!;
  };
  const heldTalk = await conversation(held.id, 'held', new Date(now.getTime() - 3 * DAY));
  const [report] = await db
    .insert(reports)
    .values({ registrationId: held.id, conversationId: heldTalk.id, sealedContent: seal(JSON.stringify(buildReportContent())) })
    .returning();
  const upcoming = await conversation(open.id, 'confirmed', new Date(now.getTime() + 3 * DAY), [members[0]!, leaver]);
  const actor = (u: { id: string }, role: string) => ({ userId: u.id, role, ipPrefix: null, regionId: r.id });
  return {
    region: r,
    planner,
    admin,
    partner,
    workers,
    members,
    leaver,
    place,
    offer: offer!,
    open,
    awaiting,
    held,
    heldTalk,
    report: report!,
    upcoming,
    actor,
  };
}

async function world() {
  return { a: await region('Aaveld', '7101'), b: await region('Beemland', '7201') };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('two regions on one database', () => {
  it("gives a planner and an admin of A nothing of B's sign-ups, and only A's in the queue, awaiting list and figures", async () => {
    const db = database.db;
    const { a, b } = await world();
    const reader = { userId: a.planner.id, role: 'planner' as const, ipPrefix: null };
    for (const id of [b.open.id, b.awaiting.id, b.held.id]) expect(await loadSignup(db, id, a.region.id)).toBeNull();
    expect(await loadSignup(db, b.open.id, b.region.id)).not.toBeNull();

    const queue = await listQueue(db, a.region.id, reader);
    expect(ids(queue.rows).sort()).toEqual([a.open.id].sort());
    expect(queue.total).toBe(1);
    // B's sign-up as the page cursor (?na=) reads nothing: its position is not A's to know.
    expect((await listQueue(db, a.region.id, reader, { after: b.open.id })).rows).toEqual([]);
    // Searching A's queue for B's reference finds nothing; for A's own, it finds it.
    expect((await listQueue(db, a.region.id, reader, {}, 50, { reference: b.open.reference })).rows).toEqual([]);
    expect(ids((await listQueue(db, a.region.id, reader, {}, 50, { reference: a.open.reference })).rows)).toEqual([a.open.id]);
    expect(ids(await listAwaiting(db, a.region.id, reader, ctx))).toEqual([a.awaiting.id]);
    expect(await confirmByPhone(db, a.region.id, reader, b.awaiting.id, ctx)).toBe(false);
    expect((await db.select().from(registrations).where(eq(registrations.id, b.awaiting.id)))[0]!.status).toBe('awaiting_confirmation');
    expect((await queueFigures(db, a.region.id, now)).toContact.count).toBe(1);

    // A stale or crafted form naming B's sign-up: the scoped write changes nothing.
    await expect(recordContact(db, a.actor(a.planner, 'planner'), b.open.id, b.open.planningVersion, 'x')).rejects.toBeInstanceOf(StaleVersion);
    expect((await db.select().from(registrations).where(eq(registrations.id, b.open.id)))[0]!.planningVersion).toBe(b.open.planningVersion);
    const [request] = await db.insert(planningRequests).values({ registrationId: b.open.id, kind: 'other_moment' }).returning();
    const readInB = (await loadSignup(db, b.open.id, b.region.id))!;
    expect(await markRequestHandled(db, a.actor(a.planner, 'planner'), readInB, request!.id)).toBe(false);
    expect(await markRequestHandled(db, b.actor(b.planner, 'planner'), readInB, request!.id)).toBe(true);

    expect((await duoGaps(db, a.region.id)).map((g) => g.conversationId)).toEqual([a.upcoming.id]);
    expect(await upcomingOfMember(db, a.region.id, b.leaver.id)).toEqual([]);
  });

  it("shows an admin of A only A's team, places, offers and staff, and refuses B's ids", async () => {
    const db = database.db;
    const { a, b } = await world();
    const admin = a.actor(a.admin, 'admin');
    expect(ids(await listTeam(db, a.region.id)).sort()).toEqual(ids(a.members).sort());
    expect(ids(await listTeamForPlanning(db, a.region.id, { inactiveToo: true })).sort()).toEqual(ids([...a.members, a.leaver]).sort());
    expect(ids(await listAllLocations(db, a.region.id))).toEqual([a.place.id]);
    expect(ids(await listActiveLocations(db, a.region.id))).toEqual([a.place.id]);
    expect(ids(await listOffers(db, a.region.id, { inactiveToo: true }))).toEqual([a.offer.id]);
    const staff = (await listStaffAccounts(db, a.region.id)).map((s) => s.id);
    expect(staff).toEqual(expect.arrayContaining([a.planner.id, a.admin.id, a.partner.id, ...ids(a.workers)]));
    expect(staff).not.toEqual(expect.arrayContaining([b.planner.id]));

    expect(await changeInRegion(db, admin, a.region.id, 'team_members', b.members[0]!.id, { active: false })).toBe(false);
    expect(await changeInRegion(db, admin, a.region.id, 'locations', b.place.id, { active: false })).toBe(false);
    expect(await changeInRegion(db, admin, a.region.id, 'follow_up_offers', b.offer.id, { active: false })).toBe(false);
    expect(await deactivateAccount(db, a.admin, a.region.id, b.planner.id, ctx)).toBe(false);
    expect(await emergencyRead(db, a.admin.id, a.region.id, b.held.reference, 'Crisis', ctx)).toBeNull();
    expect((await emergencyRead(db, a.admin.id, a.region.id, a.held.reference, 'Crisis', ctx))?.reference).toBe(a.held.reference);

    // A member's address and worker role are of one region: B's member's address is new in A, and B's worker role ties nothing.
    const member = {
      name: 'Wessel',
      email: b.workers[0]!.email,
      discipline: 'buurtcoach' as const,
      countsAsGgz: false,
      languages: ['nl'],
      workingDays: ['ma'],
    };
    expect(await addMember(db, admin, a.region.id, member)).toEqual({ ok: true, linked: false });
  });

  it("gives a worker of A none of B's conversations or reports", async () => {
    const db = database.db;
    const { a, b } = await world();
    const worker = a.workers[0]!;
    expect((await myConversations(db, worker.id, a.region.id)).map((r) => r.c.id)).toEqual([a.upcoming.id]);
    expect((await heldConversationsFor(db, worker.id, a.region.id)).map((c) => c.conversationId)).toEqual([a.heldTalk.id]);
    expect((await followUpsToPlan(db, worker.id, a.region.id)).map((f) => f.c.id)).toEqual([a.heldTalk.id]);
    expect(await reportForDuo(db, worker.id, a.region.id, b.heldTalk.id, ctx)).toBeNull();
    const save = { kind: 'save' as const, content: buildReportContent(), send: false };
    expect(await changeAsDuo(db, worker.id, a.region.id, b.heldTalk.id, save, ctx)).toBeNull();
    expect(await recordOutcome(db, a.actor(worker, 'worker'), b.upcoming.id, 'cancelled', b.upcoming.version)).toEqual({ ok: false, reason: 'not_found' });
    const moments = [{ date: '2099-01-05', time: '10:00', durationMinutes: 60 }];
    expect(await proposeFollowUp(db, a.actor(worker, 'worker'), { conversation: b.heldTalk.id, seen: 1, moments })).toEqual({ ok: false, reason: 'not_found' });
  });

  it("gives a partner of A only A's sign-ups, and no letter for B's", async () => {
    const db = database.db;
    const { a, b } = await world();
    expect(ids(await listForPartner(db, a.partner.id, a.region.id, ctx))).toEqual([a.awaiting.id]);
    expect(await listForPartner(db, a.partner.id, b.region.id, ctx)).toEqual([]);
    expect(await findAwaitingForPartner(db, a.partner.id, a.region.id, b.awaiting.id)).toBeNull();
    // Even B's own partner, working in A, does not reach it from there.
    expect(await findAwaitingForPartner(db, b.partner.id, a.region.id, b.awaiting.id)).toBeNull();
    expect(await letterForResident(db, a.region, a.partner.id, b.awaiting.id, ctx)).toBeNull();
    expect(await letterForResident(db, a.region, b.partner.id, b.awaiting.id, ctx)).toBeNull();
  });

  it('shows a person who works in both regions one region at a time, and the other after the switch', async () => {
    const db = database.db;
    const { a, b } = await world();
    // One account, a worker membership and a member row in each region, in a duo in each.
    const both = a.workers[0]!;
    await db.insert(memberships).values({ userId: both.id, regionId: b.region.id, role: 'worker' });
    const inB = await insertMember(db, b.region.id, { userId: both.id });
    await db.update(conversationDuo).set({ teamMemberId: inB.id }).where(eq(conversationDuo.teamMemberId, b.members[0]!.id));

    const { token, session } = await createSession(db, both.id, {});
    const seen = async () => {
      const user = (await validateSessionToken(db, token))!.user;
      return {
        regionId: user.regionId,
        upcoming: (await myConversations(db, both.id, user.regionId!)).map((r) => r.c.id),
        held: (await heldConversationsFor(db, both.id, user.regionId!)).map((c) => c.conversationId),
      };
    };
    expect(await seen()).toEqual({ regionId: a.region.id, upcoming: [a.upcoming.id], held: [a.heldTalk.id] });
    expect(await reportForDuo(db, both.id, a.region.id, b.heldTalk.id, ctx)).toBeNull();
    expect(await switchRegion(db, session, b.region.id)).toBe(true);
    expect(await seen()).toEqual({ regionId: b.region.id, upcoming: [b.upcoming.id], held: [b.heldTalk.id] });
    expect(await reportForDuo(db, both.id, b.region.id, a.heldTalk.id, ctx)).toBeNull();
    expect(await reportForDuo(db, both.id, b.region.id, b.heldTalk.id, ctx)).not.toBeNull();
    // A region they hold no role in is refused, and the session stays where it was.
    expect(await switchRegion(db, session, (await insertRegion(db)).id)).toBe(false);
    expect((await seen()).regionId).toBe(b.region.id);
  });
});
