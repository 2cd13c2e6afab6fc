import { and, asc, eq, sql } from 'drizzle-orm';
import { listOffers } from '../offers/queries.ts';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversations, registrations, reports, teamMembers } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from '../accounts/context.ts';
import { openDetails } from '../registrations/queries.ts';
import { emptyContent, openContent, openText, sealContent } from './content.ts';
import { approve, type Report } from './resident.ts';
import { mailApprovedReport, mailReportReady } from './mail.ts';
import { duoMayEdit, formOf, nextStatus, questionsFor, type ReportContent } from './rules.ts';
import { readSignupProfile, type ReportForm } from '../../profile.ts';
import type { ReportAction } from '../audit/look-kinds.ts';

// The duo's side: only the two members of a held conversation's duo write and read its report.
// Every query is scoped through conversation_duo, so anyone else gets "not found", like an unknown id.

export type DuoConversation = { conversationId: string; startsAt: Date | null; reference: string; callName: string; status: Report['status'] | null };

// The member row and the conversation both of the region the worker works in now: a person has a
// member row in each region they work in, and must see one region's reports at a time.
const memberOf = (userId: string, regionId: string) =>
  sql`${conversations.regionId} = ${regionId} and exists (select 1 from ${conversationDuo} d join ${teamMembers} m on m.id = d.team_member_id
     where d.conversation_id = ${conversations.id} and m.user_id = ${userId} and m.region_id = ${regionId})`;

/** The held conversations of this region this worker was one of the duo of, oldest first, with their report's state. */
export async function heldConversationsFor(db: Db, userId: string, regionId: string): Promise<DuoConversation[]> {
  const rows = await db
    .select({ conversation: conversations, registration: registrations, status: reports.status })
    .from(conversations)
    .innerJoin(registrations, eq(registrations.id, conversations.registrationId))
    .leftJoin(reports, eq(reports.conversationId, conversations.id))
    .where(and(eq(conversations.status, 'held'), memberOf(userId, regionId)))
    .orderBy(asc(conversations.startsAt));
  return rows.map((r) => ({
    conversationId: r.conversation.id,
    startsAt: r.conversation.startsAt,
    reference: r.registration.reference,
    callName: openDetails(r.registration).callName,
    status: r.status,
  }));
}

export type DuoReport = {
  conversationId: string;
  reference: string;
  callName: string;
  /** The report's form: its own once begun, before that the one its sign-up's rules give it. */
  form: ReportForm;
  report: Report | null;
  content: ReportContent;
  addition: string | null;
  changeRequest: string | null;
};

/** The form a report is begun with: the sign-up's rule, never the region's current one. */
const formFor = (registration: { profile: unknown }): ReportForm => readSignupProfile(registration.profile).reportForm;

/** The report of one of the worker's held conversations (empty before the first save), or null. */
export async function reportForDuo(db: Db, userId: string, regionId: string, conversationId: string, ctx: RequestContext): Promise<DuoReport | null> {
  const [row] = await db
    .select({ conversation: conversations, registration: registrations, report: reports })
    .from(conversations)
    .innerJoin(registrations, eq(registrations.id, conversations.registrationId))
    .leftJoin(reports, eq(reports.conversationId, conversations.id))
    .where(and(eq(conversations.id, conversationId), eq(conversations.status, 'held'), memberOf(userId, regionId)));
  if (!row) return null;
  if (row.report) await logDuo(db, userId, row.registration.residentId, row.report.id, 'viewed', ctx);
  const form = row.report?.form ?? formFor(row.registration);
  return {
    conversationId,
    reference: row.registration.reference,
    callName: openDetails(row.registration).callName,
    form,
    report: row.report,
    content: row.report ? { ...openContent(row.report.sealedContent), form } : emptyContent(form),
    addition: openText(row.report?.sealedAddition ?? null),
    changeRequest: openText(row.report?.sealedChangeRequest ?? null),
  };
}

function logDuo(db: Db, userId: string, residentId: string | null, reportId: string, action: ReportAction, ctx: RequestContext) {
  return logAccess(db, { actorId: userId, actorRole: 'worker', subjectId: residentId, object: `report:${reportId}`, action, authority: 'duo', ipPrefix: ctx.ipPrefix });
}

export type DuoStep = { kind: 'save'; content: ReportContent; send: boolean } | { kind: 'reopen' } | { kind: 'phoneApproval' };

/**
 * Saves the draft (and sends it: "naar de inwoner"), starts a new version of an approved report,
 * or records an approval the resident gave by phone. Null: not theirs, or not in a state for it.
 */
export async function changeAsDuo(
  db: Db,
  userId: string,
  regionId: string,
  conversationId: string,
  step: DuoStep,
  ctx: RequestContext,
): Promise<Report['status'] | null> {
  return db.transaction(async (tx) => {
    // Lock first, read after: the report read in the locking statement is the one from before the
    // wait, so the second of two saves at once inserted a report again, and the second of two
    // approvals approved the same version again (both unique violations, a 500).
    const [locked] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.status, 'held'), memberOf(userId, regionId)))
      .for('update');
    if (!locked) return null;
    const [row] = await tx
      .select({ conversation: conversations, registration: registrations, report: reports })
      .from(conversations)
      .innerJoin(registrations, eq(registrations.id, conversations.registrationId))
      .leftJoin(reports, eq(reports.conversationId, conversations.id))
      .where(eq(conversations.id, locked.id));
    if (!row) return null;
    const { report, registration } = row;
    let status: Report['status'] | null;
    let reportId = report?.id;
    if (step.kind === 'save') {
      if (report && !duoMayEdit(report.status)) return null;
      // The form is fixed when the report is begun; an editor page of another form is not saved over it.
      const form = report?.form ?? formFor(registration);
      if (formOf(step.content) !== form) return null;
      status = step.send ? 'with_resident' : (report?.status ?? 'draft');
      // Only offers the region offers now: a switched-off one (or another region's id) is dropped.
      const offered = new Set((await listOffers(tx, registration.regionId)).map((o) => o.id));
      const answers = Object.fromEntries(questionsFor(form).map((q) => [q, step.content.answers[q] ?? '']));
      const content = { ...step.content, form, answers, offerIds: step.content.offerIds.filter((id) => offered.has(id)) };
      const values = { sealedContent: sealContent(content), status, ...(step.send ? { sentAt: new Date(), sealedChangeRequest: null } : {}) };
      if (report) await tx.update(reports).set(values).where(eq(reports.id, report.id));
      else {
        const [created] = await tx.insert(reports).values({ registrationId: registration.id, conversationId, form, ...values }).returning({ id: reports.id });
        reportId = created!.id;
      }
      if (step.send) {
        await tx.update(registrations).set({ status: 'report_ready' }).where(eq(registrations.id, registration.id));
        await mailReportReady(tx, registration);
      }
    } else if (step.kind === 'reopen') {
      status = report && nextStatus(report.status, 'reopen');
      if (!report || !status) return null;
      await tx.update(reports).set({ status, version: report.version + 1, sealedAddition: null, sealedChangeRequest: null }).where(eq(reports.id, report.id));
    } else {
      if (!report || !nextStatus(report.status, 'approve')) return null;
      const version = await approve(tx, report, 'phone', userId);
      await mailApprovedReport(tx, registration, version, ctx);
      status = 'approved';
    }
    await logDuo(tx, userId, registration.residentId, reportId!, step.kind === 'phoneApproval' ? 'approved_by_phone' : 'changed', ctx);
    return status;
  });
}
