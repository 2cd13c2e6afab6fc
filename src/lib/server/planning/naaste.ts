import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationReminders, conversations, naasteInvitations, regions } from '../db/schema/index.ts';
import { hashToken } from '../auth/tokens.ts';
import type { SignupContext } from './context.ts';
import { tellNaasteOff } from './mails.ts';

/** The invitation behind a link, while it is valid: not withdrawn, not expired, conversation confirmed. */
export async function findInvitation(db: Db, token: string, now = new Date()) {
  const [row] = await db
    .select({ invitation: naasteInvitations, conversation: conversations, leadHours: regions.reminderLeadHours })
    .from(naasteInvitations)
    .innerJoin(conversations, eq(conversations.id, naasteInvitations.conversationId))
    .innerJoin(regions, eq(regions.id, conversations.regionId))
    .where(
      and(
        eq(naasteInvitations.tokenHash, hashToken(token)),
        isNull(naasteInvitations.withdrawnAt),
        gt(naasteInvitations.expiresAt, now),
        eq(conversations.status, 'confirmed'),
      ),
    );
  return row ?? null;
}

/**
 * When the naaste's reminder is due: the region's lead time before the conversation. Null when that
 * moment has passed (a yes given hours before): a "reminder" then would only repeat the page, and
 * the thank-you line must not promise one.
 */
export function naasteReminderAt(startsAt: Date, leadHours: number, now = new Date()): Date | null {
  const dueAt = new Date(startsAt.getTime() - leadHours * 3_600_000);
  return dueAt > now ? dueAt : null;
}

/** The lead time in words for the thank-you line: whole days as days ("een dag"), else hours. */
export const leadInWords = (leadHours: number) =>
  leadHours % 24 === 0 ? { key: 'naaste.reminderLead.days', count: leadHours / 24 } : { key: 'naaste.reminderLead.hours', count: leadHours };

/** Yes or no, changeable until the conversation; a yes gets the reminder too, while there is time for one. */
export async function answerInvitation(db: Db, token: string, answer: 'yes' | 'no', now = new Date()): Promise<boolean> {
  const found = await findInvitation(db, token, now);
  if (!found) return false;
  await db.transaction(async (tx) => {
    await tx.update(naasteInvitations).set({ answer, answeredAt: now }).where(eq(naasteInvitations.id, found.invitation.id));
    const conversationId = found.conversation.id;
    const dueAt = answer === 'yes' ? naasteReminderAt(found.conversation.startsAt!, found.leadHours, now) : null;
    if (dueAt) await tx.insert(conversationReminders).values({ conversationId, recipient: 'naaste', dueAt }).onConflictDoNothing();
    else {
      await tx
        .delete(conversationReminders)
        .where(
          and(eq(conversationReminders.conversationId, conversationId), eq(conversationReminders.recipient, 'naaste'), isNull(conversationReminders.sentAt)),
        );
    }
  });
  return true;
}

/** The resident withdraws the invitation in /mijn: the link stops working and the naaste is told. */
export async function withdrawInvitation(db: Db, ctx: SignupContext, conversationId: string, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [withdrawn] = await tx
      .update(naasteInvitations)
      .set({ withdrawnAt: now })
      .where(and(eq(naasteInvitations.conversationId, conversationId), isNull(naasteInvitations.withdrawnAt)))
      .returning();
    if (!withdrawn) return false;
    await tx
      .delete(conversationReminders)
      .where(
        and(eq(conversationReminders.conversationId, conversationId), eq(conversationReminders.recipient, 'naaste'), isNull(conversationReminders.sentAt)),
      );
    const [c] = await tx.select().from(conversations).where(eq(conversations.id, conversationId));
    if (c) await tellNaasteOff(tx, ctx, 'naasteWithdrawn', c);
    return true;
  });
}
