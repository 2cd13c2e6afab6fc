import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, regions, registrations, reports, users } from '../../src/lib/server/db/schema/index.ts';
import { changeAsDuo } from '../../src/lib/server/reports/duo.ts';
import { answerReport, reportsForResident } from '../../src/lib/server/reports/resident.ts';
import { answerObjection, feedbackBeforeConfirming, feedbackState, readableForReferrer, readAsReferrer } from '../../src/lib/server/referrer/feedback.ts';
import { afterContactFor, afterContactText } from '../../src/lib/server/referrer/after-contact.ts';
import { removePartnerAccess } from '../../src/lib/server/partner/queries.ts';
import { looksAt } from '../../src/lib/server/audit/who-looked.ts';
import { getT } from '../../src/lib/i18n/index.ts';
import { presets, signupProfile, type ReferrerFeedback } from '../../src/lib/profile.ts';
import { insertUser, requestContext as ctx } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { buildReportContent, insertHeldConversation } from '../builders/reports.ts';
import { useTestDatabase } from './database.ts';

// Feedback to the referrer (issue 21, item 9) and whom to contact after (item 10): for each rule the
// referrer reads the approved report, or gets the same "nothing" as for an unknown id.
const database = useTestDatabase();

/** A referral by a GP in the resident's region, its report sent to the resident (not approved yet). */
async function referral(rule: ReferrerFeedback, afterContact: 'duo' | 'referrer' = 'duo') {
  const db = database.db;
  const held = await insertHeldConversation(db);
  const referrer = await insertUser(db, { roles: ['referrer'], regionId: held.region.id });
  await db.update(users).set({ name: 'Dokter Jansen', organisation: 'Huisartsen Oost' }).where(eq(users.id, referrer.id));
  // The four questions, so the builders' report content fits; the form has tests of its own.
  const profile = signupProfile({ ...presets.amstelland.profile, reportForm: 'four_questions', referrerFeedback: rule, afterContact }, 'block', 'referral');
  await db
    .update(registrations)
    .set({ source: 'partner', referral: true, partnerId: referrer.id, referrerPractice: 'Praktijk De Linde', profile })
    .where(eq(registrations.id, held.registration.id));
  const [writer] = held.duo;
  await changeAsDuo(db, writer.id, held.region.id, held.conversation.id, { kind: 'save', content: buildReportContent(), send: true }, ctx);
  const [mine] = await reportsForResident(db, held.resident.id);
  const row = async () => (await db.select().from(registrations).where(eq(registrations.id, held.registration.id)))[0]!;
  const read = (who = referrer.id, region = held.region.id, action: 'viewed' | 'downloaded' = 'viewed') =>
    readAsReferrer(db, who, region, held.registration.id, action, ctx);
  const approve = (referrerGets?: boolean) => answerReport(db, held.resident.id, mine!.id, { kind: 'approve', referrerGets }, ctx);
  return { ...held, referrer, reportId: mine!.id, row, read, approve };
}

describe('only what the resident shares', () => {
  it('gives the referrer nothing, before or after approval', async () => {
    const r = await referral('resident_shares');
    expect(await r.read()).toBeNull();
    expect(await r.approve()).toBe(true);
    expect(await r.read()).toBeNull();
    expect(await readableForReferrer(database.db, r.referrer.id, r.region.id, [r.registration.id])).toEqual(new Set());
    // Nothing to answer: no question at approval, no objection.
    expect(await answerObjection(database.db, r.resident.id, r.registration.id, 'object', ctx)).toBe(false);
    expect(await feedbackState(database.db, await r.row())).toMatchObject({ rule: 'resident_shares', mayObject: false, referrerReads: false });
  });
});

