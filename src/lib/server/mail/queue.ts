import type { Db } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { config } from '../config.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { sealMessage, type MailAttachment } from './message.ts';
import { renderMail, type MailRegion, type MailTemplate, type MailValues } from './templates.ts';

/**
 * `discreet`: the resident said the service's name may not be in their mail (see templates.ts).
 * `region`: the region the mail is about, which signs it with its name and contact.
 */
type QueueOptions = {
  to: string;
  lang: string;
  template: MailTemplate;
  values: MailValues;
  discreet?: boolean;
  region?: MailRegion | null | undefined;
  attachments?: MailAttachment[];
};

/**
 * Writes a message to the outbox, sealed, inside the caller's transaction: it goes out only if
 * what caused it is saved. Without SMTP (the demo) it is held for the demo mailbox instead.
 * No address gets more than a few messages an hour, whatever asks for them: above that the
 * message is dropped (and said so in the log), so nobody can use the portal to flood a mailbox.
 */
export async function queueMail(
  db: Db,
  { to, lang, template, values, discreet = false, region, attachments }: QueueOptions,
  smtp = !!config().mail.smtpUrl,
): Promise<boolean> {
  const quota = await hit(db, `mail:to:${to.trim().toLowerCase()}`, limits.mailPerRecipient);
  if (!quota.allowed) {
    console.warn(`mail: ${template} not queued, its recipient had ${limits.mailPerRecipient.max} messages this hour`);
    return false;
  }
  await db.insert(mailOutbox).values({
    sealedMessage: sealMessage({ to, ...renderMail(template, lang, values, { discreet, region }), ...(attachments ? { attachments } : {}) }),
    status: smtp ? 'pending' : 'held',
  });
  return true;
}
