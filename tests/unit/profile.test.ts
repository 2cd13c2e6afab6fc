import { describe, expect, it } from 'vitest';
import {
  accepts,
  asksConsentAtApproval,
  DEFAULT_PROFILE,
  maxConversations,
  mayObject,
  meetsRequirement,
  offeredKinds,
  onlyPlace,
  presetNames,
  presets,
  readProfile,
  readSignupProfile,
  referrerMayRead,
  signupProfile,
  type DuoMember,
  type SignupProfile,
} from '../../src/lib/profile.ts';

// The pure rules of a region's way of working, one block per setting (issue 21).

describe('presets', () => {
  it('has one per practice, and Doetinchem is the default', () => {
    expect(Object.keys(presets).sort()).toEqual([...presetNames].sort());
    expect(DEFAULT_PROFILE).toEqual(presets.doetinchem.profile);
    for (const name of presetNames) expect(presets[name].profile.preset).toBe(name);
  });

  it('reads back as it was stored', () => {
    for (const name of presetNames) expect(readProfile(presets[name].profile)).toEqual(presets[name].profile);
  });

  it('only open access sends nothing to a referrer without the resident', () => {
    expect(presets.doetinchem.profile.accessMode).toBe('open');
    expect(presets.doetinchem.profile.referrerFeedback).toBe('resident_shares');
    expect(presets.amstelland.profile.referrerFeedback).toBe('unless_objects');
    expect(presets.amstelland.profile.planningMode).toBe('planner_calls');
    expect(presets.amstelland.profile.reportForm).toBe('advies');
  });
});

describe('readProfile', () => {
  it('fills a missing or foreign setting from the default', () => {
    expect(readProfile(null)).toEqual(DEFAULT_PROFILE);
    const read = readProfile({ accessMode: 'referral', planningMode: 'telepathy', maxFollowUps: 7, places: ['moon', 'home'] });
    expect(read.accessMode).toBe('referral');
    expect(read.planningMode).toBe(DEFAULT_PROFILE.planningMode);
    expect(read.maxFollowUps).toBe(2);
    expect(read.places).toEqual(['home']);
  });

  it('asks the scores unless the region switched them off', () => {
    expect(DEFAULT_PROFILE.scores).toBe(true);
    expect(readProfile({}).scores).toBe(true);
    expect(readProfile({ scores: 'no' }).scores).toBe(true);
    expect(readProfile({ scores: false }).scores).toBe(false);
  });

  it('never leaves a region without a place', () => {
    expect(readProfile({ places: [] }).places).toEqual(DEFAULT_PROFILE.places);
    expect(readProfile({ maxFollowUps: -1 }).maxFollowUps).toBe(0);
  });
});

describe('access mode', () => {
  it('open takes the public sign-up and partners, not referrals', () => {
    expect(accepts({ accessMode: 'open' }, 'open')).toBe(true);
    expect(accepts({ accessMode: 'open' }, 'partner')).toBe(true);
    expect(accepts({ accessMode: 'open' }, 'referral')).toBe(false);
  });
  it('referral takes only referrals', () => {
    expect(accepts({ accessMode: 'referral' }, 'open')).toBe(false);
    expect(accepts({ accessMode: 'referral' }, 'partner')).toBe(false);
    expect(accepts({ accessMode: 'referral' }, 'referral')).toBe(true);
  });
  it('both takes all', () => {
    for (const via of ['open', 'partner', 'referral'] as const) expect(accepts({ accessMode: 'both' }, via)).toBe(true);
  });
});

