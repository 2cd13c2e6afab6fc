// Delivery only: the boot script loads this without the bundled translations (see queue.ts).
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { retryDelayMs } from './retry.ts';

export type OutgoingMail = { to: string; subject: string; text: string; html: string };
export type Send = (mail: OutgoingMail) => Promise<void>;

export type DeliveryReport = { sent: number; retried: number; failed: number };

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
        await send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
        // Sent mail keeps no body: it held live links and codes that only the recipient should have.
        await tx.update(mailOutbox).set({ status: 'sent', sentAt: now, attempts: mail.attempts + 1, text: '', html: '' }).where(eq(mailOutbox.id, mail.id));
        report.sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const delay = retryDelayMs(attempts);
        const lastError = String((error as Error)?.message ?? error).slice(0, 500);
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
