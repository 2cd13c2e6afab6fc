import type { Db } from '../db/client.ts';
import { config } from '../config.ts';
import { describeError } from '../http/report-error.ts';
import { deliverDue } from './outbox.ts';
import { createSender } from './transport.ts';

const EVERY_MS = 5_000;

/** Sends due mail every few seconds when SMTP is configured; without it mail stays held (demo). */
export function startMailWorker(db: Db): () => void {
  const { smtpUrl, from } = config().mail;
  if (!smtpUrl) return () => {};
  const send = createSender(smtpUrl, from);
  let running = false;
  const timer = setInterval(async () => {
    if (running) return; // never two rounds at once in one process
    running = true;
    try {
      await deliverDue(db, send);
    } catch (error) {
      console.error(`mail: delivery round failed, will try again: ${describeError(error)}`);
    } finally {
      running = false;
    }
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