describe('what a sign-up keeps', () => {
  it('copies the rules, and an open sign-up never gives feedback to anyone', () => {
    const amstel = presets.amstelland.profile;
    const open = signupProfile(amstel, 'block', 'open');
    expect(open.referrerFeedback).toBe('resident_shares');
    expect(open.afterContact).toBe('duo');
    const referral = signupProfile(amstel, 'block', 'referral');
    expect(referral).toMatchObject({
      via: 'referral',
      referrerFeedback: 'unless_objects',
      planningMode: 'planner_calls',
      reportForm: 'advies',
      duoRule: 'block',
    });
  });
  it('a copy does not follow a later change of the region', () => {
    const region = { ...presets.breburg.profile };
    const kept = signupProfile(region, 'warn', 'referral');
    region.reportForm = 'plan';
    expect(kept.reportForm).toBe('four_questions');
  });
  it('reads an old row as Doetinchem', () => {
    expect(readSignupProfile({})).toMatchObject({ preset: 'doetinchem', via: 'open', referrerFeedback: 'resident_shares', duoRule: 'warn' });
    const stored = signupProfile(presets.nhn.profile, 'block', 'referral');
    expect(readSignupProfile(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
  });
});

describe('places', () => {
  it('lists the catalogue kinds a region offers', () => {
    expect(offeredKinds(presets.breburg.profile)).toEqual(['ggz', 'online']);
    expect(offeredKinds({ places: ['home', 'walk'] })).toEqual([]);
  });
  it('skips the choice when there is one place', () => {
    expect(onlyPlace(presets.maastricht.profile)).toBe('gp_practice');
    expect(onlyPlace(presets.ruwaard_oss.profile)).toBe('home');
    expect(onlyPlace(DEFAULT_PROFILE)).toBeNull();
  });
});

describe('follow-ups', () => {
  it('counts the first conversation and its follow-ups', () => {
    expect(maxConversations({ maxFollowUps: 0 })).toBe(1);
    expect(maxConversations({ maxFollowUps: 2 })).toBe(3);
  });
});

describe('who holds it', () => {
  const nurse: DuoMember = { discipline: 'social_psychiatric_nurse', countsAsGgz: true };
  const psych: DuoMember = { discipline: 'psychologist', countsAsGgz: true };
  const coach: DuoMember = { discipline: 'buurtcoach', countsAsGgz: false };
  const peer: DuoMember = { discipline: 'peer_expert', countsAsGgz: false };
  const poh: DuoMember = { discipline: 'poh_ggz', countsAsGgz: false };
  const social: DuoMember = { discipline: 'social_worker', countsAsGgz: false };

  it('not only GGZ: at least one who is not', () => {
    expect(meetsRequirement([nurse, coach], 'not_only_ggz')).toBe(true);
    expect(meetsRequirement([coach, peer], 'not_only_ggz')).toBe(true);
    expect(meetsRequirement([nurse, psych], 'not_only_ggz')).toBe(false);
  });
  it('GGZ and someone else', () => {
    expect(meetsRequirement([peer, psych], 'ggz_and_other')).toBe(true);
    expect(meetsRequirement([coach, peer], 'ggz_and_other')).toBe(false);
  });
  it('GGZ and social domain', () => {
    expect(meetsRequirement([nurse, social], 'ggz_and_social')).toBe(true);
    expect(meetsRequirement([coach, nurse], 'ggz_and_social')).toBe(true);
    expect(meetsRequirement([nurse, peer], 'ggz_and_social')).toBe(false);
  });
  it('GGZ and peer expert', () => {
    expect(meetsRequirement([peer, nurse], 'ggz_and_peer')).toBe(true);
    expect(meetsRequirement([coach, nurse], 'ggz_and_peer')).toBe(false);
  });
  it('POH-GGZ and peer expert', () => {
    expect(meetsRequirement([poh, peer], 'poh_and_peer')).toBe(true);
    expect(meetsRequirement([nurse, peer], 'poh_and_peer')).toBe(false);
    expect(meetsRequirement([poh, poh], 'poh_and_peer')).toBe(false);
  });
  it('mixed: two different kinds of work', () => {
    expect(meetsRequirement([social, coach], 'mixed')).toBe(false);
    expect(meetsRequirement([social, peer], 'mixed')).toBe(true);
  });
  it('a trained buurtcoach counts as GGZ by the member flag', () => {
    expect(meetsRequirement([{ discipline: 'buurtcoach', countsAsGgz: true }, nurse], 'not_only_ggz')).toBe(false);
  });
  it('is never met by one person', () => {
    expect(meetsRequirement([coach], 'not_only_ggz')).toBe(false);
  });
});

describe('feedback to the referrer', () => {
  const referral = (f: SignupProfile['referrerFeedback']) => ({ via: 'referral' as const, referrerFeedback: f });

  it('nothing goes anywhere before approval', () => {
    for (const f of ['resident_shares', 'with_consent', 'unless_objects'] as const) {
      for (const answer of [true, false, null]) expect(referrerMayRead(referral(f), answer, 0)).toBe(false);
    }
  });
  it('only what the resident shares: never by itself', () => {
    expect(referrerMayRead(referral('resident_shares'), true, 1)).toBe(false);
  });
  it('with consent: only after a yes', () => {
    expect(referrerMayRead(referral('with_consent'), null, 1)).toBe(false);
    expect(referrerMayRead(referral('with_consent'), false, 1)).toBe(false);
    expect(referrerMayRead(referral('with_consent'), true, 1)).toBe(true);
    expect(asksConsentAtApproval(referral('with_consent'))).toBe(true);
    expect(asksConsentAtApproval(referral('unless_objects'))).toBe(false);
  });
  it('unless the resident objects: unless they said no', () => {
    expect(referrerMayRead(referral('unless_objects'), null, 1)).toBe(true);
    expect(referrerMayRead(referral('unless_objects'), false, 2)).toBe(false);
    expect(mayObject(referral('unless_objects'), 0)).toBe(true);
    expect(mayObject(referral('unless_objects'), 1)).toBe(false);
  });
  it('a sign-up that was not a referral has no referrer to read it', () => {
    expect(referrerMayRead({ via: 'partner', referrerFeedback: 'unless_objects' }, null, 1)).toBe(false);
    expect(mayObject({ via: 'open', referrerFeedback: 'unless_objects' }, 0)).toBe(false);
  });
});
