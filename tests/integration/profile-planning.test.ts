import ICAL from 'ical.js';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversationDuo, conversationReminders, conversations, regions, registrations, reports } from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { listHeldMail } from '../../src/lib/server/mail/mailbox.ts';
import { loadSignup } from '../../src/lib/server/planning/context.ts';
import { recordAgreedMoment } from '../../src/lib/server/planning/confirm.ts';
import { proposeMoments } from '../../src/lib/server/planning/propose.ts';
import { proposeFollowUp } from '../../src/lib/server/planning/follow-up.ts';
import { askPlanners } from '../../src/lib/server/planning/outcome.ts';
import { changeAsDuo, reportForDuo } from '../../src/lib/server/reports/duo.ts';
import { openContent } from '../../src/lib/server/reports/content.ts';
import { presets, signupProfile, type SignupProfile } from '../../src/lib/profile.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { insertMember } from '../builders/team.ts';
import { buildReportContent, insertHeldConversation } from '../builders/reports.ts';
import { useTestDatabase } from './database.ts';

// Issue 21, items 3, 6, 7 and 8: the planner records a moment agreed on the phone, the follow-up
// limit, the duo requirement and the report form, each from the rules the sign-up keeps.
const database = useTestDatabase();
const now = new Date('2026-03-20T12:00:00Z');
const DAY = 86_400_000;
const amstelland = signupProfile(presets.amstelland.profile, presets.amstelland.columns.duoRule, 'referral');

async function world(profile: SignupProfile = amstelland) {
  const db = database.db;
  const region = await insertRegion(db);
  const place = await insertLocation(db, region.id, { street: 'Stationsplein 2', city: 'Amstelveen' });
  const resident = await insertUser(db);
  const planner = await insertUser(db, { roles: ['planner'] });
  const workers = [await insertUser(db, { roles: ['worker'] }), await insertUser(db, { roles: ['worker'] }), await insertUser(db, { roles: ['worker'] })];
  // A GGZ nurse, a social worker and a peer expert: Amstelland's duo is GGZ + social domain.
  const ggz = await insertMember(db, region.id, { userId: workers[0]!.id, countsAsGgz: true, discipline: 'social_psychiatric_nurse' });
  const social = await insertMember(db, region.id, { userId: workers[1]!.id, discipline: 'social_worker' });
  const peer = await insertMember(db, region.id, { userId: workers[2]!.id, discipline: 'peer_expert' });
  const email = `noor-${Math.random().toString(36).slice(2, 8)}@test.example`;
  const details = { callName: 'Noor', contact: { email, voicemail: false, sms: false, senderNamed: true }, naaste: null };
  const [registration] = await db
    .insert(registrations)
    .values(
      buildRegistration(region.id, {
        residentId: resident.id,
        placeKind: 'catalogue',
        locationId: place.id,
        sealedDetails: seal(JSON.stringify(details)),
        profile,
      }),
    )
    .returning();
  const actor = { userId: planner.id, role: 'planner', ipPrefix: '192.0.2.0/24', regionId: region.id };
  const ctx = async () => (await loadSignup(db, registration!.id, region.id))!;
  return { db, region, place, resident, planner, workers, ggz, social, peer, email, registration: registration!, actor, ctx };
}

const agreed = { date: '2026-03-25', time: '10:00', durationMinutes: 60 };

