import { and, desc, eq, gte, like, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accessLog, users } from '../db/schema/index.ts';
import { typedDetail } from './log.ts';
import { lookLabel } from './look-kinds.ts';

// "Wie keek" (NEN 7513 style): every look at or change of a resident's sign-up and report, from
// the append-only access log, newest first, within a period the resident picks.

/** On what right someone looked: each has words in "wie keek". */
export const lookAuthorities = [
  'self',
  'duo',
  'planner',
  'share',
  'partner',
  'referrer',
  'referrer_feedback',
  'emergency',
  'naaste',
  'code',
  'portal',
  'other',
] as const;

export type Look = {
  at: Date;
  /**
   * A person with an account, a share's recipient, the resident themself, the person they bring
   * (their invitation link), whoever holds the sign-up's confirmation code, the portal itself, or
   * the referrer of a referral reading the report the resident let through (organisation: the practice).
   */
  who: {
    kind: 'self' | 'person' | 'recipient' | 'naaste' | 'code' | 'portal' | 'referrer';
    name: string | null;
    role: string | null;
    organisation: string | null;
  };
  what: 'registration' | 'report';
  action: string;
  /** The words for the action (look-kinds.ts); null for an action this code no longer writes. */
  label: string | null;
  authority: (typeof lookAuthorities)[number];
  reason: string | null;
  /** For a referrer's read: the rule that let it through (with_consent, unless_objects). */
  rule: string | null;
  /** The same look by the same person within the same minute, shown once. */
  count: number;
};

export const MAX_LOOKS = 500;

function authorityOf(authority: string, role: string | null): Look['authority'] {
  if (authority === 'self' || authority === 'duo' || authority === 'emergency') return authority;
  if (authority.startsWith('share:')) return 'share';
  if (authority.startsWith('naaste:')) return 'naaste';
  if (authority === 'confirmation_code') return 'code';
  if (authority === 'housekeeping') return 'portal';
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
  const looks: (Look & { key: string })[] = [];
  for (const { entry, name, organisation } of rows) {
    const detail = entry.detail ?? {};
    const typed = typedDetail(entry.detail);
    const authority = authorityOf(entry.authority, entry.actorRole);
    const nobody = { name: null, role: null, organisation: null };
    const who: Look['who'] =
      authority === 'share'
        ? { kind: 'recipient', name: typed['recipient'] ?? '', role: String(detail['relation'] ?? ''), organisation: null }
        : authority === 'self' || authority === 'naaste' || authority === 'code' || authority === 'portal'
          ? { kind: authority, ...nobody }
          : authority === 'referrer_feedback'
            ? { kind: 'referrer', name, role: entry.actorRole, organisation: typed['practice'] ?? organisation }
            : { kind: 'person', name, role: entry.actorRole, organisation };
    const what = entry.object.startsWith('report:') ? 'report' : 'registration';
    // Rows come newest first: a repeat of the look just above, in the same minute, adds to its count.
    const key = [entry.actorId ?? entry.authority, entry.object, entry.action, Math.floor(entry.at.getTime() / 60_000)].join(' ');
    const previous = looks.at(-1);
    if (previous?.key === key && authority !== 'emergency') {
      previous.count += 1;
      continue;
    }
    looks.push({
      key,
      at: entry.at,
      who,
      what,
      action: entry.action.replace(/^registration\./, ''),
      label: lookLabel(what, entry.action),
      authority,
      reason: authority === 'emergency' ? (typed['reason'] ?? '') : null,
      rule: authority === 'referrer_feedback' && typeof detail['rule'] === 'string' ? detail['rule'] : null,
      count: 1,
    });
  }
  return looks.map(({ key: _, ...look }) => look);
}
