import type { Db } from '../db/client.ts';
import { describeError } from '../http/report-error.ts';
import { sendDueReminders } from './reminders.ts';

const EVERY_MS = 15_000;
const STARTED = Symbol.for('hog-portaal.reminder-job');

/**
 * Starts the reminder job once per process. It runs inside the server bundle (its mail needs the
 * bundled translations), so the first request starts it; every cluster worker runs one, and the
 * claimed rows (SKIP LOCKED) make each reminder go out once. State lives in the database only,
 * so a restart loses nothing.
 */
export function ensureReminderJob(db: () => Db): void {
  const holder = globalThis as { [STARTED]?: boolean };
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      while ((await sendDueReminders(db())) > 0);
    } catch (error) {
      console.error(`reminders: round failed, will try again: ${describeError(error)}`);
    } finally {
      running = false;
    }
  };
  setTimeout(run, 1_000).unref();
  setInterval(run, EVERY_MS).unref();
}
