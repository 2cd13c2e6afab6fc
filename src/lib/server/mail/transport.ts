import nodemailer from 'nodemailer';
import type { Send } from './outbox.ts';

/** A sender for the outbox worker, over the SMTP server in SMTP_URL. */
export function createSender(smtpUrl: string, from: string): Send {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transport.sendMail({ from, ...mail });
  };
}
