import { and, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { regions, registrations } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from '../accounts/context.ts';
import { queueMail } from '../mail/queue.ts';
import type { MailTemplate } from '../mail/templates.ts';
import { openDetails, type Registration } from './queries.ts';
import { UNDO_CANCEL_DAYS, undoCancelUntil } from './rules.ts';
import { invalidateQueueTotal } from './queue.ts';
import { dateFormat } from '../../i18n/dates.ts';
import { cancelConversationsOf } from '../planning/cancel.ts';

const CANCELLABLE = ['received', 'contacted', 'planned'] as const;
export const isCancellable = (r: Pick<Registration, 'status'>): boolean => (CANCELLABLE as readonly string[]).includes(r.status);

/** One of the resident's own sign-ups, or null: the query is scoped to them. */
export async function findOwn(db: Db, residentId: string, registrationId: string): Promise<Registration | null> {
  const [row] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.residentId, residentId)));
  return row ?? null;
}

async function mailResident(db: Db, r: Registration, template: MailTemplate, ctx: RequestContext, until?: Date) {
  const d = openDetails(r);
  if (!d.contact.email) return;
  const date = until ? dateFormat(ctx.lang, 'date').format(until) : undefined;
  const [region] = await db.select().from(regions).where(eq(regions.id, r.regionId));
  await queueMail(db, {
    to: d.contact.email,
    lang: ctx.lang,
    template,
    values: { name: d.callName, reference: r.reference, ...(date ? { until: date } : {}) },
    discreet: d.contact.senderNamed !== true,
    region,
  });
}

/** Cancels one of the resident's own sign-ups that is not yet held; no reason asked, a mail says how to undo it. */
export async function cancelForResident(db: Db, residentId: string, registrationId: string, callMe: boolean, ctx: RequestContext): Promise<boolean> {
  const changed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(registrations)
      // In SET, the column still holds the old value: the status to return to on undo.
      .set({ status: 'cancelled', statusBeforeCancel: sql`${registrations.status}`, cancelledAt: new Date(), callMeAfterCancel: callMe })
      .where(and(eq(registrations.id, registrationId), eq(registrations.residentId, residentId), inArray(registrations.status, [...CANCELLABLE])))
      .returning();
    if (!row) return false;
    await logAccess(tx, {
      actorId: residentId,
      actorRole: 'resident',
      subjectId: residentId,
      object: `registration:${row.id}`,
      action: 'registration.cancelled',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
    await cancelConversationsOf(tx, row.id);
    await mailResident(tx, row, 'signupCancelled', ctx, undoCancelUntil(row) ?? undefined);
    return true;
  });
  // The planner queue shows how many sign-ups are open.
  if (changed) invalidateQueueTotal();
  return changed;
}

/**
 * Takes a cancel back within UNDO_CANCEL_DAYS, while `status_before_cancel` is still set: whoever
 * on the team acts on a cancel clears it, and from then on the resident calls or signs up again.
 */
export async function undoCancelForResident(db: Db, residentId: string, registrationId: string, ctx: RequestContext, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - UNDO_CANCEL_DAYS * 86_400_000);
  const changed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(registrations)
      .set({
        // An agreed conversation was cancelled with the sign-up: back to "contacted", to be planned again.
        status: sql`case when ${registrations.statusBeforeCancel} = 'planned' then 'contacted'::registration_status else ${registrations.statusBeforeCancel} end`,
        statusBeforeCancel: null,
        cancelledAt: null,
        callMeAfterCancel: false,
      })
      .where(
        and(
          eq(registrations.id, registrationId),
          eq(registrations.residentId, residentId),
          eq(registrations.status, 'cancelled'),
          isNotNull(registrations.statusBeforeCancel),
          gt(registrations.cancelledAt, since),
        ),
      )
      .returning();
    if (!row) return false;
    await logAccess(tx, {
      actorId: residentId,
      actorRole: 'resident',
      subjectId: residentId,
      object: `registration:${row.id}`,
      action: 'registration.cancel_undone',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
    await mailResident(tx, row, 'cancelUndone', ctx);
    return true;
  });
  // The planner queue shows how many sign-ups are open.
  if (changed) invalidateQueueTotal();
  return changed;
}
