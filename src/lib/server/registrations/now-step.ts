// What /mijn says first about a sign-up (issue 22, item 7): where it stands now and the one next
// step, and the naaste line that stays true as the sign-up moves on. Pure: tested in
// tests/unit/now-step.test.ts.

type Conversation = { status: string; invitation: unknown };

export type NowStep = 'received' | 'contacted' | 'pick' | 'planned' | 'held' | 'report_ready';

/** The sentence key (`signup:mijn.now.*`); null for a cancelled sign-up, which says so itself. */
export function nowStep(status: string, conversations: readonly Conversation[]): NowStep | null {
  if (status === 'cancelled' || status === 'awaiting_confirmation') return null;
  // A moment to pick or an agreed one comes before anything else, also for a follow-up.
  if (conversations.some((c) => c.status === 'proposed')) return 'pick';
  if (conversations.some((c) => c.status === 'confirmed')) return 'planned';
  if (status === 'report_ready' || status === 'held' || status === 'contacted') return status;
  return 'received';
}

export type NaasteNote = 'naasteInvited' | 'naasteInvitationSent' | 'naasteNoInvitation' | 'naasteNotInvited';

/**
 * The line after the naaste's name (`signup:mijn.*`). Before a date: we will invite them (or not,
 * as the resident chose); with a date: sent, or not sent because there is no e-mail address to
 * send it to; after the conversation or a cancel: nothing, since no invitation is coming.
 */
export function naasteNote(status: string, naaste: { invite: boolean }, conversations: readonly Conversation[]): NaasteNote | null {
  if (status === 'cancelled' || status === 'held' || status === 'report_ready') return null;
  if (!naaste.invite) return 'naasteNotInvited';
  const agreed = conversations.filter((c) => c.status === 'confirmed');
  if (agreed.some((c) => c.invitation)) return 'naasteInvitationSent';
  return agreed.length ? 'naasteNoInvitation' : 'naasteInvited';
}

const rank: Record<NowStep, number> = { pick: 0, planned: 1, report_ready: 2, held: 3, contacted: 4, received: 4 };

/**
 * The resident's sign-ups in the order /mijn shows them: what asks something of them or is coming
 * up first (a moment to pick, the next appointment, a report to read), cancelled ones last; the
 * newest first within each (the order they came in, kept by a stable sort).
 */
export function byWhatComesNext<T>(rows: readonly T[], stepOf: (row: T) => NowStep | null): T[] {
  const order = (row: T) => {
    const step = stepOf(row);
    return step ? rank[step] : 5;
  };
  return [...rows].sort((a, b) => order(a) - order(b));
}
