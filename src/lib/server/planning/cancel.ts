import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationReminders, conversations, naasteInvitations } from '../db/schema/index.ts';
import { getT } from '../../i18n/index.ts';
import { loadSignup } from './context.ts';
import { momentLine, tellDuo, tellNaasteOff } from './mails.ts';

/**
 * The resident cancelled the whole sign-up: an open proposal or an agreed conversation goes with it,
 * no reminder goes out, the naaste's link stops working, and the duo of an agreed one is told.
 */
export async function cancelConversationsOf(tx: Db, registrationId: string, now = new Date()): Promise<void> {
  const open = await tx
    .update(conversations)
    .set({ status: 'cancelled', cancelledAt: now, version: sql`${conversations.version} + 1` })
    .where(and(eq(conversations.registrationId, registrationId), inArray(conversations.status, ['proposed', 'confirmed'])))
    .returning();
  const ids = open.map((c) => c.id);
  if (ids.length === 0) return;
  await tx.delete(conversationReminders).where(and(inArray(conversationReminders.conversationId, ids), isNull(conversationReminders.sentAt)));
  const withdrawn = await tx
    .update(naasteInvitations)
    .set({ withdrawnAt: now })
    .where(and(inArray(naasteInvitations.conversationId, ids), isNull(naasteInvitations.withdrawnAt)))
    .returning({ conversationId: naasteInvitations.conversationId });
  for (const c of open)
    if (c.startsAt && c.confirmedAt) {
      const { startsAt, durationMinutes } = c;
      await tellDuo(tx, c.id, (l) => [getT(l, 'planning')('status.cancelled'), momentLine(l, startsAt, durationMinutes)]);
    }
  await tellNaaste(
    tx,
    registrationId,
    open.filter((c) => withdrawn.some((w) => w.conversationId === c.id)),
  );
}

/** A naaste who was invited hears that the conversation is off, as when the invitation alone is withdrawn. */
async function tellNaaste(tx: Db, registrationId: string, invited: { startsAt: Date | null; durationMinutes: number }[]): Promise<void> {
  if (invited.length === 0) return;
  const ctx = await loadSignup(tx, registrationId);
  if (ctx) for (const c of invited) await tellNaasteOff(tx, ctx, 'naasteCancelled', c);
}
