import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { config, type Config } from '../config.ts';
import { openMessage } from './message.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The demo mailbox shows mail with live links (password resets!), so it opens only when all of
 * these hold, which no real deployment has by accident: demo mode asked for (DEMO_DATA=true), no
 * mail server, a public origin on this machine (localhost), and the request from this machine
 * itself, not forwarded by a proxy.
 */
export function demoMailboxEnabled(settings: Config = config()): boolean {
  return settings.demoData && !settings.mail.smtpUrl && LOCAL_HOSTS.has(new URL(settings.publicOrigin).hostname);
}

export function mayReadDemoMailbox(peerAddress: string, forwarded: boolean, settings: Config = config()): boolean {
  return demoMailboxEnabled(settings) && LOOPBACK.test(peerAddress) && !forwarded;
}

export async function listHeldMail(db: Db, limit = 50) {
  const rows = await db.select().from(mailOutbox).where(eq(mailOutbox.status, 'held')).orderBy(desc(mailOutbox.createdAt)).limit(limit);
  return rows.flatMap((row) => {
    const message = openMessage(row);
    return message ? [{ id: row.id, createdAt: row.createdAt, ...message }] : [];
  });
}
