import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations, reports, reportVersions } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from '../accounts/context.ts';
import { openContent, openText, sealContent, sealText, type ApprovedContent } from './content.ts';
import { recordConsent } from '../referrer/feedback.ts';
import { asksConsentAtApproval, readSignupProfile } from '../../profile.ts';
import { nextStatus, residentMayAnswer, residentMaySee, type ReportContent, type ReportStatus } from './rules.ts';

export type Report = typeof reports.$inferSelect;
export type ApprovedVersion = { version: number; approvedAt: Date; approvedVia: 'resident' | 'phone'; content: ApprovedContent };
export type ResidentReport = {
  id: string;
  registrationId: string;
  conversationId: string;
  status: ReportStatus;
  version: number;
  /** What the duo sent now (null while they write a new version). */
  current: ReportContent | null;
  addition: string | null;
  changeRequest: string | null;
  approved: ApprovedVersion[];
};

/** The resident's own reports they may see, newest first: scoped through their sign-ups. */
export async function reportsForResident(db: Db, residentId: string): Promise<ResidentReport[]> {
  const rows = await db
    .select({ report: reports })
    .from(reports)
    .innerJoin(registrations, eq(registrations.id, reports.registrationId))
    .where(eq(registrations.residentId, residentId))
    .orderBy(desc(reports.createdAt));
  const seen: ResidentReport[] = [];
  for (const { report } of rows) {
    const approved = await approvedVersions(db, report.id);
    if (!residentMaySee(report.status, approved.length)) continue;
    const visible = report.status === 'with_resident' || report.status === 'approved';
    seen.push({
      id: report.id,
      registrationId: report.registrationId,
      conversationId: report.conversationId,
      status: report.status,
      version: report.version,
      current: visible ? openContent(report.sealedContent) : null,
      addition: openText(report.sealedAddition),
      changeRequest: openText(report.sealedChangeRequest),
      approved,
    });
  }
  return seen;
}

/** Every approved version, newest first. */
export async function approvedVersions(db: Db, reportId: string): Promise<ApprovedVersion[]> {
  const rows = await db.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(desc(reportVersions.version));
  return rows.map((r) => ({ version: r.version, approvedAt: r.approvedAt, approvedVia: r.approvedVia, content: openContent<ApprovedContent>(r.sealedContent) }));
}

/** The report, only when it belongs to this resident and is with them now; with its sign-up. */
async function ownOpenReport(db: Db, residentId: string, reportId: string) {
  const [row] = await db
    .select({ report: reports, registration: registrations })
    .from(reports)
    .innerJoin(registrations, eq(registrations.id, reports.registrationId))
    .where(and(eq(reports.id, reportId), eq(registrations.residentId, residentId)))
    .for('update', { of: [reports, registrations] });
  return row && residentMayAnswer(row.report.status) ? row : null;
}

/** `referrerGets`: with consent, the resident's yes or no for the referrer, asked at approval. */
type Answer = { kind: 'addition'; text: string } | { kind: 'change'; text: string } | { kind: 'approve'; referrerGets?: boolean | undefined };

/** true: done; false: not theirs or not with them (one answer for both); or an approval that still owes the referrer question. */
export type AnswerResult = boolean | 'consent_needed';

/**
 * Whether approving this sign-up's report asks "may the referrer read it?" now: with consent, until
 * the resident has answered once (the first approval's answer holds for the referral).
 */
export const approvalAsksConsent = (r: Pick<typeof registrations.$inferSelect, 'profile' | 'referral' | 'referrerFeedbackAnswer'>): boolean =>
  r.referral && asksConsentAtApproval(readSignupProfile(r.profile)) && r.referrerFeedbackAnswer === null;

/** "Mijn aanvulling", "vraag een wijziging" or "goedkeuren": one step, in one transaction. */
export async function answerReport(db: Db, residentId: string, reportId: string, answer: Answer, ctx: RequestContext): Promise<AnswerResult> {
  return db.transaction(async (tx) => {
    const row = await ownOpenReport(tx, residentId, reportId);
    if (!row) return false;
    const { report, registration } = row;
    if (answer.kind === 'approve' && approvalAsksConsent(registration)) {
      // Nothing pre-ticked and nothing assumed: without a yes or no there is no approval.
      if (answer.referrerGets === undefined) return 'consent_needed';
      await recordConsent(tx, registration, answer.referrerGets, residentId, ctx);
    }
    if (answer.kind === 'addition') {
      await tx.update(reports).set({ sealedAddition: sealText(answer.text) }).where(eq(reports.id, report.id));
    } else if (answer.kind === 'change') {
      await tx
        .update(reports)
        .set({ status: nextStatus(report.status, 'requestChange')!, sealedChangeRequest: sealText(answer.text) })
        .where(eq(reports.id, report.id));
    } else {
      await approve(tx, report, 'resident', null);
    }
    await logAccess(tx, {
      actorId: residentId,
      actorRole: 'resident',
      subjectId: residentId,
      object: `report:${report.id}`,
      action: answer.kind === 'approve' ? 'approved' : 'changed',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
    return true;
  });
}

/** Approval freezes this version with the resident's words; `recordedBy`: a team member on the phone. */
export async function approve(tx: Db, report: Report, via: 'resident' | 'phone', recordedBy: string | null): Promise<ApprovedVersion> {
  const content: ApprovedContent = { ...openContent(report.sealedContent), addition: openText(report.sealedAddition) };
  await tx.insert(reportVersions).values({ reportId: report.id, version: report.version, sealedContent: sealContent(content), approvedVia: via, recordedBy });
  await tx.update(reports).set({ status: 'approved', sealedChangeRequest: null }).where(eq(reports.id, report.id));
  return { version: report.version, approvedAt: new Date(), approvedVia: via, content };
}
