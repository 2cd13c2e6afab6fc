import type { Db } from '../db/client.ts';
import { accessLog } from '../db/schema/index.ts';
import { seal, unseal } from '../crypto/seal.ts';

export type AccessEntry = {
  actorId?: string | null;
  actorRole?: string | null;
  subjectId?: string | null;
  object: string;
  action: string;
  authority: string;
  ipPrefix?: string | null;
  /** Plain facts only (ids, roles, choices from a list): the log can never be erased. */
  detail?: Record<string, string | number | boolean>;
  /** Anything a person typed (a name, a reason): kept sealed, readable only with the key. */
  typed?: Record<string, string>;
};

/** Where typed text sits in `detail`: one sealed JSON value. */
const SEALED = 'sealed';

/**
 * Appends to the access log. Callers pass their transaction, so the log and the change commit together.
 * A list (every row a page shows) is one statement, not one per row.
 */
export async function logAccess(db: Db, entry: AccessEntry | AccessEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry];
  if (entries.length === 0) return;
  await db
    .insert(accessLog)
    .values(entries.map(({ typed, ...row }) => (typed ? { ...row, detail: { ...row.detail, [SEALED]: seal(JSON.stringify(typed)) } } : row)));
}

/**
 * The typed text of a log row. Rows from before it was sealed still hold it plainly at the top of
 * `detail`; they cannot be rewritten (the log is append-only), so both are read.
 */
export function typedDetail(detail: Record<string, unknown> | null): Record<string, string> {
  const sealed = detail?.[SEALED];
  if (typeof sealed === 'string') return JSON.parse(unseal(sealed)) as Record<string, string>;
  const plain: Record<string, string> = {};
  for (const key of ['recipient', 'reason']) if (typeof detail?.[key] === 'string') plain[key] = detail[key];
  return plain;
}
