import { sql } from 'drizzle-orm';
import { describeError } from '../http/report-error.ts';
import type { Db } from './client.ts';

export type DatabaseHealth = { ok: true } | { ok: false; reason: 'unreachable' | 'timeout' | 'read-only' };

/** Load balancers give up after a second or two; an answer must come well before that. */
export const HEALTH_TIMEOUT_MS = 400;

type Writable = { recovery: boolean | string; read_only: string };

/**
 * Ready means "can write": a hot standby answers every read, so `select 1` alone would send
 * sign-ups to a server that refuses them. `pg_is_in_recovery()` is true on a standby;
 * `transaction_read_only` is on there too, and on a primary set read-only (fenced, or
 * default_transaction_read_only), which cannot take a sign-up either.
 */
export const writableQuery = sql`select pg_is_in_recovery() as recovery, current_setting('transaction_read_only') as read_only`;

/** Whether a writableQuery answer (rows, or drizzle's result holding them) says "a writable primary". */
export function isWritable(result: unknown): boolean {
  const rows = (Array.isArray(result) ? result : (result as { rows?: unknown[] } | undefined)?.rows) as Writable[] | undefined;
  const row = rows?.[0];
  if (!row) return false;
  const recovery = row.recovery === true || row.recovery === 't' || row.recovery === 'true';
  return !recovery && row.read_only === 'off';
}

export async function checkDatabase(db: Db, timeoutMs = HEALTH_TIMEOUT_MS): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    // A query stuck behind a dead connection must not hold the answer: the timer wins.
    const outcome = await Promise.race([db.execute(writableQuery).then((result) => (isWritable(result) ? ('ok' as const) : ('read-only' as const))), timeout]);
    if (outcome === 'ok') return { ok: true };
    if (outcome === 'read-only') {
      console.error('health: the database is read-only (a standby, or a primary set read-only): not ready');
      return { ok: false, reason: 'read-only' };
    }
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
