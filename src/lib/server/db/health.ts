import { sql } from 'drizzle-orm';
import { describeError } from '../http/report-error.ts';
import type { Db } from './client.ts';

export type DatabaseHealth = { ok: true } | { ok: false; reason: 'unreachable' | 'timeout' };

/** Load balancers give up after a second or two; an answer must come well before that. */
export const HEALTH_TIMEOUT_MS = 400;

export async function checkDatabase(db: Db, timeoutMs = HEALTH_TIMEOUT_MS): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    // A query stuck behind a dead connection must not hold the answer: the timer wins.
    const outcome = await Promise.race([db.execute(sql`select 1`).then(() => 'ok' as const), timeout]);
    if (outcome === 'ok') return { ok: true };
    console.error(`health: database did not answer within ${timeoutMs} ms`);
    return { ok: false, reason: 'timeout' };
  } catch (error) {
    // The reason stays in the server log; the health answer names no internals.
    console.error(`health: database check failed: ${describeError(error)}`);
    return { ok: false, reason: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
