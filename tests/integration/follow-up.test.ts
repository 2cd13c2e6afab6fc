import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversationDuo, conversations, registrations, teamMembers } from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { followUpsToPlan, proposeFollowUp } from '../../src/lib/server/planning/follow-up.ts';
import { StaleVersion } from '../../src/lib/server/planning/version.ts';
import { insertUser } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { insertMember } from '../builders/team.ts';
import { lastMailTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

// Issue 13: "a second or third conversation can be planned by the duo". The duo of a held
// conversation proposes the next one under the planner's rules; nobody else may through this path.
const database = useTestDatabase();
const now = new Date('2026-03-20T12:00:00Z');
const DAY = 86_400_000;

async function world() {
  const db = database.db;
  const region = await insertRegion(db);
  const place = await insertLocation(db, region.id);
  const workers = [await insertUser(db, { roles: ['worker'] }), await insertUser(db, { roles: ['worker'] }), await insertUser(db, { roles: ['worker'] })];
  const members = await Promise.all(workers.map((w, i) => insertMember(db, region.id, { userId: w.id, countsAsGgz: i === 0 })));
  const planner = await insertUser(db, { roles: ['planner'] });
  const email = `sanne-${Math.random().toString(36).slice(2)}@test.example`;
  const details = { callName: 'Sanne', contact: { email, voicemail: false, sms: false, senderNamed: true }, naaste: null };
  const [r] = await db
    .insert(registrations)
    .values(buildRegistration(region.id, { status: 'held', placeKind: 'catalogue', locationId: place.id, sealedDetails: seal(JSON.stringify(details)) }))
    .returning();
  const conversation = async (sequence: number, status: 'held' | 'confirmed' | 'proposed', startsAt: Date | null, duo = [members[0]!, members[1]!]) => {
    const [c] = await db
      .insert(conversations)
      .values({ registrationId: r!.id, regionId: region.id, sequence, status, startsAt, durationMinutes: 60, placeKind: 'catalogue', locationId: place.id })
      .returning();
    await db.insert(conversationDuo).values(duo.map((m) => ({ conversationId: c!.id, teamMemberId: m.id })));
    return c!;
  };
  const held = await conversation(1, 'held', new Date(now.getTime() - 7 * DAY));
  const actor = (userId: string, role = 'worker') => ({ userId, role, ipPrefix: '192.0.2.0/24', regionId: region.id });
  return { db, region, place, workers, members, planner, email, registration: r!, held, conversation, actor };
}

const moments = [
  { date: '2026-03-26', time: '10:00', durationMinutes: 60 },
  { date: '2026-03-27', time: '14:00', durationMinutes: 90 },
];

describe("the duo's own follow-up", () => {
  it('is proposed by a member of the duo: the same duo, moments for the resident, mailed and logged like a planner’s', async () => {
    const w = await world();
    expect((await followUpsToPlan(w.db, w.workers[0]!.id, w.region.id)).map((f) => f.c.id)).toEqual([w.held.id]);
    const result = await proposeFollowUp(w.db, w.actor(w.workers[1]!.id), { conversation: w.held.id, seen: 1, moments }, now);
    expect(result).toMatchObject({ ok: true });
    const [next] = await w.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.registrationId, w.registration.id), eq(conversations.sequence, 2)));
    expect(next).toMatchObject({ status: 'proposed', plannedBy: w.workers[1]!.id });
    const duo = await w.db.select().from(conversationDuo).where(eq(conversationDuo.conversationId, next!.id));
    expect(duo.map((d) => d.teamMemberId).sort()).toEqual([w.members[0]!.id, w.members[1]!.id].sort());
    expect((await lastMailTo(w.db, w.email))?.text).toContain('/mijn');
    const [log] = await w.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.object, `registration:${w.registration.id}`), eq(accessLog.action, 'planning.propose')));
    expect(log).toMatchObject({ actorId: w.workers[1]!.id, actorRole: 'worker', authority: 'duo' });
    // Planned now: no second follow-up while this one is open.
    expect(await followUpsToPlan(w.db, w.workers[0]!.id, w.region.id)).toEqual([]);
    expect(await proposeFollowUp(w.db, w.actor(w.workers[0]!.id), { conversation: w.held.id, seen: 2, moments }, now)).toEqual({ ok: false, reason: 'state' });
  });

  it('is refused to anyone outside the duo, a planner too, as if the conversation did not exist', async () => {
    const w = await world();
    for (const userId of [w.workers[2]!.id, w.planner.id])
      expect(await proposeFollowUp(w.db, w.actor(userId), { conversation: w.held.id, seen: 1, moments }, now)).toEqual({ ok: false, reason: 'not_found' });
    expect(await followUpsToPlan(w.db, w.workers[2]!.id, w.region.id)).toEqual([]);
    expect(await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id))).toHaveLength(1);
  });

  it('follows the planner’s rules: the past, the hour skipped in March, a conflict with travel time, a switched-off member', async () => {
    const w = await world();
    const by = w.actor(w.workers[0]!.id);
    const propose = (m: typeof moments) => proposeFollowUp(w.db, by, { conversation: w.held.id, seen: 1, moments: m }, now);
    expect(await propose([{ date: '2026-03-19', time: '10:00', durationMinutes: 60 }])).toMatchObject({ ok: false, proposals: [{ problem: 'past' }] });
    expect(await propose([{ date: '2026-03-29', time: '02:30', durationMinutes: 60 }])).toMatchObject({ ok: false, proposals: [{ problem: 'nonexistent' }] });
    expect(await propose([...moments, ...moments])).toMatchObject({ ok: false, proposals: [{ problem: 'proposals_count' }] });
    // Another conversation of member 1 at another place ends at 09:45: no 30 minutes to travel.
    const [r2] = await w.db
      .insert(registrations)
      .values(buildRegistration(w.region.id, { status: 'planned' }))
      .returning();
    const [busy] = await w.db
      .insert(conversations)
      .values({
        registrationId: r2!.id,
        regionId: w.region.id,
        sequence: 1,
        status: 'confirmed',
        startsAt: new Date('2026-03-26T07:45:00Z'),
        durationMinutes: 60,
        placeKind: 'home',
      })
      .returning();
    await w.db.insert(conversationDuo).values({ conversationId: busy!.id, teamMemberId: w.members[1]!.id });
    expect(await propose([moments[0]!])).toMatchObject({ ok: false, conflicts: [{ index: 0, memberId: w.members[1]!.id }] });
    await w.db.update(teamMembers).set({ active: false }).where(eq(teamMembers.id, w.members[0]!.id));
    expect(await propose([moments[1]!])).toMatchObject({ ok: false, duo: ['duo_inactive'] });
    expect(await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id))).toHaveLength(1);
  });

  it('is not a fourth conversation, and a stale version is told what changed', async () => {
    const w = await world();
    await w.conversation(2, 'held', new Date(now.getTime() - 3 * DAY));
    const third = await w.conversation(3, 'held', new Date(now.getTime() - DAY));
    expect(await followUpsToPlan(w.db, w.workers[0]!.id, w.region.id)).toEqual([]);
    expect(await proposeFollowUp(w.db, w.actor(w.workers[0]!.id), { conversation: third.id, seen: 1, moments }, now)).toEqual({ ok: false, reason: 'state' });

    const v = await world();
    await v.db.update(registrations).set({ planningVersion: 3 }).where(eq(registrations.id, v.registration.id));
    await expect(proposeFollowUp(v.db, v.actor(v.workers[0]!.id), { conversation: v.held.id, seen: 2, moments }, now)).rejects.toBeInstanceOf(StaleVersion);
  });

  it('is not offered for a sign-up that was closed or cancelled', async () => {
    const w = await world();
    await w.db.update(registrations).set({ closedAt: now }).where(eq(registrations.id, w.registration.id));
    expect(await followUpsToPlan(w.db, w.workers[0]!.id, w.region.id)).toEqual([]);
    expect(await proposeFollowUp(w.db, w.actor(w.workers[0]!.id), { conversation: w.held.id, seen: 1, moments }, now)).toEqual({ ok: false, reason: 'state' });
  });
});