describe('the planner calls the resident and records the agreed moment', () => {
  it('confirms at once by phone: status, reminder, mails with the .ics to the resident and the duo, the access log', async () => {
    const w = await world();
    const result = await recordAgreedMoment(w.db, w.actor, await w.ctx(), { seen: 1, memberIds: [w.ggz.id, w.social.id], ...agreed }, now);
    expect(result).toMatchObject({ ok: true, warnings: [] });
    const [c] = await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id));
    expect(c).toMatchObject({ status: 'confirmed', confirmedVia: 'phone', startsAt: new Date('2026-03-25T09:00:00Z'), sequence: 1, plannedBy: w.planner.id });
    const [r] = await w.db.select().from(registrations).where(eq(registrations.id, w.registration.id));
    expect(r).toMatchObject({ status: 'planned', planningVersion: 2 });
    expect(await w.db.select().from(conversationReminders).where(eq(conversationReminders.conversationId, c!.id))).toHaveLength(1);
    const mail = (await listHeldMail(w.db)).filter((m) => [w.email, w.ggz.email, w.social.email].includes(m.to));
    // No "pick a moment" mail: there is nothing to pick.
    expect(mail.map((m) => m.subject)).not.toContain('Kies een moment voor je herstelgesprek');
    expect(
      mail
        .filter((m) => m.attachments?.length)
        .map((m) => m.to)
        .sort(),
    ).toEqual([w.email, w.ggz.email, w.social.email].sort());
    const ics = mail.find((m) => m.to === w.email)!.attachments![0]!.content;
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate()).toEqual(new Date('2026-03-25T09:00:00Z'));
    const [log] = await w.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.object, `registration:${w.registration.id}`), eq(accessLog.action, 'planning.confirm.phone')));
    expect(log).toMatchObject({ actorId: w.planner.id, actorRole: 'planner', subjectId: w.resident.id });
    // An agreed moment to come is moved, not planned twice; a stale version is told what changed.
    expect(await recordAgreedMoment(w.db, w.actor, await w.ctx(), { seen: 2, memberIds: [w.ggz.id, w.social.id], ...agreed, date: '2026-03-26' }, now)).toEqual(
      {
        ok: false,
        reason: 'state',
      },
    );
  });

  it('is refused on a stale version and on a clash, and writes nothing then', async () => {
    const w = await world();
    await expect(recordAgreedMoment(w.db, w.actor, await w.ctx(), { seen: 7, memberIds: [w.ggz.id, w.social.id], ...agreed }, now)).rejects.toMatchObject({
      changes: [],
    });
    const other = await world();
    // The same nurse is in another conversation of this region at that hour.
    const [busy] = await w.db
      .insert(conversations)
      .values({
        registrationId: other.registration.id,
        regionId: w.region.id,
        sequence: 1,
        status: 'confirmed',
        startsAt: new Date('2026-03-25T09:30:00Z'),
        durationMinutes: 60,
        placeKind: 'home',
      })
      .returning();
    await w.db.insert(conversationDuo).values({ conversationId: busy!.id, teamMemberId: w.ggz.id });
    expect(await recordAgreedMoment(w.db, w.actor, await w.ctx(), { seen: 1, memberIds: [w.ggz.id, w.social.id], ...agreed }, now)).toMatchObject({
      ok: false,
      conflicts: [{ index: 0, memberId: w.ggz.id }],
    });
    expect(await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id))).toEqual([]);
  });

  it('is open to a planner in a resident_picks sign-up too: the mode only says what the page offers first', async () => {
    const w = await world(signupProfile(presets.doetinchem.profile, 'warn', 'open'));
    expect(await recordAgreedMoment(w.db, w.actor, await w.ctx(), { seen: 1, memberIds: [w.ggz.id, w.social.id], ...agreed }, now)).toMatchObject({ ok: true });
  });
});

describe('the duo requirement of the sign-up', () => {
  it('blocks a duo that is not GGZ + social domain in an Amstelland sign-up, and names what it must contain', async () => {
    const w = await world();
    expect(await recordAgreedMoment(w.db, w.actor, await w.ctx(), { seen: 1, memberIds: [w.ggz.id, w.peer.id], ...agreed }, now)).toEqual({
      ok: false,
      duo: ['duo_ggz_and_social'],
    });
    expect(await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id))).toEqual([]);
  });

  it('only warns where the sign-up says warn, and keeps its own rule when the region changes', async () => {
    const w = await world({ ...amstelland, duoRule: 'warn' });
    // The region is switched to block everything afterwards: the sign-up keeps what it started with.
    await w.db
      .update(regions)
      .set({ duoRule: 'block', profile: { ...presets.amstelland.profile, duoRequirement: 'poh_and_peer' } })
      .where(eq(regions.id, w.region.id));
    const moments = [{ date: '2026-03-25', time: '10:00', durationMinutes: 60 }];
    expect(await proposeMoments(w.db, w.actor, await w.ctx(), { seen: 1, memberIds: [w.ggz.id, w.peer.id], moments }, now)).toMatchObject({
      ok: true,
      warnings: ['duo_ggz_and_social'],
    });
  });
});

