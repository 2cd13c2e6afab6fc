// Run by the boot script after the migrations, under plain Node.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { openMessage, sealMessage } from './message.ts';

/**
 * Messages written before the outbox was sealed (migration 0004) are sealed now, once: no mail
 * waiting to go out is lost, and none stays readable in plain text. Nothing to do on later starts.
 */
export async function sealLegacyMail(db: Db): Promise<number> {
  const rows = await db
    .select()
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.sealedMessage), isNotNull(mailOutbox.to)));
  for (const row of rows) {
    const message = openMessage(row)!;
    await db
      .update(mailOutbox)
      .set({ sealedMessage: sealMessage(message), to: null, subject: null, text: null, html: null })
      .where(eq(mailOutbox.id, row.id));
  }
  return rows.length;
}