describe('with consent', () => {
  it('asks at approval, nothing assumed: no answer, no approval', async () => {
    const r = await referral('with_consent');
    expect(await r.approve()).toBe('consent_needed');
    const [report] = await database.db.select().from(reports).where(eq(reports.id, r.reportId));
    expect(report!.status).toBe('with_resident');
    expect(await r.read()).toBeNull();
  });

  it('lets the referrer read after a yes, and logs the answer', async () => {
    const r = await referral('with_consent');
    expect(await r.approve(true)).toBe(true);
    expect((await r.row()).referrerFeedbackAnswer).toBe(true);
    const view = await r.read();
    expect(view).toMatchObject({ reference: r.registration.reference, firstName: 'Robin', rule: 'with_consent' });
    expect(view!.version.content.strengths).toBe('Doorzetten.');
    expect(await readableForReferrer(database.db, r.referrer.id, r.region.id, [r.registration.id])).toEqual(new Set([r.registration.id]));
    const logged = await database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectId, r.resident.id), eq(accessLog.action, 'registration.referrer_consented')));
    expect(logged).toHaveLength(1);
  });

  it('gives nothing after a no', async () => {
    const r = await referral('with_consent');
    expect(await r.approve(false)).toBe(true);
    expect((await r.row()).referrerFeedbackAnswer).toBe(false);
    expect(await r.read()).toBeNull();
    expect(await r.read(r.referrer.id, r.region.id, 'downloaded')).toBeNull();
    expect(await feedbackState(database.db, await r.row())).toMatchObject({ answer: false, referrerReads: false });
  });
});

