import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversationProposals, planningRequests, registrations, teamMembers } from '../../src/lib/server/db/schema/index.ts';
import { listActiveLocations, listAllLocations } from '../../src/lib/server/locations/queries.ts';
import { addOffer, listOffers } from '../../src/lib/server/offers/queries.ts';
import { loadSignup } from '../../src/lib/server/planning/context.ts';
import { pickMoment } from '../../src/lib/server/planning/confirm.ts';
import { proposeMoments } from '../../src/lib/server/planning/propose.ts';
import { openRequests } from '../../src/lib/server/planning/queries.ts';
import { markRequestHandled } from '../../src/lib/server/planning/requests.ts';
import { changeInRegion } from '../../src/lib/server/region/switch.ts';
import { changeAsDuo, reportForDuo } from '../../src/lib/server/reports/duo.ts';
import { activeOffers } from '../../src/lib/server/reports/offers.ts';
import { listTeamForPlanning } from '../../src/lib/server/team/queries.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { buildReportContent, insertHeldConversation } from '../builders/reports.ts';
import { insertMember } from '../builders/team.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();
const now = new Date('2026-03-20T12:00:00Z');
const moments = [{ date: '2026-03-23', time: '10:00', durationMinutes: 60 }];

/** A sign-up with what planning mail needs (a call name and an address). */
async function signup(regionId: string, residentId: string | null = null) {
  const details = { callName: 'Sanne', contact: { email: 'sanne@test.example', senderNamed: true } };
  const [r] = await database.db
    .insert(registrations)
    .values(buildRegistration(regionId, { residentId, sealedDetails: seal(JSON.stringify(details)) }))
    .returning();
  return r!;
}

async function admin() {
  const user = await insertUser(database.db, { roles: ['admin'] });
  return { userId: user.id, role: 'admin', ipPrefix: null };
}

