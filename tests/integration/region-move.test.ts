import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversationDuo, conversations, planningEvents, registrations, reports } from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { looksAt } from '../../src/lib/server/audit/who-looked.ts';
import { loadSignup } from '../../src/lib/server/planning/context.ts';
import { moveToRegion } from '../../src/lib/server/planning/move-region.ts';
import { StaleVersion } from '../../src/lib/server/planning/version.ts';
import { queueFigures } from '../../src/lib/server/planning/waiting.ts';
import { listQueue } from '../../src/lib/server/registrations/queue.ts';
import { heldConversationsFor } from '../../src/lib/server/reports/duo.ts';
import { followUpsToPlan } from '../../src/lib/server/planning/follow-up.ts';
import { insertUser } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { insertMember } from '../builders/team.ts';
import { useTestDatabase } from './database.ts';

// Issue 19, item 5: a planner of the region a sign-up is in moves it to another active region.

const database = useTestDatabase();
const DAY = 86_400_000;

async function world() {
  const db = database.db;
  const [a, b] = [await insertRegion(db, { name: 'Aaveld' }), await insertRegion(db, { name: 'Beemland' })];
  const off = await insertRegion(db, { name: 'Uitgezet', active: false });
  const place = await insertLocation(db, a.id);
  const [plannerA, plannerB] = [await insertUser(db, { roles: ['planner'], regionId: a.id }), await insertUser(db, { roles: ['planner'], regionId: b.id })];
  const worker = await insertUser(db, { roles: ['worker'], regionId: a.id });
  const member = await insertMember(db, a.id, { userId: worker.id });
  const resident = await insertUser(db, { roles: ['resident'] });
  const now = new Date();
  const [signup] = await db
    .insert(registrations)
    .values(
      buildRegistration(a.id, {
        residentId: resident.id,
        status: 'held',
        placeKind: 'catalogue',
        locationId: place.id,
        createdAt: new Date(now.getTime() - 6 * DAY),
        firstContactAt: new Date(now.getTime() - 4 * DAY),
        sealedDetails: seal(JSON.stringify({ callName: 'Sanne', contact: { email: resident.email, senderNamed: true } })),
      }),
    )
    .returning();
  const talk = async (sequence: number, status: 'held' | 'proposed' | 'confirmed') => {
    const [c] = await db
      .insert(conversations)
      .values({ registrationId: signup!.id, regionId: a.id, sequence, status, startsAt: new Date(now.getTime() - DAY), durationMinutes: 60, placeKind: 'home' })
      .returning();
    await db.insert(conversationDuo).values({ conversationId: c!.id, teamMemberId: member.id });
    return c!;
  };
  const held = await talk(1, 'held');
  /** The held conversation's report, in the state given (approved: the duo's work on it is done). */
  const report = (status: 'draft' | 'approved') =>
    db
      .insert(reports)
      .values({ registrationId: signup!.id, conversationId: held.id, status, sealedContent: seal('{}') })
      .onConflictDoUpdate({ target: reports.conversationId, set: { status } });
  const actor = (userId: string, regionId: string) => ({ userId, role: 'planner', ipPrefix: '192.0.2.0/24', regionId });
  const reader = (userId: string) => ({ userId, role: 'planner' as const, ipPrefix: null });
  return { db, a, b, off, plannerA, plannerB, worker, resident, signup: signup!, held, talk, report, actor, reader };
}