describe('the follow-up limit of the sign-up', () => {
  async function heldOnce(profile: SignupProfile) {
    const w = await world(profile);
    const [held] = await w.db
      .insert(conversations)
      .values({
        registrationId: w.registration.id,
        regionId: w.region.id,
        sequence: 1,
        status: 'held',
        startsAt: new Date(now.getTime() - 7 * DAY),
        durationMinutes: 60,
        placeKind: 'catalogue',
        locationId: w.place.id,
      })
      .returning();
    await w.db.insert(conversationDuo).values([w.ggz, w.social].map((m) => ({ conversationId: held!.id, teamMemberId: m.id })));
    await w.db.update(registrations).set({ status: 'held' }).where(eq(registrations.id, w.registration.id));
    return { ...w, held: held! };
  }
  const moments = [{ date: '2026-03-26', time: '10:00', durationMinutes: 60 }];

  it('0 follow-ups: the planner, the duo and the resident cannot plan or ask for one', async () => {
    const w = await heldOnce(amstelland);
    const duo = { userId: w.workers[0]!.id, role: 'worker', ipPrefix: null, regionId: w.region.id };
    expect(await proposeMoments(w.db, w.actor, await w.ctx(), { seen: 1, memberIds: [w.ggz.id, w.social.id], moments }, now)).toEqual({
      ok: false,
      limit: true,
    });
    expect(await recordAgreedMoment(w.db, w.actor, await w.ctx(), { seen: 1, memberIds: [w.ggz.id, w.social.id], ...agreed }, now)).toEqual({
      ok: false,
      limit: true,
    });
    expect(await proposeFollowUp(w.db, duo, { conversation: w.held.id, seen: 1, moments }, now)).toEqual({ ok: false, reason: 'state' });
    expect(await askPlanners(w.db, await w.ctx(), 'follow_up', '')).toBe(false);
    expect(await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id))).toHaveLength(1);
  });

  it('1 follow-up: one is planned, a third conversation is refused', async () => {
    const w = await heldOnce({ ...amstelland, maxFollowUps: 1 });
    expect(await askPlanners(w.db, await w.ctx(), 'follow_up', '')).toBe(true);
    const second = await recordAgreedMoment(w.db, w.actor, await w.ctx(), { seen: 2, memberIds: [w.ggz.id, w.social.id], ...agreed }, now);
    expect(second).toMatchObject({ ok: true });
    await w.db
      .update(conversations)
      .set({ status: 'held' })
      .where(eq(conversations.id, second.ok ? second.conversationId : ''));
    expect(await proposeMoments(w.db, w.actor, await w.ctx(), { seen: 3, memberIds: [w.ggz.id, w.social.id], moments }, now)).toEqual({
      ok: false,
      limit: true,
    });
    expect(await askPlanners(w.db, await w.ctx(), 'follow_up', '')).toBe(false);
  });
});

describe('the report form of the sign-up', () => {
  const advies = { ...amstelland };

  it('is set when the report is begun, and a region change afterwards does not change it', async () => {
    const held = await insertHeldConversation(database.db, { profile: advies });
    const writer = held.duo[0];
    const before = await reportForDuo(database.db, writer.id, held.region.id, held.conversation.id, requestContext);
    expect(before).toMatchObject({ form: 'advies', content: { form: 'advies', answers: { concern: '', advice: '' } } });
    const content = buildReportContent({ form: 'advies', answers: { concern: 'Slecht slapen sinds de verhuizing.', advice: 'Samen naar de huisarts.' } });
    expect(await changeAsDuo(database.db, writer.id, held.region.id, held.conversation.id, { kind: 'save', content, send: false }, requestContext)).toBe(
      'draft',
    );
    const [row] = await database.db.select().from(reports).where(eq(reports.conversationId, held.conversation.id));
    expect(row!.form).toBe('advies');
    expect(openContent(row!.sealedContent)).toMatchObject({
      form: 'advies',
      answers: { concern: 'Slecht slapen sinds de verhuizing.', advice: 'Samen naar de huisarts.' },
    });

    // The sign-up's stored rules change (as a region setting never may reach them): the begun report keeps its form.
    await database.db
      .update(registrations)
      .set({ profile: { ...advies, reportForm: 'plan' } })
      .where(eq(registrations.id, held.registration.id));
    await database.db.update(regions).set({ profile: presets.maastricht.profile }).where(eq(regions.id, held.region.id));
    expect(await reportForDuo(database.db, writer.id, held.region.id, held.conversation.id, requestContext)).toMatchObject({ form: 'advies' });
    // An editor of another form is not saved over it.
    const plan = buildReportContent({ form: 'plan', answers: { goal: 'x', actions: 'y' } });
    expect(
      await changeAsDuo(database.db, writer.id, held.region.id, held.conversation.id, { kind: 'save', content: plan, send: false }, requestContext),
    ).toBeNull();
  });

  it('is the four questions for a sign-up from before profiles, and the region setting does not reach a new report either', async () => {
    const held = await insertHeldConversation(database.db);
    await database.db.update(regions).set({ profile: presets.amstelland.profile }).where(eq(regions.id, held.region.id));
    const writer = held.duo[0];
    expect(
      await changeAsDuo(
        database.db,
        writer.id,
        held.region.id,
        held.conversation.id,
        { kind: 'save', content: buildReportContent(), send: true },
        requestContext,
      ),
    ).toBe('with_resident');
    const [row] = await database.db.select().from(reports).where(eq(reports.conversationId, held.conversation.id));
    expect(row!.form).toBe('four_questions');
    expect(openContent(row!.sealedContent).answers).toMatchObject({ happened: 'Ik verloor mijn werk.' });
  });
});
