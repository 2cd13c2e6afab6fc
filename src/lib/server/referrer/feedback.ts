import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations, reports, reportVersions, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from '../accounts/context.ts';
import { openDetails, type Registration } from '../registrations/queries.ts';
import { approvedVersions, type ApprovedVersion } from '../reports/resident.ts';
import { afterContactFor, type AfterContact } from './after-contact.ts';
import { mayObject, readSignupProfile, referrerMayRead, type FeedbackAnswer, type ReferrerFeedback } from '../../profile.ts';

// What goes back to the referrer of a referral (issue 21, item 9). The rule is the sign-up's own
// (`registrations.profile`), the resident's answer is `referrer_feedback_answer`; the pure decision
// is profile.ts `referrerMayRead`. The resident is told the rule before confirming and again before
// approving, may object (unless_objects) until the first approval, and sees every read in "wie keek".

/** Who referred: the name the resident knows, and the practice the referrer wrote down. */
export type Referrer = { name: string; practice: string | null };

/** What the resident is told and may answer about one referral. */
export type FeedbackState = {
  rule: ReferrerFeedback;
  referrer: Referrer;
  answer: FeedbackAnswer;
  answeredAt: Date | null;
  /** Approved versions over all the sign-up's reports: the first approval fixes the answer. */
  approvedCount: number;
  mayObject: boolean;
  /** The resident stopped the referrer's access: nothing goes to them, whatever the rule. */
  accessStopped: boolean;
  /** Whether the referrer can read the approved report now. */
  referrerReads: boolean;
};

/** Approved versions over all reports of these sign-ups. */
async function approvedCounts(db: Db, registrationIds: string[]): Promise<Map<string, number>> {
  if (registrationIds.length === 0) return new Map();
  const rows = await db
    .select({ registrationId: reports.registrationId, n: count() })
    .from(reportVersions)
    .innerJoin(reports, eq(reports.id, reportVersions.reportId))
    .where(inArray(reports.registrationId, registrationIds))
    .groupBy(reports.registrationId);
  return new Map(rows.map((r) => [r.registrationId, r.n]));
}

const isReferral = (r: Pick<Registration, 'referral' | 'profile'>): boolean => r.referral && readSignupProfile(r.profile).via === 'referral';

async function referrerOf(db: Db, r: Pick<Registration, 'partnerId' | 'referrerPractice'>): Promise<Referrer> {
  const [u] = r.partnerId ? await db.select({ name: users.name, organisation: users.organisation }).from(users).where(eq(users.id, r.partnerId)) : [];
  return { name: u?.name ?? '', practice: r.referrerPractice ?? u?.organisation ?? null };
}

/** The feedback state of a referral, for the resident's pages; null for any other sign-up. */
export async function feedbackState(db: Db, r: Registration): Promise<FeedbackState | null> {
  if (!isReferral(r)) return null;
  const profile = readSignupProfile(r.profile);
  const approvedCount = (await approvedCounts(db, [r.id])).get(r.id) ?? 0;
  return {
    rule: profile.referrerFeedback,
    referrer: await referrerOf(db, r),
    answer: r.referrerFeedbackAnswer,
    answeredAt: r.referrerFeedbackAt,
    approvedCount,
    mayObject: mayObject(profile, approvedCount) && !r.partnerAccessRemovedAt,
    accessStopped: !!r.partnerAccessRemovedAt,
    referrerReads: referrerMayRead(profile, r.referrerFeedbackAnswer, approvedCount) && !r.partnerAccessRemovedAt,
  };
}

/** For the confirmation review: who referred and the rule, before the resident confirms. */
export async function feedbackBeforeConfirming(db: Db, registrationId: string): Promise<{ rule: ReferrerFeedback; referrer: Referrer } | null> {
  const [r] = await db.select().from(registrations).where(eq(registrations.id, registrationId));
  if (!r || !isReferral(r)) return null;
  return { rule: readSignupProfile(r.profile).referrerFeedback, referrer: await referrerOf(db, r) };
}

/**
 * "Ik wil niet dat ... het verslag krijgt" (`object`), or taking that back (`undo`): the resident's
 * own referral, unless_objects only, and only before the first approval (checked under a row lock,
 * so an approval in between wins). Logged.
 */
export async function answerObjection(db: Db, residentId: string, registrationId: string, intent: 'object' | 'undo', ctx: RequestContext): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.id, registrationId), eq(registrations.residentId, residentId)))
      .for('update');
    if (!r || !isReferral(r)) return false;
    const approved = (await approvedCounts(tx, [r.id])).get(r.id) ?? 0;
    if (!mayObject(readSignupProfile(r.profile), approved)) return false;
    await tx
      .update(registrations)
      .set({ referrerFeedbackAnswer: intent === 'object' ? false : null, referrerFeedbackAt: new Date() })
      .where(eq(registrations.id, r.id));
    await logAccess(tx, {
      actorId: residentId,
      actorRole: 'resident',
      subjectId: residentId,
      object: `registration:${r.id}`,
      action: intent === 'object' ? 'registration.referrer_objected' : 'registration.referrer_objection_undone',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
    return true;
  });
}

