import type { Db } from './db/client.ts';
import { describeError } from './http/report-error.ts';
import { deleteStaleLimits } from './auth/rate-limit.ts';
import { deleteExpiredSessions } from './auth/sessions.ts';
import { purgeOldMail } from './mail/outbox.ts';
import { deleteExpiredDrafts } from './registrations/drafts.ts';
import { tidyUnconfirmed } from './partner/housekeeping.ts';
import { closeQuietSignups } from './planning/closing.ts';
import { deleteOldKeys } from './db/once.ts';

const EVERY_MS = 10 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** Removes expired sessions, drafts, old rate-limit rows and old mail, tidies unconfirmed partner sign-ups, closes quiet sign-ups and forgets old form keys, every ten minutes; never throws. */
export function startHousekeeping(db: Db): () => void {
  const run = async () => {
    try {
      await deleteExpiredSessions(db);
      await deleteStaleLimits(db, DAY_MS);
      await purgeOldMail(db);
      await deleteExpiredDrafts(db);
      await tidyUnconfirmed(db);
      await closeQuietSignups(db);
      await deleteOldKeys(db);
    } catch (error) {
      console.error(`housekeeping: failed, will try again: ${describeError(error)}`);
    }
  };
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
