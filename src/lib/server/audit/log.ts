import type { Db } from '../db/client.ts';
import { accessLog } from '../db/schema/index.ts';

export type AccessEntry = {
  actorId?: string | null;
  actorRole?: string | null;
  subjectId?: string | null;
  object: string;
  action: string;
  authority: string;
  ipPrefix?: string | null;
  detail?: Record<string, string | number | boolean>;
};

/**
 * Appends to the access log. Callers pass their transaction, so the log and the change commit together.
 * A list (every row a page shows) is one statement, not one per row.
 */
export async function logAccess(db: Db, entry: AccessEntry | AccessEntry[]): Promise<void> {
  if (Array.isArray(entry) && entry.length === 0) return;
  await db.insert(accessLog).values(Array.isArray(entry) ? entry : [entry]);
}
