import type { Db } from '../db/client.ts';
import { accessLog } from '../db/schema/index.ts';
import { seal, unseal } from '../crypto/seal.ts';
import type { RegistrationAction, ReportAction } from './look-kinds.ts';

/** What else is logged; none of it shows in a resident's "wie keek". */
type OtherObject =
  | 'account'
  | 'session'
  | 'staff_accounts'
  | 'region_settings'
  | 'locations'
  | 'team_members'
  | 'follow_up_offers'
  | `${'region' | 'locations' | 'team_members' | 'follow_up_offers'}:${string}`;

/**
 * A look at a resident's sign-up or report takes only an action from look-kinds.ts (each has words
 * in their "wie keek"); anything else is free.
 */
type What =
  | { object: `registration:${string}`; action: RegistrationAction }
  | { object: `report:${string}`; action: ReportAction }
  | { object: OtherObject; action: string };

export type AccessEntry = What & {
  actorId?: string | null;
  actorRole?: string | null;
  subjectId?: string | null;
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
