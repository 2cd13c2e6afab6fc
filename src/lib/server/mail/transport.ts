import nodemailer from 'nodemailer';
import type { Send } from './outbox.ts';

// deliverDue holds its rows locked while it sends (on PGlite: the whole database), so a mail
// server that hangs must fail within seconds, not after nodemailer's default ten minutes.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** The address of MAIL_FROM ("Name <a@b>" or "a@b"): a discreet mail keeps it and changes only the name. */
export const senderAddress = (from: string): string => /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();

/** A sender for the outbox worker, over the SMTP server in SMTP_URL. */
export function createSender(smtpUrl: string, from: string): Send {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
  return async ({ fromName, ...mail }) => {
    await transport.sendMail({ from: fromName ? { name: fromName, address: senderAddress(from) } : from, ...mail });
  };
}
