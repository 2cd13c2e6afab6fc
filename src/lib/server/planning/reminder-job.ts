import type { Db } from '../db/client.ts';
import { describeError } from '../http/report-error.ts';
import { sendDueReminders } from './reminders.ts';

const EVERY_MS = 15_000;

/**
 * The reminder job of one server process, started by src/boot.ts beside housekeeping, so reminders
 * go out after a restart even when nobody visits a page (the mail's sentences come from disk
 * there, see i18n/resources.ts). Every cluster worker runs one; the claimed rows (SKIP LOCKED) make
 * each reminder go out once, and state lives in the database only, so a restart loses nothing.
 * The returned stop clears the timers and resolves when a round under way has committed or rolled
 * back, so the database is closed after it, never under it.
 */
export function startReminderJob(db: Db, everyMs = EVERY_MS): () => Promise<void> {
  let round: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (round || stopped) return; // never two rounds at once in one process
    round = (async () => {
      try {
        while (!stopped && (await sendDueReminders(db)) > 0);
      } catch (error) {
        console.error(`reminders: round failed, will try again: ${describeError(error)}`);
      }
    })().finally(() => (round = null));
  };
  const first = setTimeout(run, 1_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await round;
  };
}
