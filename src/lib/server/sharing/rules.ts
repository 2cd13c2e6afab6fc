// Pure rules for sharing a report: when a share may be opened, what it shows, how long it lasts.
// Tested without a database (tests/unit/sharing-rules.test.ts).
import { fromWall, toWall } from '../planning/time.ts';

export const relations = ['naaste', 'huisarts', 'buurtcoach', 'ggz', 'anders'] as const;
export type Relation = (typeof relations)[number];

/** The whole report, or only the agreed next steps. */
export const scopes = ['whole', 'next_steps'] as const;
export type Scope = (typeof scopes)[number];

/** The portal mails the link, or the resident passes it on themselves (copy it, or print a letter). */
export const shareWays = ['email', 'self'] as const;
export type ShareWay = (typeof shareWays)[number];

export type ShareState = 'active' | 'ended' | 'withdrawn' | 'locked';

export const DEFAULT_SHARE_DAYS = 30;
export const MAX_SHARE_DAYS = 366;
/** Wrong codes in a row after which the share stays shut until the resident renews it. */
export const MAX_CODE_FAILURES = 5;

const DAY_MS = 24 * 60 * 60_000;

export type ShareFacts = { endsAt: Date; withdrawnAt: Date | null; codeFailures: number };

/** Withdrawn wins over ended, ended over locked: the resident sees the most final reason. */
export function shareState(share: ShareFacts, now: Date): ShareState {
  if (share.withdrawnAt) return 'withdrawn';
  if (share.endsAt <= now) return 'ended';
  if (share.codeFailures >= MAX_CODE_FAILURES) return 'locked';
  return 'active';
}

export const isOpen = (share: ShareFacts, now: Date): boolean => shareState(share, now) === 'active';

export const defaultEndDate = (now: Date): Date => new Date(now.getTime() + DEFAULT_SHARE_DAYS * DAY_MS);

/** A chosen end date (a calendar day, yyyy-mm-dd) ends at the close of that day in the Netherlands. */
export function endOfChosenDay(day: string): Date {
  // 23:59 on the Amsterdam clock exists on every day (the clocks change at night); a day that does
  // not exist (31 February, month 13) is an invalid date, which endDateProblem refuses.
  const close = fromWall(day, '23:59');
  return close.ok ? new Date(close.at.getTime() + 59_000) : new Date(Number.NaN);
}

export function endDateProblem(endsAt: Date, now: Date): 'invalid' | 'past' | 'tooFar' | null {
  if (Number.isNaN(endsAt.getTime())) return 'invalid';
  if (endsAt <= now) return 'past';
  if (endsAt.getTime() - now.getTime() > MAX_SHARE_DAYS * DAY_MS) return 'tooFar';
  return null;
}

/** The day as yyyy-mm-dd in the Netherlands, for a date field's default. */
export const dayInput = (date: Date): string => toWall(date).date;