describe('moving a sign-up to another region', () => {
  it('is refused outside its region, to a switched-off or the same region, while a report or a conversation is unfinished, and on a stale form', async () => {
    const w = await world();
    const v = w.signup.planningVersion;
    // A held conversation whose report the duo has not finished with the resident stays where its duo is.
    expect(await moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, w.b.id, v)).toEqual({ ok: false, reason: 'report' });
    await w.report('draft');
    expect(await moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, w.b.id, v)).toEqual({ ok: false, reason: 'report' });
    await w.report('approved');
    expect(await moveToRegion(w.db, w.actor(w.plannerB.id, w.b.id), w.signup.id, w.b.id, v)).toEqual({ ok: false, reason: 'not_found' });
    expect(await moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, w.off.id, v)).toEqual({ ok: false, reason: 'region' });
    expect(await moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, w.a.id, v)).toEqual({ ok: false, reason: 'region' });
    expect(await moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, crypto.randomUUID(), v)).toEqual({ ok: false, reason: 'region' });
    await expect(moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, w.b.id, v - 1)).rejects.toBeInstanceOf(StaleVersion);
    const proposed = await w.talk(2, 'proposed');
    expect(await moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, w.b.id, v)).toEqual({ ok: false, reason: 'planned' });
    await w.db.update(conversations).set({ status: 'confirmed' }).where(eq(conversations.id, proposed.id));
    expect(await moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, w.b.id, v)).toEqual({ ok: false, reason: 'planned' });
    const [row] = await w.db.select().from(registrations).where(eq(registrations.id, w.signup.id));
    expect(row).toMatchObject({ regionId: w.a.id, planningVersion: v, locationId: w.signup.locationId });
  });

  it("moves it with its conversations, drops the old region's place, logs it for the resident and shows it only to the new region", async () => {
    const w = await world();
    await w.report('approved');
    await w.db.update(registrations).set({ status: 'contacted' }).where(eq(registrations.id, w.signup.id));
    // Read (and so cache) both regions' queue totals and waiting figures before the move.
    expect((await listQueue(w.db, w.a.id, w.reader(w.plannerA.id))).total).toBe(1);
    expect((await listQueue(w.db, w.b.id, w.reader(w.plannerB.id))).total).toBe(0);
    expect((await queueFigures(w.db, w.a.id)).toContact.count).toBe(1);
    expect((await queueFigures(w.db, w.b.id)).toContact.count).toBe(0);
    expect((await followUpsToPlan(w.db, w.worker.id, w.a.id)).map((f) => f.c.id)).toEqual([w.held.id]);

    const result = await moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, w.b.id, w.signup.planningVersion);
    expect(result).toEqual({ ok: true, reference: w.signup.reference, to: { id: w.b.id, name: 'Beemland' } });

    const [row] = await w.db.select().from(registrations).where(eq(registrations.id, w.signup.id));
    expect(row).toMatchObject({ regionId: w.b.id, placeKind: 'other', locationId: null, planningVersion: w.signup.planningVersion + 1 });
    expect((await w.db.select().from(conversations).where(eq(conversations.registrationId, w.signup.id))).map((c) => c.regionId)).toEqual([w.b.id]);
    expect((await w.db.select().from(planningEvents).where(eq(planningEvents.registrationId, w.signup.id))).map((e) => e.kind)).toEqual(['moved_region']);

    // The new region's planners see it; the old region's get what an unknown id gets.
    expect(await loadSignup(w.db, w.signup.id, w.a.id)).toBeNull();
    expect((await loadSignup(w.db, w.signup.id, w.b.id))?.registration.id).toBe(w.signup.id);
    expect((await listQueue(w.db, w.b.id, w.reader(w.plannerB.id))).rows.map((r) => r.id)).toEqual([w.signup.id]);
    expect((await listQueue(w.db, w.b.id, w.reader(w.plannerB.id))).total).toBe(1);
    expect((await listQueue(w.db, w.a.id, w.reader(w.plannerA.id))).total).toBe(0);
    expect((await queueFigures(w.db, w.a.id)).toContact.count).toBe(0);
    expect((await queueFigures(w.db, w.b.id)).toContact.count).toBe(1);
    // The old region's duo no longer reaches its conversations: they are the new region's now.
    expect(await heldConversationsFor(w.db, w.worker.id, w.a.id)).toEqual([]);
    expect(await followUpsToPlan(w.db, w.worker.id, w.a.id)).toEqual([]);
    expect(await moveToRegion(w.db, w.actor(w.plannerA.id, w.a.id), w.signup.id, w.a.id, w.signup.planningVersion + 1)).toEqual({
      ok: false,
      reason: 'not_found',
    });

    // "Wie keek": the resident reads who moved it.
    const [log] = await w.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectId, w.resident.id), eq(accessLog.action, 'registration.moved_region')));
    expect(log).toMatchObject({
      actorId: w.plannerA.id,
      actorRole: 'planner',
      object: `registration:${w.signup.id}`,
      detail: { from: 'Aaveld', to: 'Beemland' },
    });
    const looks = await looksAt(w.db, w.resident.id, new Date(Date.now() - DAY), new Date(Date.now() + DAY));
    expect(looks.filter((l) => l.action === 'moved_region')).toEqual([expect.objectContaining({ authority: 'planner', what: 'registration' })]);
  });
});
