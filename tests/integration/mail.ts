import { asc } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client.ts';
import { mailOutbox } from '../../src/lib/server/db/schema/index.ts';
import { openMessage } from '../../src/lib/server/mail/message.ts';

/** Every message in the outbox, unsealed, oldest first, with its row. */
export async function outbox(db: Db) {
  const rows = await db.select().from(mailOutbox).orderBy(asc(mailOutbox.createdAt));
  return rows.map((row) => ({ row, message: openMessage(row) }));
}

/** The messages to one address, oldest first. */
export async function mailsTo(db: Db, to: string) {
  return (await outbox(db)).flatMap(({ row, message }) => (message?.to === to ? [{ ...row, ...message }] : []));
}

export async function lastMailTo(db: Db, to: string) {
  return (await mailsTo(db, to)).at(-1);
}
