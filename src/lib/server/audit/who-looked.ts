import { and, desc, eq, gte, like, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accessLog, users } from '../db/schema/index.ts';
import { typedDetail } from './log.ts';

// "Wie keek" (NEN 7513 style): every look at or change of a resident's sign-up and report, from
// the append-only access log, newest first, within a period the resident picks.

export type Look = {
  at: Date;
  /** A person with an account, a share's recipient, or the resident themself. */
  /**
   * `referrer`: the referrer of a referral, reading the report the resident let through (authority
   * `referrer_feedback`; organisation: the practice). The referrer's look at the sign-up itself, as
   * a partner's, is a `person` with the role: its authority is `referrer`, not the feedback rule.
   */
  who: { kind: 'self' | 'person' | 'recipient' | 'referrer'; name: string | null; role: string | null; organisation: string | null };
  what: 'registration' | 'report';
  action: string;
  authority: 'self' | 'duo' | 'planner' | 'share' | 'partner' | 'referrer' | 'referrer_feedback' | 'emergency' | 'other';
  reason: string | null;
  /** For a referrer's read of the report: the rule that let it through (with_consent, unless_objects). */
  rule: string | null;
};

export const MAX_LOOKS = 500;

function authorityOf(authority: string, role: string | null): Look['authority'] {
  if (authority === 'self' || authority === 'duo' || authority === 'emergency') return authority;
  if (authority.startsWith('share:')) return 'share';
  if (authority === 'referrer:feedback') return 'referrer_feedback';
  if (role === 'planner' || role === 'partner' || role === 'referrer') return role;
  return 'other';
}

/** The resident's own log entries in [from, to): the query is scoped to them. */
export async function looksAt(db: Db, residentId: string, from: Date, to: Date): Promise<Look[]> {
  const rows = await db
    .select({ entry: accessLog, name: users.name, organisation: users.organisation })
    .from(accessLog)
    .leftJoin(users, eq(users.id, accessLog.actorId))
    .where(
      and(
        eq(accessLog.subjectId, residentId),
        or(like(accessLog.object, 'report:%'), like(accessLog.object, 'registration:%')),
        gte(accessLog.at, from),
        lt(accessLog.at, to),
      ),
    )
    .orderBy(desc(accessLog.at))
    .limit(MAX_LOOKS);
  return rows.map(({ entry, name, organisation }) => {
    const detail = entry.detail ?? {};
    const typed = typedDetail(entry.detail);
    const authority = authorityOf(entry.authority, entry.actorRole);
    const who: Look['who'] =
      authority === 'self'
        ? { kind: 'self', name: null, role: null, organisation: null }
        : authority === 'share'
          ? { kind: 'recipient', name: typed['recipient'] ?? '', role: String(detail['relation'] ?? ''), organisation: null }
          : authority === 'referrer_feedback'
            ? { kind: 'referrer', name, role: entry.actorRole, organisation: typed['practice'] ?? organisation }
            : { kind: 'person', name, role: entry.actorRole, organisation };
    return {
      at: entry.at,
      who,
      what: entry.object.startsWith('report:') ? 'report' : 'registration',
      action: entry.action.replace(/^registration\./, ''),
      authority,
      reason: authority === 'emergency' ? (typed['reason'] ?? '') : null,
      rule: authority === 'referrer_feedback' && typeof detail['rule'] === 'string' ? detail['rule'] : null,
    };
  });
}
