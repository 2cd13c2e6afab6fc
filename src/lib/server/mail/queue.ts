import type { Db } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { config } from '../config.ts';
import { renderMail, type MailTemplate, type MailValues } from './templates.ts';

type QueueOptions = { to: string; lang: string; template: MailTemplate; values: MailValues };

/**
 * Writes a message to the outbox, inside the caller's transaction: it goes out only if what
 * caused it is saved. Without SMTP (the demo) it is held for the demo mailbox instead.
 */
export async function queueMail(db: Db, { to, lang, template, values }: QueueOptions, smtp = !!config().mail.smtpUrl): Promise<void> {
  await db.insert(mailOutbox).values({ to, ...renderMail(template, lang, values), status: smtp ? 'pending' : 'held' });
}
