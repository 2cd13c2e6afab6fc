import { describe, expect, it } from 'vitest';
import {
  canMove,
  canPlanFollowUp,
  checkDuo,
  checkProposals,
  clashes,
  conflictsWith,
  mayPlanAnother,
  mayRecordOutcome,
  plannerStatus,
  mayShowHomeAddress,
  memberHints,
  waitingFigures,
  type Member,
  type Slot,
} from '../../src/lib/server/planning/rules.ts';
import { fromWall, toWall } from '../../src/lib/server/planning/time.ts';

const member = (over: Partial<Member> = {}): Member => ({
  id: 'a',
  active: true,
  countsAsGgz: false,
  discipline: 'buurtcoach',
  languages: ['nl'],
  workingDays: ['ma', 'di', 'wo', 'do', 'vr'],
  ...over,
});
const at = (iso: string) => new Date(iso);
const slot = (iso: string, over: Partial<Slot> = {}): Slot => ({ startsAt: at(iso), durationMinutes: 60, place: 'stadskamer', online: false, ...over });

describe('the Amsterdam clock', () => {
  it('reads winter and summer time', () => {
    expect(fromWall('2026-01-15', '10:00')).toEqual({ ok: true, at: at('2026-01-15T09:00:00Z') });
    expect(fromWall('2026-07-15', '10:00')).toEqual({ ok: true, at: at('2026-07-15T08:00:00Z') });
  });

  it('refuses the hour skipped on the last Sunday of March, and keeps the hours around it', () => {
    expect(fromWall('2026-03-29', '02:30')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(fromWall('2026-03-29', '01:59')).toEqual({ ok: true, at: at('2026-03-29T00:59:00Z') });
    expect(fromWall('2026-03-29', '03:00')).toEqual({ ok: true, at: at('2026-03-29T01:00:00Z') });
    expect(fromWall('2026-03-29', '10:00')).toEqual({ ok: true, at: at('2026-03-29T08:00:00Z') });
  });

  it('takes the first of the hour that happens twice on the last Sunday of October', () => {
    expect(fromWall('2026-10-25', '02:30')).toEqual({ ok: true, at: at('2026-10-25T00:30:00Z') });
    expect(fromWall('2026-10-25', '10:00')).toEqual({ ok: true, at: at('2026-10-25T09:00:00Z') });
    expect(toWall(at('2026-10-25T01:30:00Z'))).toMatchObject({ date: '2026-10-25', time: '02:30', weekday: 6 });
  });

  it('refuses dates and times that do not exist on any clock', () => {
    expect(fromWall('2026-02-30', '10:00')).toEqual({ ok: false, reason: 'invalid' });
    expect(fromWall('2026-02-10', '24:00')).toEqual({ ok: false, reason: 'invalid' });
    expect(fromWall('10-02-2026', '10:00')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('a duo', () => {
  it('is two different active members', () => {
    expect(checkDuo([member({ id: 'a' }), member({ id: 'b' })], 'mixed', 'block').errors).toEqual(['duo_mixed']);
    expect(checkDuo([member({ id: 'a' }), member({ id: 'b', discipline: 'peer_expert' })], 'mixed', 'block')).toEqual({ ok: true, errors: [], warnings: [] });
    expect(checkDuo([member()], 'not_only_ggz', 'warn').errors).toEqual(['duo_size']);
    expect(checkDuo([member({ id: 'a' }), member({ id: 'a' })], 'not_only_ggz', 'warn').errors).toEqual(['duo_same']);
    expect(checkDuo([member({ id: 'a' }), member({ id: 'b' }), member({ id: 'c' })], 'not_only_ggz', 'warn').errors).toEqual(['duo_size']);
    expect(checkDuo([member({ id: 'a' }), member({ id: 'b', active: false })], 'not_only_ggz', 'warn').errors).toEqual(['duo_inactive']);
  });

  it('follows the sign-up: two GGZ professionals are a warning or a refusal', () => {
    const both = [member({ id: 'a', countsAsGgz: true }), member({ id: 'b', countsAsGgz: true })];
    expect(checkDuo(both, 'not_only_ggz', 'warn')).toEqual({ ok: true, errors: [], warnings: ['duo_all_ggz'] });
    expect(checkDuo(both, 'not_only_ggz', 'block')).toEqual({ ok: false, errors: ['duo_all_ggz'], warnings: [] });
    expect(checkDuo([member({ id: 'a', countsAsGgz: true }), member({ id: 'b' })], 'not_only_ggz', 'block').ok).toBe(true);
  });

  // Per requirement: a duo that meets it, and one that does not, with the problem that names it.
  const ggz = member({ id: 'g', countsAsGgz: true, discipline: 'social_psychiatric_nurse' });
  const social = member({ id: 's', discipline: 'social_worker' });
  const peer = member({ id: 'p', discipline: 'peer_expert' });
  const poh = member({ id: 'h', discipline: 'poh_ggz' });
  const gp = member({ id: 'd', discipline: 'gp' });
  const cases = [
    ['ggz_and_other', [ggz, peer], [social, peer], 'duo_ggz_and_other'],
    ['ggz_and_social', [social, ggz], [ggz, peer], 'duo_ggz_and_social'],
    ['ggz_and_peer', [ggz, peer], [ggz, social], 'duo_ggz_and_peer'],
    ['poh_and_peer', [poh, peer], [ggz, peer], 'duo_poh_and_peer'],
    ['mixed', [gp, social], [social, member({ id: 'b', discipline: 'buurtcoach' })], 'duo_mixed'],
  ] as const;
  it.each(cases)('%s: meets it, or warns and blocks with its own problem', (requirement, good, bad, problem) => {
    expect(checkDuo([...good], requirement, 'block')).toEqual({ ok: true, errors: [], warnings: [] });
    expect(checkDuo([...bad], requirement, 'warn')).toEqual({ ok: true, errors: [], warnings: [problem] });
    expect(checkDuo([...bad], requirement, 'block')).toEqual({ ok: false, errors: [problem], warnings: [] });
  });

  it('does not add the requirement to a duo that is no pair at all', () => {
    expect(checkDuo([ggz, ggz], 'ggz_and_social', 'block').errors).toEqual(['duo_same']);
  });

  it('gets hints for language and working day, in Amsterdam time', () => {
    expect(memberHints(member(), { language: 'tr' })).toEqual(['language']);
    // Saturday 00:30 in Amsterdam is still Friday in UTC.
    expect(memberHints(member(), { language: 'nl', at: at('2026-01-09T23:30:00Z') })).toEqual(['working_day']);
    expect(memberHints(member(), { language: 'nl', at: at('2026-01-09T10:00:00Z') })).toEqual([]);
  });
});

describe('conflicts', () => {
  it('are overlaps, and touching ends at one place are not', () => {
    expect(clashes(slot('2026-02-02T09:00:00Z'), slot('2026-02-02T09:30:00Z'), 30)).toBe(true);
    expect(clashes(slot('2026-02-02T09:00:00Z'), slot('2026-02-02T10:00:00Z'), 30)).toBe(false);
  });

  it('keep a travel buffer between two different places', () => {
    const home = slot('2026-02-02T10:20:00Z', { place: 'home:1' });
    expect(clashes(slot('2026-02-02T09:00:00Z'), home, 30)).toBe(true);
    expect(clashes(slot('2026-02-02T09:00:00Z'), slot('2026-02-02T10:30:00Z', { place: 'home:1' }), 30)).toBe(false);
    expect(clashes(home, slot('2026-02-02T09:00:00Z'), 30)).toBe(true);
  });

  it('need no buffer for online', () => {
    expect(clashes(slot('2026-02-02T09:00:00Z'), slot('2026-02-02T10:00:00Z', { place: 'online', online: true }), 30)).toBe(false);
    expect(clashes(slot('2026-02-02T09:00:00Z'), slot('2026-02-02T09:59:00Z', { place: 'online', online: true }), 30)).toBe(true);
  });

  it('count in real minutes across the changes of the clock', () => {
    const wall = (date: string, time: string, place = 'stadskamer'): Slot => {
      const r = fromWall(date, time);
      if (!r.ok) throw new Error(r.reason);
      return { startsAt: r.at, durationMinutes: 60, place, online: false };
    };
    // March: 01:00 for an hour ends at 03:00 on the clock, so 03:20 elsewhere is 20 minutes later.
    expect(clashes(wall('2026-03-29', '01:00'), wall('2026-03-29', '03:20', 'home:1'), 30)).toBe(true);
    expect(clashes(wall('2026-03-29', '01:00'), wall('2026-03-29', '03:30', 'home:1'), 30)).toBe(false);
    // October: 01:30 for an hour ends at 02:30 summer time; 02:45 on the clock is the first 02:45, 15 minutes later.
    expect(clashes(wall('2026-10-25', '01:30'), wall('2026-10-25', '02:45', 'home:1'), 30)).toBe(true);
    // 03:00 winter time is an hour and a half after the end.
    expect(conflictsWith(wall('2026-10-25', '03:00', 'home:1'), [wall('2026-10-25', '01:30')], 30)).toEqual([]);
  });
});

describe('proposals', () => {
  const now = at('2026-03-20T12:00:00Z');
  const p = (date: string, time = '10:00', durationMinutes = 60) => ({ date, time, durationMinutes });

  it('are one to three future moments of 60 or 90 minutes', () => {
    const ok = checkProposals([p('2026-03-23'), p('2026-03-24', '14:00', 90)], now);
    expect(ok).toEqual({
      ok: true,
      moments: [
        { startsAt: at('2026-03-23T09:00:00Z'), durationMinutes: 60 },
        { startsAt: at('2026-03-24T13:00:00Z'), durationMinutes: 90 },
      ],
    });
    expect(checkProposals([], now)).toEqual({ ok: false, problems: [{ index: -1, problem: 'proposals_count' }] });
    expect(checkProposals([p('2026-03-23'), p('2026-03-24'), p('2026-03-25'), p('2026-03-26')], now).ok).toBe(false);
  });

  it('name each refused moment', () => {
    const result = checkProposals([p('2026-03-19'), p('2026-03-29', '02:30'), p('2026-03-23', '10:00', 45), p('2026-12-01'), p('2026-03-23')].slice(0, 3), now);
    expect(result).toEqual({
      ok: false,
      problems: [
        { index: 0, problem: 'past' },
        { index: 1, problem: 'nonexistent' },
        { index: 2, problem: 'duration' },
      ],
    });
    expect(checkProposals([p('2026-12-01')], now)).toEqual({ ok: false, problems: [{ index: 0, problem: 'too_far' }] });
    expect(checkProposals([p('2026-03-23'), p('2026-03-23')], now)).toEqual({ ok: false, problems: [{ index: 1, problem: 'duplicate' }] });
  });
});

describe('the course of a conversation', () => {
  it('moves only forward, and an outcome only from confirmed', () => {
    expect(canMove('proposed', 'confirmed')).toBe(true);
    expect(canMove('proposed', 'held')).toBe(false);
    expect(canMove('confirmed', 'held')).toBe(true);
    expect(canMove('held', 'cancelled')).toBe(false);
  });

  it("allows a follow-up after a held conversation, up to the sign-up's limit (0, 1 or 2)", () => {
    const held = (n: number) => Array.from({ length: n }, (_, i) => ({ sequence: i + 1, status: 'held' }));
    const two = { maxFollowUps: 2 };
    expect(canPlanFollowUp(held(1), two)).toBe(true);
    expect(canPlanFollowUp([{ sequence: 1, status: 'confirmed' }], two)).toBe(false);
    expect(canPlanFollowUp([{ sequence: 1, status: 'no_show' }], two)).toBe(false);
    expect(canPlanFollowUp(held(2), two)).toBe(true);
    expect(canPlanFollowUp(held(3), two)).toBe(false);
    expect(canPlanFollowUp(held(1), { maxFollowUps: 1 })).toBe(true);
    expect(canPlanFollowUp(held(2), { maxFollowUps: 1 })).toBe(false);
    expect(canPlanFollowUp(held(1), { maxFollowUps: 0 })).toBe(false);
  });

  it('lets a planner plan the first conversation always, and a follow-up within the limit', () => {
    expect(mayPlanAnother([], { maxFollowUps: 0 })).toBe(true);
    // A no-show: the first conversation is planned again, whatever the limit.
    expect(mayPlanAnother([{ sequence: 1, status: 'no_show' }], { maxFollowUps: 0 })).toBe(true);
    expect(mayPlanAnother([{ sequence: 1, status: 'held' }], { maxFollowUps: 0 })).toBe(false);
    expect(mayPlanAnother([{ sequence: 1, status: 'held' }], { maxFollowUps: 1 })).toBe(true);
    // The open proposal a new one replaces does not count.
    expect(
      mayPlanAnother(
        [
          { sequence: 1, status: 'held' },
          { sequence: 2, status: 'proposed' },
        ],
        { maxFollowUps: 1 },
      ),
    ).toBe(true);
    expect(
      mayPlanAnother(
        [
          { sequence: 1, status: 'held' },
          { sequence: 2, status: 'held' },
        ],
        { maxFollowUps: 1 },
      ),
    ).toBe(false);
  });

  it('lets the duo record the outcome from the start of the conversation on, not earlier the same day', () => {
    // Issue 23: a conversation later today is not held yet; one click must not say it was.
    expect(mayRecordOutcome(at('2026-02-10T15:00:00Z'), at('2026-02-10T08:00:00Z'))).toBe(false);
    expect(mayRecordOutcome(at('2026-02-10T15:00:00Z'), at('2026-02-10T14:59:00Z'))).toBe(false);
    expect(mayRecordOutcome(at('2026-02-10T15:00:00Z'), at('2026-02-10T15:00:00Z'))).toBe(true);
    expect(mayRecordOutcome(at('2026-02-10T15:00:00Z'), at('2026-02-11T08:00:00Z'))).toBe(true);
  });

  it('says "Voorstel gestuurd" while proposed moments wait for the resident (issue 23)', () => {
    expect(plannerStatus('received', [{ status: 'proposed' }])).toBe('proposal_sent');
    expect(plannerStatus('contacted', [{ status: 'cancelled' }, { status: 'proposed' }])).toBe('proposal_sent');
    expect(plannerStatus('received', [])).toBe('received');
    expect(plannerStatus('planned', [{ status: 'confirmed' }])).toBe('planned');
    expect(plannerStatus('held', [{ status: 'held' }, { status: 'proposed' }])).toBe('held');
  });

  it('shows a home address only to the duo once confirmed', () => {
    expect(mayShowHomeAddress({ status: 'confirmed' }, true)).toBe(true);
    expect(mayShowHomeAddress({ status: 'proposed' }, true)).toBe(false);
    expect(mayShowHomeAddress({ status: 'confirmed' }, false)).toBe(false);
  });
});

describe('waiting figures', () => {
  it('match a hand-computed example', () => {
    // Waits in days: 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 2.5.
    // Sorted: 1 2 2.5 3 4 5 6 7 8 9 20 (n = 11). Median: the 6th = 5. P90: rank ceil(9.9) = 10th = 9.
    const day = 86_400_000;
    const created = at('2026-01-01T00:00:00Z');
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 2.5];
    const figures = waitingFigures(waits.map((d) => ({ createdAt: created, reachedAt: new Date(created.getTime() + d * day) })));
    expect(figures).toEqual({ count: 11, median: 5, p90: 9 });
    // An even count: 1 2 3 4 → median (2 + 3) / 2 = 2.5, P90 rank ceil(3.6) = 4th = 4.
    expect(waitingFigures([1, 2, 3, 4].map((d) => ({ createdAt: created, reachedAt: new Date(created.getTime() + d * day) })))).toEqual({
      count: 4,
      median: 2.5,
      p90: 4,
    });
    expect(waitingFigures([])).toEqual({ count: 0, median: null, p90: null });
  });
});
