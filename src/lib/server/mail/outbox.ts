// Delivery only: the boot script loads this without the bundled translations (see queue.ts).
import { and, asc, eq, lte } from 'drizzle-orm';
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
        await tx.update(mailOutbox).set({ status: 'sent', sentAt: now, attempts: mail.attempts + 1 }).where(eq(mailOutbox.id, mail.id));
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