describe('switching members, places and offers on and off', () => {
  it('changes a member of the own region only, logs it, and an inactive member cannot be in a duo', async () => {
    const db = database.db;
    const region = await insertRegion(db);
    const actor = await admin();
    const [a, b] = [await insertMember(db, region.id), await insertMember(db, region.id)];
    const other = await insertRegion(db);
    expect(await changeInRegion(db, actor, other.id, 'team_members', a.id, { active: false })).toBe(false);
    const change = { active: false, countsAsGgz: true, languages: ['nl', 'tr'], workingDays: ['ma', 'za'] };
    expect(await changeInRegion(db, actor, region.id, 'team_members', b.id, change)).toBe(true);
    const [row] = await db.select().from(teamMembers).where(eq(teamMembers.id, b.id));
    expect(row).toMatchObject(change);
    expect((await listTeamForPlanning(db, region.id)).map((m) => m.id)).toEqual([a.id]);
    expect(await listTeamForPlanning(db, region.id, { inactiveToo: true })).toHaveLength(2);
    const logged = await db
      .select()
      .from(accessLog)
      .where(eq(accessLog.object, `team_members:${b.id}`));
    expect(logged.map((l) => [l.action, l.actorId])).toEqual([['deactivate', actor.userId]]);

    const ctx = (await loadSignup(db, (await signup(region.id)).id))!;
    const proposal = await proposeMoments(db, actor, ctx, { seen: 1, memberIds: [a.id, b.id], moments }, now);
    expect(proposal).toMatchObject({ ok: false, duo: ['duo_inactive'] });
  });

  it('refuses a pick when the admin switched a duo member off after the moments were proposed', async () => {
    const db = database.db;
    const region = await insertRegion(db);
    const actor = await admin();
    const [a, b] = [await insertMember(db, region.id), await insertMember(db, region.id)];
    const resident = await insertUser(db);
    const r = await signup(region.id, resident.id);
    expect((await proposeMoments(db, actor, (await loadSignup(db, r.id))!, { seen: 1, memberIds: [a.id, b.id], moments }, now)).ok).toBe(true);
    await changeInRegion(db, actor, region.id, 'team_members', b.id, { active: false });
    const [p] = await db.select().from(conversationProposals);
    expect(await pickMoment(db, (await loadSignup(db, r.id))!, p!.id, now)).toEqual({ ok: false, reason: 'duo_changed' });
    await changeInRegion(db, actor, region.id, 'team_members', b.id, { active: true });
    expect((await pickMoment(db, (await loadSignup(db, r.id))!, p!.id, now)).ok).toBe(true);
  });

  it('an inactive place is no longer offered in the sign-up, and comes back when switched on', async () => {
    const db = database.db;
    const region = await insertRegion(db);
    const actor = await admin();
    const place = await insertLocation(db, region.id);
    expect((await listActiveLocations(db, region.id)).map((l) => l.id)).toEqual([place.id]);
    expect(await changeInRegion(db, actor, region.id, 'locations', place.id, { active: false })).toBe(true);
    expect(await listActiveLocations(db, region.id)).toEqual([]);
    expect((await listAllLocations(db, region.id)).map((l) => [l.id, l.active])).toEqual([[place.id, false]]);
    await changeInRegion(db, actor, region.id, 'locations', place.id, { active: true });
    expect((await listActiveLocations(db, region.id)).map((l) => l.id)).toEqual([place.id]);
  });

  it('an inactive offer is not offered for a report, and a posted one is dropped from the draft', async () => {
    const db = database.db;
    const held = await insertHeldConversation(db);
    const actor = await admin();
    const offer = (name: string) => ({ kind: 'peer_support' as const, name: { nl: name }, description: { nl: 'Samen verder.' }, url: null });
    await addOffer(db, actor, held.region.id, offer('Lotgenoten'));
    await addOffer(db, actor, held.region.id, offer('Herstelgroep'));
    const [kept, off] = await listOffers(db, held.region.id);
    expect(await changeInRegion(db, actor, held.region.id, 'follow_up_offers', off!.id, { active: false })).toBe(true);
    expect((await activeOffers(db, held.region.id, 'nl')).map((o) => o.name)).toEqual(['Lotgenoten']);
    expect(await listOffers(db, held.region.id, { inactiveToo: true })).toHaveLength(2);

    const [writer] = held.duo;
    const content = buildReportContent({ offerIds: [kept!.id, off!.id] });
    await changeAsDuo(db, writer.id, held.region.id, held.conversation.id, { kind: 'save', content, send: false }, requestContext);
    const draft = await reportForDuo(db, writer.id, held.region.id, held.conversation.id, requestContext);
    expect(draft!.content.offerIds).toEqual([kept!.id]);
  });
});

describe("a resident's request", () => {
  it('is marked handled once by a planner, logged, and gone from the open list', async () => {
    const db = database.db;
    const region = await insertRegion(db);
    const planner = await insertUser(db, { roles: ['planner'] });
    const actor = { userId: planner.id, role: 'planner', ipPrefix: null };
    const held = await signup(region.id);
    const [request] = await db.insert(planningRequests).values({ registrationId: held.id, kind: 'follow_up' }).returning();
    const other = await signup(region.id);
    const ctx = (await loadSignup(db, held.id))!;
    // Another sign-up's page cannot handle this request.
    expect(await markRequestHandled(db, actor, (await loadSignup(db, other.id))!, request!.id)).toBe(false);
    expect(await openRequests(db, held.id)).toHaveLength(1);
    expect(await markRequestHandled(db, actor, ctx, request!.id, now)).toBe(true);
    expect(await markRequestHandled(db, actor, ctx, request!.id, now)).toBe(false);
    expect(await openRequests(db, held.id)).toEqual([]);
    const logged = await db
      .select()
      .from(accessLog)
      .where(eq(accessLog.object, `registration:${held.id}`));
    expect(logged.map((l) => [l.action, l.actorId])).toEqual([['planning.request_handled.follow_up', planner.id]]);
  });
});
