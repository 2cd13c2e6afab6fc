import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nextSteps } from '../../src/lib/server/registrations/next-steps.ts';
import { byWhatComesNext, naasteNote, nowStep } from '../../src/lib/server/registrations/now-step.ts';
import { duoNames, residentPlace } from '../../src/lib/server/planning/who-and-where.ts';

// Issue 22, items 5–7: the sentences after a sign-up and on /mijn stay true for the region's way
// of planning and for where the sign-up is now.

describe('what happens now, after the last step', () => {
  const base = { channel: 'both' as const, contactVia: null, days: 7, minutes: 90 };
  it('a region where the resident picks: the team calls or mails as they chose, then they pick a moment', () => {
    expect(nextSteps({ ...base, planningMode: 'resident_picks' })).toEqual([
      { key: 'done.steps.contact.both', values: { days: 7 } },
      { key: 'done.steps.pick' },
      { key: 'done.steps.talk', values: { minutes: 90 } },
    ]);
    expect(nextSteps({ ...base, planningMode: 'resident_picks', channel: 'phone' })[0]!.key).toBe('done.steps.contact.phone');
    expect(nextSteps({ ...base, planningMode: 'resident_picks', channel: 'email' })[0]!.key).toBe('done.steps.contact.email');
  });
  it('a region where the planner calls: a planner calls (or mails, without a phone number) and they agree together', () => {
    const steps = nextSteps({ ...base, planningMode: 'planner_calls' });
    expect(steps.map((s) => s.key)).toEqual(['done.steps.plannerCalls', 'done.steps.agree', 'done.steps.talk']);
    expect(nextSteps({ ...base, planningMode: 'planner_calls', channel: 'email' })[0]!.key).toBe('done.steps.plannerMails');
  });
  it('a partner who is the contact person is named as the one contacted', () => {
    expect(nextSteps({ ...base, planningMode: 'resident_picks', contactVia: 'Mirjam' })[0]).toEqual({
      key: 'done.steps.viaPartner',
      values: { days: 7, name: 'Mirjam' },
    });
  });
});

describe('the confirmation cookie', () => {
  beforeAll(() => {
    vi.stubEnv('ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  });
  it('names the sign-up this browser sent, and nothing once altered or expired', async () => {
    const { doneValue, readDone, DONE_MINUTES } = await import('../../src/lib/server/registrations/done-cookie.ts');
    const id = '0b6e4c3a-9d2f-4b1a-8c7e-1f2a3b4c5d6e';
    const now = new Date('2026-12-02T10:00:00Z');
    const value = doneValue({ kind: 'sent', registrationId: id, accountMailed: true }, now);
    expect(readDone(value, now)).toEqual({ kind: 'sent', registrationId: id, accountMailed: true });
    expect(readDone(value.replace('.1.', '.0.'), now)).toBeNull();
    expect(readDone(value.replace(id, id.replace('0b6e', '1b6e')), now)).toBeNull();
    expect(readDone(value, new Date(now.getTime() + DONE_MINUTES * 60_000 + 1))).toBeNull();
    expect(readDone(undefined, now)).toBeNull();
    expect(readDone(doneValue({ kind: 'dropped', registrationId: null, accountMailed: false }, now), now)).toEqual({
      kind: 'dropped',
      registrationId: null,
      accountMailed: false,
    });
  });
});

describe('/mijn: the current state first', () => {
  const proposed = { status: 'proposed', invitation: null };
  const confirmed = { status: 'confirmed', invitation: null };
  it('a moment to pick or an agreed appointment comes before the status', () => {
    expect(nowStep('contacted', [proposed])).toBe('pick');
    expect(nowStep('planned', [confirmed])).toBe('planned');
    expect(nowStep('report_ready', [{ status: 'held', invitation: null }, proposed])).toBe('pick');
    expect(nowStep('report_ready', [{ status: 'held', invitation: null }])).toBe('report_ready');
    expect(nowStep('received', [])).toBe('received');
    expect(nowStep('cancelled', [confirmed])).toBeNull();
  });
  it('the naaste line follows the sign-up: before the date, with it, and nothing after a cancel or the conversation', () => {
    expect(naasteNote('received', { invite: true }, [])).toBe('naasteInvited');
    expect(naasteNote('planned', { invite: true }, [{ status: 'confirmed', invitation: { id: 'x' } }])).toBe('naasteInvitationSent');
    expect(naasteNote('planned', { invite: true }, [confirmed])).toBe('naasteNoInvitation');
    expect(naasteNote('planned', { invite: false }, [confirmed])).toBe('naasteNotInvited');
    for (const status of ['cancelled', 'held', 'report_ready']) expect(naasteNote(status, { invite: true }, [])).toBeNull();
  });
  it('orders sign-ups by what comes next, keeping the order within each', () => {
    const rows = [
      { id: 'old-cancelled', step: null },
      { id: 'report', step: 'report_ready' as const },
      { id: 'new-received', step: 'received' as const },
      { id: 'planned', step: 'planned' as const },
      { id: 'old-received', step: 'received' as const },
    ];
    expect(byWhatComesNext(rows, (r) => r.step).map((r) => r.id)).toEqual(['planned', 'report', 'new-received', 'old-received', 'old-cancelled']);
  });
});

describe('who comes and where', () => {
  const duo = [
    { name: 'Tom Gerritsen', discipline: 'buurtcoach' as const },
    { name: 'Sanne Hoekstra', discipline: 'social_psychiatric_nurse' as const },
  ];
  it('first names with their role in plain words; without roles for discreet mail', () => {
    expect(duoNames(duo, 'nl')).toBe('Sanne (verpleegkundige) en Tom (buurtcoach)');
    expect(duoNames(duo, 'en')).toBe('Sanne (nurse) and Tom (neighbourhood coach)');
    expect(duoNames(duo, 'nl', false)).toBe('Sanne en Tom');
  });
  it("the place with its address, the resident's own home, or online", () => {
    const none = { address: null, otherPlace: null };
    const library = {
      name: 'Bibliotheek',
      names: { nl: 'Bibliotheek De Leeshoek', en: 'De Leeshoek Library' },
      kind: 'library' as const,
      street: 'Marktplein 3',
      postcode: '7002 CD',
      city: 'Oostveld',
    };
    expect(residentPlace({ placeKind: 'catalogue' }, library, none, 'nl')).toBe('Bibliotheek De Leeshoek, Marktplein 3, 7002 CD Oostveld');
    expect(residentPlace({ placeKind: 'home' }, null, { address: 'Dorpsstraat 1', otherPlace: null }, 'nl')).toBe('Bij jou thuis, Dorpsstraat 1');
    expect(residentPlace({ placeKind: 'home' }, null, none, 'en')).toBe('At your home');
    const video = { name: 'Beeldbellen', names: null, kind: 'online' as const, street: null, postcode: null, city: null };
    expect(residentPlace({ placeKind: 'catalogue' }, video, none, 'nl')).toBe('Online: Beeldbellen');
  });
});
