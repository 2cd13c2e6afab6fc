// Delivery only: the boot script loads this without the bundled translations (see queue.ts).
import { seal, unseal } from '../crypto/seal.ts';
import type { mailOutbox } from '../db/schema/index.ts';

/** `fromName`: a discreet mail's sender name (a first name); null or absent: MAIL_FROM as set. */
/** A file sent with a mail: a calendar .ics as text, or the approved report's PDF in base64. */
export type MailAttachment = { filename: string; content: string; contentType: string; encoding?: 'base64' };
/** `attachments`: handed to nodemailer as they are. */
export type OutgoingMail = { to: string; fromName?: string | null; subject: string; text: string; html: string; attachments?: MailAttachment[] };

export const sealMessage = (mail: OutgoingMail): string => seal(JSON.stringify(mail));

/** The message of an outbox row; rows from before sealing still carry it in plain columns. */
export function openMessage(row: typeof mailOutbox.$inferSelect): OutgoingMail | null {
  if (row.sealedMessage) return JSON.parse(unseal(row.sealedMessage)) as OutgoingMail;
  if (row.to === null) return null;
  return { to: row.to, subject: row.subject ?? '', text: row.text ?? '', html: row.html ?? '' };
}
