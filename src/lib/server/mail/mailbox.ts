import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { config, type Config } from '../config.ts';

/** The demo mailbox exists only for demo data without a mail server: never in a real deployment. */
export const demoMailboxEnabled = (settings: Config = config()): boolean => settings.demoData && !settings.mail.smtpUrl;

export async function listHeldMail(db: Db, limit = 50) {
  return db.select().from(mailOutbox).where(eq(mailOutbox.status, 'held')).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}
