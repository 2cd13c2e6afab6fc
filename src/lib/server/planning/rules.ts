// Pure rules of planning a conversation: who may form a duo, which moments may be proposed, and
// whether a moment clashes with a member's other conversations. No database, no clock of its own.
import { maxConversations, meetsRequirement, type Discipline, type DuoRequirement, type SignupProfile } from '../../profile.ts';
import { fromWall, toWall } from './time.ts';

export const MAX_PROPOSALS = 3;
export const DURATIONS = [60, 90] as const;
/** Proposals further ahead than this are a typing mistake, not a plan. */
export const MAX_DAYS_AHEAD = 180;

export type Member = { id: string; active: boolean; countsAsGgz: boolean; discipline: Discipline; languages: string[]; workingDays: string[] };

/**
 * What the duo lacks, named after the sign-up's requirement so the message says what the duo must
 * contain. "Not only GGZ" keeps its old name: it is the rule every sign-up had before profiles.
 */
export const requirementProblems = {
  not_only_ggz: 'duo_all_ggz',
  ggz_and_other: 'duo_ggz_and_other',
  ggz_and_social: 'duo_ggz_and_social',
  ggz_and_peer: 'duo_ggz_and_peer',
  poh_and_peer: 'duo_poh_and_peer',
  mixed: 'duo_mixed',
} as const satisfies Record<DuoRequirement, string>;
export type RequirementProblem = (typeof requirementProblems)[DuoRequirement];

export type DuoProblem = 'duo_size' | 'duo_same' | 'duo_inactive' | RequirementProblem;
export type DuoCheck = { ok: boolean; errors: DuoProblem[]; warnings: DuoProblem[] };

/**
 * Two different active members who together meet the sign-up's requirement (profile.ts). A breach
 * of the requirement is the sign-up's choice: "warn" lets the planner go on after seeing it,
 * "block" refuses. Two people who are not a pair at all are always refused.
 */
export function checkDuo(members: Member[], requirement: DuoRequirement, rule: 'warn' | 'block'): DuoCheck {
  const errors: DuoProblem[] = [];
  const warnings: DuoProblem[] = [];
  if (members.length !== 2) errors.push('duo_size');
  else if (members[0]!.id === members[1]!.id) errors.push('duo_same');
  if (members.some((m) => !m.active)) errors.push('duo_inactive');
  if (errors.length === 0 && !meetsRequirement(members, requirement)) (rule === 'block' ? errors : warnings).push(requirementProblems[requirement]);
  return { ok: errors.length === 0, errors, warnings };
}

const DAY_KEYS = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;

export type Hint = 'language' | 'working_day';

/** Hints, not rules: a member who does not speak the resident's language, or does not work that day. */
export function memberHints(member: Member, wanted: { language: string; at?: Date }): Hint[] {
  const hints: Hint[] = [];
  if (!member.languages.includes(wanted.language)) hints.push('language');
  if (wanted.at && !member.workingDays.includes(DAY_KEYS[toWall(wanted.at).weekday]!)) hints.push('working_day');
  return hints;
}

/** A moment somewhere: `place` identifies where (a location id, or the sign-up for a home visit). */
export type Slot = { startsAt: Date; durationMinutes: number; place: string; online: boolean };

/**
 * Two moments clash when they overlap, or when the member cannot travel between two different
 * places in the buffer. Online needs no travel, and neither does staying at one place.
 */
export function clashes(a: Slot, b: Slot, bufferMinutes: number): boolean {
  const travel = a.online || b.online || a.place === b.place ? 0 : bufferMinutes * 60_000;
  const aEnd = a.startsAt.getTime() + a.durationMinutes * 60_000;
  const bEnd = b.startsAt.getTime() + b.durationMinutes * 60_000;
  return a.startsAt.getTime() < bEnd + travel && b.startsAt.getTime() < aEnd + travel;
}

export function conflictsWith(slot: Slot, others: Slot[], bufferMinutes: number): Slot[] {
  return others.filter((o) => clashes(slot, o, bufferMinutes));
}

export type ProposalInput = { date: string; time: string; durationMinutes: number };
export type ProposalProblem = 'proposals_count' | 'invalid' | 'nonexistent' | 'past' | 'too_far' | 'duration' | 'duplicate';
export type ProposalCheck =
  { ok: true; moments: { startsAt: Date; durationMinutes: number }[] } | { ok: false; problems: { index: number; problem: ProposalProblem }[] };

