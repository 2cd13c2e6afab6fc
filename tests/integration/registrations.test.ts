import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rateLimits, registrations, signupDrafts } from '../../src/lib/server/db/schema/index.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { DRAFT_TTL_MS, deleteExpiredDrafts, loadDraft, mayStartDraft, saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { keyedHash } from '../../src/lib/server/crypto/keyed-hash.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { listForResident, openDetails } from '../../src/lib/server/registrations/queries.ts';
import { cancelForResident, undoCancelForResident } from '../../src/lib/server/registrations/cancel.ts';
import { listQueue } from '../../src/lib/server/registrations/queue.ts';
import { saveChange, startChange } from '../../src/lib/server/registrations/changes.ts';
import { accessLog } from '../../src/lib/server/db/schema/index.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

const SECRET_TOPIC = 'Ik slaap slecht sinds mijn vader overleed';
const answers = (overrides: Partial<SignupAnswers> = {}): SignupAnswers => ({
  about: { callName: 'Robin Geheim', birthYear: 1990, postcode: '7001 AB' },
  contact: { phone: '0612345678', email: 'robin@test.example', voicemail: false, sms: false, senderNamed: false },
  topic: { topic: SECRET_TOPIC, help: 'Iemand die luistert' },
  place: { place: 'home', address: 'Verborgenstraat 12, Oostveld' },
  when: { days: ['di'], parts: ['middag'], start: 'asap' },
  naaste: { withNaaste: true, naasteName: 'Kim Zus', naasteRelation: 'zus', language: 'nl', interpreter: false },
  ...overrides,
});

async function submit(residentId: string | null, a = answers()) {
  const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
  const token = await saveDraft(database.db, undefined, a);
  const result = await submitRegistration(
    database.db,
    region,
    token,
    { signedIn: residentId ? { id: residentId } : null, newAccountPassword: null },
    requestContext,
  );
  return { region, token, result };
}

describe('a sign-up', () => {
  it('keeps everything a resident wrote sealed: the database alone reveals none of it', async () => {
    const { result } = await submit(null);
    expect(result.ok).toBe(true);
    const dump =
      JSON.stringify(await database.db.execute(sql`select * from registrations`)) + JSON.stringify(await database.db.execute(sql`select * from signup_drafts`));
    for (const secret of ['slaap slecht', 'Verborgenstraat', 'Kim Zus', 'Robin Geheim', '0612345678', 'Iemand die luistert'])
      expect(dump).not.toContain(secret);
    const [row] = await database.db
      .select()
      .from(registrations)
      .where(eq(registrations.reference, result.ok ? result.reference : ''));
    expect(openDetails(row!)).toMatchObject({ topic: SECRET_TOPIC, address: 'Verborgenstraat 12, Oostveld', naaste: { name: 'Kim Zus' } });
  });

  it('is made once, however often the same draft is submitted', async () => {
    const { region, token, result } = await submit(null);
    const again = await submitRegistration(database.db, region, token, { signedIn: null, newAccountPassword: null }, requestContext);
    expect(again).toEqual(result);
    const count = await database.db.select().from(registrations).where(eq(registrations.regionId, region.id));
    expect(count).toHaveLength(1);
    expect(await loadDraft(database.db, token)).toBeNull();
  });

  it('is refused when the draft is incomplete or the person is outside the rules, and nothing is stored', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const partial = await saveDraft(database.db, undefined, { about: answers().about! });
    expect(await submitRegistration(database.db, region, partial, { signedIn: null, newAccountPassword: null }, requestContext)).toEqual({
      ok: false,
      reason: 'incomplete',
    });
    const tooYoung = await saveDraft(
      database.db,
      undefined,
      answers({ about: { callName: 'Jong', birthYear: new Date().getFullYear() - 16, postcode: '7001 AB' } }),
    );
    expect(await submitRegistration(database.db, region, tooYoung, { signedIn: null, newAccountPassword: null }, requestContext)).toEqual({
      ok: false,
      reason: 'not_eligible',
    });
    expect(await database.db.select().from(registrations).where(eq(registrations.regionId, region.id))).toEqual([]);
  });

  it('makes an unconfirmed account when asked, and never joins an existing one', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const token = await saveDraft(
      database.db,
      undefined,
      answers({ contact: { email: 'Nieuw.Account@test.example', voicemail: false, sms: false, senderNamed: false } }),
    );
    const made = await submitRegistration(database.db, region, token, { signedIn: null, newAccountPassword: 'een lange zin voor mij' }, requestContext);
    expect(made).toMatchObject({ ok: true, accountMailed: true });
    const existing = await insertUser(database.db);
    const token2 = await saveDraft(database.db, undefined, answers({ contact: { email: existing.email, voicemail: false, sms: false, senderNamed: false } }));
    const other = await submitRegistration(database.db, region, token2, { signedIn: null, newAccountPassword: 'een lange zin voor mij' }, requestContext);
    expect(other).toMatchObject({ ok: true, accountMailed: false });
    expect(await listForResident(database.db, existing.id)).toEqual([]);
  });
});