describe('unless the resident objects', () => {
  it('gives nothing before approval, the report after it', async () => {
    const r = await referral('unless_objects');
    expect(await r.read()).toBeNull();
    expect(await r.approve()).toBe(true);
    expect(await r.read()).not.toBeNull();
    expect(await feedbackState(database.db, await r.row())).toMatchObject({ approvedCount: 1, mayObject: false, referrerReads: true });
  });

  it('an objection before approval keeps the page and the PDF from the referrer, also after approval', async () => {
    const r = await referral('unless_objects');
    expect(await answerObjection(database.db, r.resident.id, r.registration.id, 'object', ctx)).toBe(true);
    expect(await r.approve()).toBe(true);
    expect(await r.read()).toBeNull();
    expect(await r.read(r.referrer.id, r.region.id, 'downloaded')).toBeNull();
    expect(await readableForReferrer(database.db, r.referrer.id, r.region.id, [r.registration.id])).toEqual(new Set());
    // After the first approval the answer is fixed: no undo.
    expect(await answerObjection(database.db, r.resident.id, r.registration.id, 'undo', ctx)).toBe(false);
    expect((await r.row()).referrerFeedbackAnswer).toBe(false);
  });

  it('an objection can be undone before approval, and only by the resident', async () => {
    const r = await referral('unless_objects');
    const stranger = await insertUser(database.db);
    expect(await answerObjection(database.db, stranger.id, r.registration.id, 'object', ctx)).toBe(false);
    expect(await answerObjection(database.db, r.resident.id, r.registration.id, 'object', ctx)).toBe(true);
    expect(await answerObjection(database.db, r.resident.id, r.registration.id, 'undo', ctx)).toBe(true);
    expect((await r.row()).referrerFeedbackAnswer).toBeNull();
    await r.approve();
    expect(await r.read()).not.toBeNull();
    const actions = (await database.db.select().from(accessLog).where(eq(accessLog.subjectId, r.resident.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['registration.referrer_objected', 'registration.referrer_objection_undone']));
  });

  it('gives another referrer, the referrer working in another region, or one whose access was stopped nothing', async () => {
    const r = await referral('unless_objects');
    await r.approve();
    const other = await insertUser(database.db, { roles: ['referrer'], regionId: r.region.id });
    expect(await r.read(other.id)).toBeNull();
    const elsewhere = await insertRegion(database.db);
    expect(await r.read(r.referrer.id, elsewhere.id)).toBeNull();
    expect(await readAsReferrer(database.db, r.referrer.id, r.region.id, 'not-an-id', 'viewed', ctx)).toBeNull();
    expect(await r.read()).not.toBeNull();
    expect(await removePartnerAccess(database.db, r.resident.id, r.registration.id, ctx)).toBe(true);
    expect(await r.read()).toBeNull();
    expect(await feedbackState(database.db, await r.row())).toMatchObject({ accessStopped: true, referrerReads: false });
  });

  it('logs each read and download, and "wie keek" names the referrer and the practice in words', async () => {
    const r = await referral('unless_objects');
    await r.approve();
    const before = new Date(Date.now() - 1000);
    await r.read();
    await r.read(r.referrer.id, r.region.id, 'downloaded');
    const looks = (await looksAt(database.db, r.resident.id, before, new Date(Date.now() + 1000))).filter((l) => l.authority === 'referrer_feedback');
    expect(looks.map((l) => l.action).sort()).toEqual(['downloaded', 'viewed']);
    expect(looks[0]!.who).toEqual({ kind: 'referrer', name: 'Dokter Jansen', role: 'referrer', organisation: 'Praktijk De Linde' });
    expect(looks[0]!.rule).toBe('unless_objects');
    expect(looks.every((l) => l.what === 'report')).toBe(true);
    const t = getT('nl', 'report');
    expect(t('looked.referrer', { name: looks[0]!.who.name, practice: looks[0]!.who.organisation })).toBe(
      'Dokter Jansen (Praktijk De Linde), die jou heeft doorverwezen',
    );
  });
});

describe('told before confirming', () => {
  it('names the rule and the referrer for a referral, nothing for another sign-up', async () => {
    const r = await referral('unless_objects');
    expect(await feedbackBeforeConfirming(database.db, r.registration.id)).toEqual({
      rule: 'unless_objects',
      referrer: { name: 'Dokter Jansen', practice: 'Praktijk De Linde' },
    });
    const plain = await insertHeldConversation(database.db);
    expect(await feedbackBeforeConfirming(database.db, plain.registration.id)).toBeNull();
    expect(await feedbackState(database.db, plain.registration)).toBeNull();
  });
});

describe('whom to contact after the conversation', () => {
  const t = getT('nl', 'report');
  const say = (c: Awaited<ReturnType<typeof afterContactFor>>) => afterContactText(c, (k, v = {}) => t(k, v), 'nl');

  it('the duo by first names with the team phone, by default', async () => {
    const held = await insertHeldConversation(database.db);
    await database.db.update(regions).set({ contactPhone: '0314 123 456' }).where(eq(regions.id, held.region.id));
    const after = await afterContactFor(database.db, held.registration);
    expect(after).toEqual({ kind: 'duo', names: ['Medewerker', 'Medewerker'], phone: '0314 123 456' });
    expect(say(after)).toBe('Neem contact op met Medewerker en Medewerker. Bel het team: 0314 123 456.');
  });

  it('the referrer by name and practice where the sign-up says so, also in the referrer view', async () => {
    const r = await referral('unless_objects', 'referrer');
    const after = await afterContactFor(database.db, await r.row());
    expect(after).toEqual({ kind: 'referrer', name: 'Dokter Jansen', practice: 'Praktijk De Linde' });
    expect(say(after)).toBe('Neem contact op met Dokter Jansen (Praktijk De Linde). Die heeft jou doorverwezen.');
    await r.approve();
    expect((await r.read())!.after).toEqual(after);
  });

  it('an open sign-up keeps the duo, whatever its stored rule once said', async () => {
    const held = await insertHeldConversation(database.db);
    const referrer = await insertUser(database.db, { roles: ['referrer'], regionId: held.region.id });
    await database.db
      .update(registrations)
      .set({ partnerId: referrer.id, profile: signupProfile({ ...presets.breburg.profile }, 'block', 'open') })
      .where(eq(registrations.id, held.registration.id));
    const [row] = await database.db.select().from(registrations).where(eq(registrations.id, held.registration.id));
    expect((await afterContactFor(database.db, row!)).kind).toBe('duo');
  });
});