function momentProblem(p: ProposalInput, now: Date, moments: { startsAt: Date; durationMinutes: number }[]): ProposalProblem | null {
  const at = fromWall(p.date, p.time);
  if (!at.ok) return at.reason;
  if (!(DURATIONS as readonly number[]).includes(p.durationMinutes)) return 'duration';
  if (at.at <= now) return 'past';
  if (at.at.getTime() - now.getTime() > MAX_DAYS_AHEAD * 86_400_000) return 'too_far';
  if (moments.some((m) => m.startsAt.getTime() === at.at.getTime())) return 'duplicate';
  moments.push({ startsAt: at.at, durationMinutes: p.durationMinutes });
  return null;
}

/** One to three moments, each in the future (Amsterdam clock), 60 or 90 minutes, no two the same. */
export function checkProposals(input: ProposalInput[], now: Date): ProposalCheck {
  if (input.length < 1 || input.length > MAX_PROPOSALS) return { ok: false, problems: [{ index: -1, problem: 'proposals_count' }] };
  const problems: { index: number; problem: ProposalProblem }[] = [];
  const moments: { startsAt: Date; durationMinutes: number }[] = [];
  for (const [index, p] of input.entries()) {
    const problem = momentProblem(p, now, moments);
    if (problem) problems.push({ index, problem });
  }
  return problems.length ? { ok: false, problems } : { ok: true, moments };
}

/** Which status follows which: a duo records the outcome only of a confirmed conversation. */
const NEXT: Record<string, readonly string[]> = {
  proposed: ['confirmed', 'cancelled'],
  confirmed: ['held', 'no_show', 'cancelled', 'proposed'],
  held: [],
  no_show: [],
  cancelled: [],
};

export const canMove = (from: string, to: string): boolean => NEXT[from]?.includes(to) ?? false;

type Planned = { sequence: number; status: string };
type Limit = Pick<SignupProfile, 'maxFollowUps'>;

/**
 * A follow-up only after one was held, none open, and no more conversations in all than the
 * sign-up's rules allow (maxConversations: the first and 0 to 2 follow-ups).
 */
export function canPlanFollowUp(conversations: Planned[], profile: Limit): boolean {
  const open = conversations.some((c) => c.status === 'proposed' || c.status === 'confirmed');
  return !open && conversations.some((c) => c.status === 'held') && conversations.length < maxConversations(profile);
}

/**
 * Whether a planner may plan (propose or record) a conversation now. Before one was held this is
 * the first conversation (again, after a no-show or a cancellation): always. After, it is a
 * follow-up and counts against the limit; the open proposal it replaces does not count.
 */
export function mayPlanAnother(conversations: Planned[], profile: Limit): boolean {
  if (!conversations.some((c) => c.status === 'held')) return true;
  return conversations.filter((c) => c.status !== 'proposed').length < maxConversations(profile);
}

/**
 * The duo records held or no-show from the conversation's start, not before: a conversation later
 * today has not been held, and recording it so would tell the resident something untrue.
 */
export const mayRecordOutcome = (startsAt: Date, now: Date): boolean => startsAt.getTime() <= now.getTime();

/** The naaste's link stays valid until the conversation is over. */
export const invitationExpiry = (startsAt: Date, durationMinutes: number): Date => new Date(startsAt.getTime() + durationMinutes * 60_000);

/** The home address is for the duo, and only once the moment is agreed. */
export const mayShowHomeAddress = (c: { status: string }, isDuoMember: boolean): boolean => isDuoMember && c.status === 'confirmed';

/** The median: the middle value, or the mean of the two middle values. */
export function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 90th percentile by nearest rank: the smallest value with at least 90 % of values at or below it. */
export function p90(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.ceil(0.9 * sorted.length) - 1]!;
}

export type WaitingFigures = { count: number; median: number | null; p90: number | null };

/** Waiting in days (one decimal) from sign-up to an event, for the sign-ups of the window. */
export function waitingFigures(pairs: { createdAt: Date; reachedAt: Date }[]): WaitingFigures {
  const days = pairs.map((p) => Math.round((p.reachedAt.getTime() - p.createdAt.getTime()) / 8_640_000) / 10).sort((a, b) => a - b);
  return { count: days.length, median: median(days), p90: p90(days) };
}

/**
 * The sign-up's status as the planner reads it: once moments are proposed and not yet chosen, the
 * next step is the resident's, so "Voorstel gestuurd" rather than "Ontvangen" or "Contact opgenomen".
 */
export const plannerStatus = (status: string, conversations: readonly { status: string }[]): string =>
  (status === 'received' || status === 'contacted') && conversations.some((c) => c.status === 'proposed') ? 'proposal_sent' : status;