describe('one resident and another', () => {
  it('never see or cancel each other’s sign-up', async () => {
    const first = await insertUser(database.db);
    const second = await insertUser(database.db);
    const { result } = await submit(first.id);
    if (!result.ok) throw new Error('not submitted');
    expect(await listForResident(database.db, second.id)).toEqual([]);
    expect(await cancelForResident(database.db, second.id, result.registrationId, false, requestContext)).toBe(false);
    expect((await listForResident(database.db, first.id)).map((r) => r.registration.status)).toEqual(['received']);
    expect(await cancelForResident(database.db, first.id, result.registrationId, true, requestContext)).toBe(true);
    expect((await listForResident(database.db, first.id))[0]!.registration).toMatchObject({ status: 'cancelled', callMeAfterCancel: true });
    expect(await cancelForResident(database.db, first.id, result.registrationId, false, requestContext)).toBe(false);
  });
});

describe('drafts', () => {
  it('expire after 7 days', async () => {
    const token = await saveDraft(database.db, undefined, { about: answers().about! }, new Date('2026-11-01T10:00:00Z'));
    expect(await loadDraft(database.db, token, new Date('2026-11-07T10:00:00Z'))).not.toBeNull();
    expect(await loadDraft(database.db, token, new Date('2026-11-08T10:00:01Z'))).toBeNull();
    expect(await database.db.select().from(signupDrafts)).not.toHaveLength(0);
  });

  // Both reached only by the maintenance job and the pages until the mutation run of issue 9.
  it('are cleaned up once expired, and only then', async () => {
    const t0 = new Date('2026-10-01T10:00:00Z');
    const expired = await saveDraft(database.db, undefined, { about: answers().about! }, t0);
    const current = await saveDraft(database.db, undefined, { about: answers().about! }, new Date(t0.getTime() + 2 * 86_400_000));
    await deleteExpiredDrafts(database.db, new Date(t0.getTime() + DRAFT_TTL_MS + 3_600_000));
    expect(await loadDraft(database.db, expired, t0)).toBeNull();
    expect(await loadDraft(database.db, current, t0)).not.toBeNull();
  });

  it('are started a limited number of times per network, all unknown networks together', async () => {
    await database.db.insert(rateLimits).values({ key: keyedHash('draft:ip:unknown'), windowStart: new Date(), count: 10_000 });
    expect(await mayStartDraft(database.db, null)).toBe(false);
    expect(await mayStartDraft(database.db, '203.0.113.0/24')).toBe(true);
  });
});

describe('the planner queue', () => {
  it('lists open sign-ups of its own region oldest first, and logs each look', async () => {
    const planner = await insertUser(database.db, { roles: ['planner'] });
    const { region, result } = await submit(null);
    const { result: elsewhere } = await submit(null);
    if (!result.ok || !elsewhere.ok) throw new Error('not submitted');
    const queue = await listQueue(database.db, region.id, { userId: planner.id, role: 'planner', ipPrefix: null });
    expect(queue.rows.map((r) => r.reference)).toEqual([result.reference]);
    expect(queue.total).toBe(1);
    const logged = await database.db.select().from(accessLog).where(eq(accessLog.actorId, planner.id));
    expect(logged.map((l) => [l.object, l.action, l.authority])).toEqual([[`registration:${result.registrationId}`, 'registration.listed', 'role:planner']]);
  });
});

