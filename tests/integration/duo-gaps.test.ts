import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversationDuo, conversations, registrations } from '../../src/lib/server/db/schema/index.ts';
import { duoGaps, logGapsShown, upcomingOfMember } from '../../src/lib/server/planning/duo-gaps.ts';
import { changeInRegion } from '../../src/lib/server/region/switch.ts';
import { insertUser } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { insertMember } from '../builders/team.ts';
import { useTestDatabase } from './database.ts';

// A member the admin switches off stays in the conversations already planned; the admin, the
// sign-up's page and the queue must see which upcoming ones need a new colleague.
const database = useTestDatabase();
const now = new Date('2026-06-10T10:00:00Z');
const hour = 3_600_000;

async function world() {
  const db = database.db;
  const region = await insertRegion(db);
  const admin = await insertUser(db, { roles: ['admin'] });
  const [leaving, staying, other] = [await insertMember(db, region.id), await insertMember(db, region.id), await insertMember(db, region.id)];
  const conversation = async (status: 'proposed' | 'confirmed' | 'held' | 'cancelled', startsAt: Date | null, duo = [leaving!, staying!]) => {
    const resident = await insertUser(db);
    const [r] = await db
      .insert(registrations)
      .values(buildRegistration(region.id, { status: 'planned', residentId: resident.id }))
      .returning();
    const [c] = await db
      .insert(conversations)
      .values({ registrationId: r!.id, regionId: region.id, sequence: 1, status, startsAt, durationMinutes: 60, placeKind: 'home' })
      .returning();
    await db.insert(conversationDuo).values(duo.map((m) => ({ conversationId: c!.id, teamMemberId: m.id })));
    return { registrationId: r!.id, residentId: resident.id, reference: r!.reference, conversationId: c!.id };
  };
  const switchOff = () => changeInRegion(db, { userId: admin.id, role: 'admin', ipPrefix: null }, region.id, 'team_members', leaving!.id, { active: false });
  return { db, region, admin, leaving: leaving!, staying: staying!, other: other!, conversation, switchOff };
}

describe('upcoming conversations of a switched-off member', () => {
  it('are listed for the admin before the switch: proposed and confirmed ones still to come, not past, held or cancelled ones', async () => {
    const w = await world();
    const proposed = await w.conversation('proposed', null);
    const confirmed = await w.conversation('confirmed', new Date(now.getTime() + 24 * hour));
    await w.conversation('confirmed', new Date(now.getTime() - hour));
    await w.conversation('held', new Date(now.getTime() - 48 * hour));
    await w.conversation('cancelled', new Date(now.getTime() + 48 * hour));
    await w.conversation('confirmed', new Date(now.getTime() + 24 * hour), [w.staying, w.other]);
    const upcoming = await upcomingOfMember(w.db, w.region.id, w.leaving.id, now);
    expect(upcoming.map((g) => g.reference).sort()).toEqual([proposed.reference, confirmed.reference].sort());
    expect(upcoming.find((g) => g.reference === confirmed.reference)).toMatchObject({ memberName: w.leaving.name, registrationId: confirmed.registrationId });
    // While everyone is active nothing needs a new colleague.
    expect(await duoGaps(w.db, w.region.id, undefined, now)).toEqual([]);
  });

  it('need a new colleague once the member is switched off: on the region, and on the sign-ups asked about', async () => {
    const w = await world();
    const confirmed = await w.conversation('confirmed', new Date(now.getTime() + 24 * hour));
    const proposed = await w.conversation('proposed', null);
    const untouched = await w.conversation('confirmed', new Date(now.getTime() + 24 * hour), [w.staying, w.other]);
    const past = await w.conversation('confirmed', new Date(now.getTime() - hour));
    expect(await w.switchOff()).toBe(true);
    const gaps = await duoGaps(w.db, w.region.id, undefined, now);
    expect(gaps.map((g) => g.registrationId).sort()).toEqual([confirmed.registrationId, proposed.registrationId].sort());
    expect(gaps.every((g) => g.memberId === w.leaving.id)).toBe(true);
    expect((await duoGaps(w.db, w.region.id, [confirmed.registrationId, untouched.registrationId, past.registrationId], now)).map((g) => g.reference)).toEqual([
      confirmed.reference,
    ]);
    expect(await duoGaps(w.db, w.region.id, [], now)).toEqual([]);
    // The admin still sees them on the member after the switch.
    expect(await upcomingOfMember(w.db, w.region.id, w.leaving.id, now)).toHaveLength(2);
    // Another region's admin and planners see nothing of it.
    const elsewhere = await insertRegion(w.db);
    expect(await duoGaps(w.db, elsewhere.id, [confirmed.registrationId], now)).toEqual([]);
  });

  it('are written to the access log once per sign-up when the admin sees their references', async () => {
    const w = await world();
    const one = await w.conversation('proposed', null);
    const gaps = await upcomingOfMember(w.db, w.region.id, w.leaving.id, now);
    await logGapsShown(w.db, { userId: w.admin.id, role: 'admin', ipPrefix: '192.0.2.0/24' }, [...gaps, ...gaps]);
    const rows = await w.db
      .select()
      .from(accessLog)
      .where(eq(accessLog.object, `registration:${one.registrationId}`));
    expect(rows).toHaveLength(1);
    // With the resident as subject, so the look shows in their own "wie keek" list.
    expect(rows[0]).toMatchObject({
      actorId: w.admin.id,
      actorRole: 'admin',
      subjectId: one.residentId,
      action: 'registration.listed',
      authority: 'role:admin',
    });
  });
});