/**
 * With consent, the answer given at approval (reports/resident.ts calls this in the approval's
 * transaction). Only a referral that asks, and only while no answer was given: the first approval's
 * answer is the answer for the referral.
 */
export async function recordConsent(tx: Db, registration: Registration, gets: boolean, residentId: string, ctx: RequestContext): Promise<void> {
  await tx.update(registrations).set({ referrerFeedbackAnswer: gets, referrerFeedbackAt: new Date() }).where(eq(registrations.id, registration.id));
  await logAccess(tx, {
    actorId: residentId,
    actorRole: 'resident',
    subjectId: residentId,
    object: `registration:${registration.id}`,
    action: gets ? 'registration.referrer_consented' : 'registration.referrer_refused',
    authority: 'self',
    ipPrefix: ctx.ipPrefix,
  });
}

// ---- The referrer's side ---------------------------------------------------------------------

/** The referrer's own referrals in their working region whose access the resident did not stop. */
const ownReferral = (referrerId: string, regionId: string) =>
  and(
    eq(registrations.partnerId, referrerId),
    eq(registrations.regionId, regionId),
    eq(registrations.referral, true),
    isNull(registrations.partnerAccessRemovedAt),
  );

/** Of these sign-ups, the ones whose approved report this referrer may read now (the /partner list). */
export async function readableForReferrer(db: Db, referrerId: string, regionId: string, registrationIds: string[]): Promise<Set<string>> {
  if (registrationIds.length === 0) return new Set();
  const rows = await db
    .select({ id: registrations.id, profile: registrations.profile, answer: registrations.referrerFeedbackAnswer })
    .from(registrations)
    .where(and(inArray(registrations.id, registrationIds), ownReferral(referrerId, regionId)));
  const counts = await approvedCounts(
    db,
    rows.map((r) => r.id),
  );
  return new Set(rows.filter((r) => referrerMayRead(readSignupProfile(r.profile), r.answer, counts.get(r.id) ?? 0)).map((r) => r.id));
}

export type ReferrerView = {
  registrationId: string;
  reference: string;
  firstName: string;
  reportId: string;
  conversationId: string;
  version: ApprovedVersion;
  rule: ReferrerFeedback;
  /** Whom the resident contacts after the conversation: part of the report as approved. */
  after: AfterContact;
};

/**
 * The approved report a referrer may read: the latest approved version of the sign-up's newest
 * report that has one. Null (the page answers 404, as for an unknown id) unless the sign-up is this
 * referrer's referral in their working region, their access stands and the rule lets it through.
 * The read (`viewed` or `downloaded`) is logged for the resident's "wie keek".
 */
export async function readAsReferrer(
  db: Db,
  referrerId: string,
  regionId: string,
  registrationId: string,
  action: 'viewed' | 'downloaded',
  ctx: RequestContext,
): Promise<ReferrerView | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(registrationId)) return null;
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.id, registrationId), ownReferral(referrerId, regionId)));
    if (!r) return null;
    const profile = readSignupProfile(r.profile);
    const withVersions = await tx
      .select({ id: reports.id, conversationId: reports.conversationId })
      .from(reports)
      .where(eq(reports.registrationId, r.id))
      .orderBy(desc(reports.createdAt));
    const all = await Promise.all(withVersions.map(async (rep) => ({ ...rep, approved: await approvedVersions(tx, rep.id) })));
    const total = all.reduce((n, rep) => n + rep.approved.length, 0);
    if (!referrerMayRead(profile, r.referrerFeedbackAnswer, total)) return null;
    const report = all.find((rep) => rep.approved.length > 0)!;
    await logAccess(tx, {
      actorId: referrerId,
      actorRole: 'referrer',
      subjectId: r.residentId,
      object: `report:${report.id}`,
      action,
      authority: 'referrer:feedback',
      ipPrefix: ctx.ipPrefix,
      detail: { rule: profile.referrerFeedback },
      ...(r.referrerPractice ? { typed: { practice: r.referrerPractice } } : {}),
    });
    return {
      registrationId: r.id,
      reference: r.reference,
      firstName: openDetails(r).callName.split(/\s+/)[0] ?? '',
      reportId: report.id,
      conversationId: report.conversationId,
      version: report.approved[0]!,
      rule: profile.referrerFeedback,
      after: await afterContactFor(tx, r, report.conversationId),
    };
  });
}

/** The resident's own sign-up by id (scoped in the query), for the report page's feedback block. */
export async function ownRegistration(db: Db, residentId: string, registrationId: string): Promise<Registration | null> {
  const [r] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.residentId, residentId)));
  return r ?? null;
}