describe('changing a sign-up', () => {
  it('works for its own resident until a date is planned, and never for another', async () => {
    const owner = await insertUser(database.db);
    const stranger = await insertUser(database.db);
    const { region, result } = await submit(owner.id);
    if (!result.ok) throw new Error('not submitted');
    expect(await startChange(database.db, stranger.id, result.registrationId)).toBeNull();

    const token = (await startChange(database.db, owner.id, result.registrationId))!;
    const draft = (await loadDraft(database.db, token))!;
    expect(draft).toMatchObject({
      editing: result.registrationId,
      place: { place: 'home', address: 'Verborgenstraat 12, Oostveld' },
      about: { postcode: '7001 AB' },
    });
    await saveDraft(database.db, token, { ...draft, place: { place: 'walk' } });
    // Someone else with this browser's draft cookie gets nothing: the draft is the owner's.
    expect(await saveChange(database.db, region, stranger.id, token, requestContext)).toEqual({ ok: false, reason: 'no_draft' });
    expect(await saveChange(database.db, region, owner.id, token, requestContext)).toEqual({ ok: true, reference: result.reference });
    const [row] = (await listForResident(database.db, owner.id)).map((r) => r.registration);
    expect(row).toMatchObject({ placeKind: 'walk' });
    expect(openDetails(row!).address).toBeNull();
    // An edit draft is never turned into a second sign-up.
    const again = (await startChange(database.db, owner.id, result.registrationId))!;
    expect(await submitRegistration(database.db, region, again, { signedIn: { id: owner.id }, newAccountPassword: null }, requestContext)).toEqual({
      ok: false,
      reason: 'incomplete',
    });

    await database.db.update(registrations).set({ status: 'planned' }).where(eq(registrations.id, result.registrationId));
    expect(await startChange(database.db, owner.id, result.registrationId)).toBeNull();
  });
});

describe('undoing a cancel', () => {
  it('restores the sign-up for its own resident within the window, logged, and never for another', async () => {
    const owner = await insertUser(database.db);
    const stranger = await insertUser(database.db);
    const { result } = await submit(owner.id);
    if (!result.ok) throw new Error('not submitted');
    await database.db.update(registrations).set({ status: 'contacted' }).where(eq(registrations.id, result.registrationId));
    expect(await undoCancelForResident(database.db, owner.id, result.registrationId, requestContext)).toBe(false); // nothing to undo
    expect(await cancelForResident(database.db, owner.id, result.registrationId, false, requestContext)).toBe(true);
    expect(await undoCancelForResident(database.db, stranger.id, result.registrationId, requestContext)).toBe(false);
    expect(await undoCancelForResident(database.db, owner.id, result.registrationId, requestContext)).toBe(true);
    const [row] = (await listForResident(database.db, owner.id)).map((r) => r.registration);
    expect(row).toMatchObject({ status: 'contacted', statusBeforeCancel: null, cancelledAt: null });
    const logged = await database.db.select().from(accessLog).where(eq(accessLog.actorId, owner.id)).orderBy(accessLog.id);
    // Each row names the resident acting on their own sign-up (the mutation run found these unread).
    const own = { actorRole: 'resident', subjectId: owner.id, object: `registration:${result.registrationId}`, authority: 'self' };
    expect(logged.map(({ actorRole, subjectId, object, action, authority }) => ({ actorRole, subjectId, object, action, authority }))).toEqual([
      { ...own, action: 'registration.created' },
      { ...own, action: 'registration.cancelled' },
      { ...own, action: 'registration.cancel_undone' },
    ]);
  });

  it('is no longer possible after 7 days, or once the team has acted on the cancel', async () => {
    const owner = await insertUser(database.db);
    const { result } = await submit(owner.id);
    if (!result.ok) throw new Error('not submitted');
    await cancelForResident(database.db, owner.id, result.registrationId, false, requestContext);
    expect(await undoCancelForResident(database.db, owner.id, result.registrationId, requestContext, new Date(Date.now() + 7 * 86_400_000 + 60_000))).toBe(
      false,
    );
    await database.db.update(registrations).set({ statusBeforeCancel: null }).where(eq(registrations.id, result.registrationId));
    expect(await undoCancelForResident(database.db, owner.id, result.registrationId, requestContext)).toBe(false);
    expect((await listForResident(database.db, owner.id))[0]!.registration.status).toBe('cancelled');
  });
});
