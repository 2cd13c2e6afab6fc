import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationReminders, conversations, naasteInvitations } from '../db/schema/index.ts';
import { loadSignup } from './context.ts';
import { icsFor, link, momentLine, naasteEmail, placeText, send } from './mails.ts';

/**
 * The reminder job. Due rows are claimed with FOR UPDATE SKIP LOCKED and marked sent in the same
 * transaction that writes the mail to the outbox: with several instances each reminder is written
 * once, and after a restart whatever was due and not sent is simply still due.
 */
export async function sendDueReminders(db: Db, now = new Date(), batch = 20): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ reminder: conversationReminders, conversation: conversations })
      .from(conversationReminders)
      .innerJoin(conversations, eq(conversations.id, conversationReminders.conversationId))
      .where(and(isNull(conversationReminders.sentAt), lte(conversationReminders.dueAt, now)))
      .orderBy(asc(conversationReminders.dueAt))
      .limit(batch)
      .for('update', { of: conversationReminders, skipLocked: true });
    for (const { reminder, conversation: c } of due) {
      await tx
        .update(conversationReminders)
        .set({ sentAt: now })
        .where(and(eq(conversationReminders.conversationId, reminder.conversationId), eq(conversationReminders.recipient, reminder.recipient)));
      // A conversation moved, cancelled or already over gets no reminder.
      if (c.status !== 'confirmed' || !c.startsAt || c.startsAt <= now) continue;
      const ctx = await loadSignup(tx, c.registrationId);
      if (!ctx) continue;
      const { lang, discreet } = ctx.resident;
      const details = [momentLine(lang, c.startsAt, c.durationMinutes), placeText(ctx, lang, { discreet })];
      const ics = icsFor(ctx, { ...c, startsAt: c.startsAt }, lang, { discreet });
      if (reminder.recipient === 'resident' && ctx.resident.email)
        await send(tx, {
          region: ctx.region,
          to: ctx.resident.email,
          lang,
          discreet,
          name: ctx.details.callName,
          template: 'conversationReminder',
          details,
          link: link('/mijn', lang),
          ics,
        });
      if (reminder.recipient === 'naaste') {
        const [said] = await tx
          .select()
          .from(naasteInvitations)
          .where(and(eq(naasteInvitations.conversationId, c.id), eq(naasteInvitations.answer, 'yes'), isNull(naasteInvitations.withdrawnAt)));
        const to = naasteEmail(ctx);
        // The naaste's own text: no account to sign in to; who invited them, and whose home it is.
        if (said && to)
          await send(tx, {
            region: ctx.region,
            to,
            lang,
            discreet,
            ...(ctx.details.naaste?.name ? { name: ctx.details.naaste.name } : {}),
            sender: ctx.details.callName,
            template: 'naasteReminder',
            details: [details[0]!, placeText(ctx, lang, { forNaaste: true, discreet })],
            ics: icsFor(ctx, { ...c, startsAt: c.startsAt }, lang, { forNaaste: true, discreet }),
          });
      }
    }
    return due.length;
  });
}
