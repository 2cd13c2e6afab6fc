// Delivery only: the boot script loads this without the bundled translations (see queue.ts).
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { openMessage, type OutgoingMail } from './message.ts';
import { retryDelayMs } from './retry.ts';

export type { OutgoingMail };
export type Send = (mail: OutgoingMail) => Promise<void>;

export type DeliveryReport = { sent: number; retried: number; failed: number };

const EMPTIED = { sealedMessage: null, to: null, subject: null, text: null, html: null };

/** Sends what is due. Rows are claimed with SKIP LOCKED, so two instances never send one twice. */
export async function deliverDue(db: Db, send: Send, now = new Date(), batch = 10): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)))
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    for (const mail of due) {
      try {
        const message = openMessage(mail);
        if (!message) throw new Error('the message is empty');
        await send(message);
        // Sent mail keeps nothing of its message: it held live links and codes for the recipient only.
        await tx
          .update(mailOutbox)
          .set({ status: 'sent', sentAt: now, attempts: mail.attempts + 1, ...EMPTIED })
          .where(eq(mailOutbox.id, mail.id));
        report.sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const delay = retryDelayMs(attempts);
        // A mail server's answer often names the address; the outbox keeps no address in plain text.
        const lastError = String((error as Error)?.message ?? error)
          .replace(/[^\s<>"]+@[^\s<>"]+/g, '[address]')
          .slice(0, 500);
        await tx
          .update(mailOutbox)
          .set(delay === null ? { status: 'failed', attempts, lastError } : { attempts, lastError, nextAttemptAt: new Date(now.getTime() + delay) })
          .where(eq(mailOutbox.id, mail.id));
        if (delay === null) report.failed++;
        else report.retried++;
      }
    }
  });
  return report;
}

/** Old rows go: sent after a day, held (demo) and failed after 7 days. Their links expired long before. */
export async function purgeOldMail(db: Db, now = new Date()): Promise<void> {
  const day = 24 * 60 * 60_000;
  await db.delete(mailOutbox).where(and(eq(mailOutbox.status, 'sent'), lte(mailOutbox.createdAt, new Date(now.getTime() - day))));
  await db.delete(mailOutbox).where(and(inArray(mailOutbox.status, ['held', 'failed']), lte(mailOutbox.createdAt, new Date(now.getTime() - 7 * day))));
}
