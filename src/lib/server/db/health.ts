import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

export type DatabaseHealth = { ok: true } | { ok: false; reason: string };

export async function checkDatabase(db: Db): Promise<DatabaseHealth> {
  try {
    await db.execute(sql`select 1`);
    return { ok: true };
  } catch (error) {
    // The reason stays in the server log; the health answer names no internals.
    console.error('health: database check failed:', error);
    return { ok: false, reason: 'unreachable' };
  }
}
