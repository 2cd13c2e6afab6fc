// A region's way of working (its *profile*): who may sign up, where the conversation happens, who
// holds it, what the report looks like and what goes back to a referrer. Plain constants and pure
// rules, importable without drizzle (zod schemas, pages and the schema use them). Each practice from
// the source documents is a preset; a region starts from one and its admin changes what differs.
// A sign-up keeps a copy of the rules it started with (`SignupProfile`), so changing a setting never
// changes what is under way. Tested in tests/unit/profile.test.ts.

/** open: anyone signs up (and partners on their behalf); referral: only a referrer signs up; both. */
export const accessModes = ['open', 'referral', 'both'] as const;
export type AccessMode = (typeof accessModes)[number];

/** The resident picks one of the proposed moments, or a planner calls and records the agreed moment. */
export const planningModes = ['resident_picks', 'planner_calls'] as const;
export type PlanningMode = (typeof planningModes)[number];

/**
 * The places a region may offer: the resident's home, a walk, somewhere the resident names, and the
 * catalogue's places by kind (`locations.kind`). `recovery` is a recovery centre or herstelacademie.
 */
export const catalogueKinds = ['stadskamer', 'recovery', 'library', 'community_centre', 'gp_practice', 'ggz', 'online'] as const;
export type CatalogueKind = (typeof catalogueKinds)[number];
export const placeOptions = ['home', 'walk', 'other', ...catalogueKinds] as const;
export type PlaceOption = (typeof placeOptions)[number];

/** What a duo must contain (the region also says whether a breach warns or blocks: `regions.duo_rule`). */
export const duoRequirements = ['not_only_ggz', 'ggz_and_other', 'ggz_and_social', 'ggz_and_peer', 'poh_and_peer', 'mixed'] as const;
export type DuoRequirement = (typeof duoRequirements)[number];

/** The four questions (default); an advice written with the resident; a personal or joint plan. */
export const reportForms = ['four_questions', 'advies', 'plan'] as const;
export type ReportForm = (typeof reportForms)[number];

/**
 * What a referrer gets back. resident_shares: only what the resident shares themselves (the only
 * value for sign-ups that were not a referral); with_consent: asked at approval, nothing pre-ticked;
 * unless_objects: the approved report goes to the referrer unless the resident said no before.
 */
export const referrerFeedbacks = ['resident_shares', 'with_consent', 'unless_objects'] as const;
export type ReferrerFeedback = (typeof referrerFeedbacks)[number];

/** Whom the resident contacts after the conversation. */
export const afterContacts = ['duo', 'referrer'] as const;
export type AfterContact = (typeof afterContacts)[number];

/** A naaste is welcome on the resident's own initiative, or the sign-up asks "Kan er iemand meekomen?". */
export const naasteModes = ['own_initiative', 'ask'] as const;
export type NaasteMode = (typeof naasteModes)[number];

export const MAX_FOLLOW_UPS = 2;

export const presetNames = ['doetinchem', 'amstelland', 'breburg', 'nhn', 'maastricht', 'utrecht_oost', 'ruwaard_oss'] as const;
export type PresetName = (typeof presetNames)[number];

/** The settings kept as one value on the region (`regions.profile`). */
export type RegionProfile = {
  /** The practice this region started from; the settings below may differ from it since. */
  preset: PresetName;
  accessMode: AccessMode;
  planningMode: PlanningMode;
  places: PlaceOption[];
  /** 0 to 2 follow-up conversations after the first. */
  maxFollowUps: number;
  duoRequirement: DuoRequirement;
  reportForm: ReportForm;
  /** Used for referrals only; other sign-ups always get `resident_shares`. */
  referrerFeedback: ReferrerFeedback;
  afterContact: AfterContact;
  naasteMode: NaasteMode;
  /** The duo asks the six Positieve Gezondheid scores and the report draws them; a region may not use them. */
  scores: boolean;
};

/** The settings kept in plain columns of `regions`, next to the profile; a preset sets them too. */
export type RegionColumns = { minAge: number | null; maxAge: number | null; defaultDurationMinutes: 60 | 90; duoRule: 'warn' | 'block' };
export type Preset = { profile: RegionProfile; columns: RegionColumns };

const everyPlace = [...placeOptions];

// The practices as the source documents describe them. Where a source is silent the choice is the
// one nearest to the mission's own model (the resident in control); README "Region profiles" says
// per practice which settings come from the source and which are our choice.
export const presets: Record<PresetName, Preset> = {
  doetinchem: {
    profile: {
      preset: 'doetinchem',
      accessMode: 'open',
      planningMode: 'resident_picks',
      places: everyPlace,
      maxFollowUps: 2,
      duoRequirement: 'not_only_ggz',
      reportForm: 'four_questions',
      referrerFeedback: 'resident_shares',
      afterContact: 'duo',
      naasteMode: 'own_initiative',
      scores: true,
    },
    columns: { minAge: 18, maxAge: 65, defaultDurationMinutes: 60, duoRule: 'warn' },
  },
  amstelland: {
    profile: {
      preset: 'amstelland',
      accessMode: 'referral',
      planningMode: 'planner_calls',
      places: ['home', 'walk', 'stadskamer', 'library', 'community_centre', 'gp_practice'],
      maxFollowUps: 0,
      duoRequirement: 'ggz_and_social',
      reportForm: 'advies',
      referrerFeedback: 'unless_objects',
      afterContact: 'duo',
      naasteMode: 'own_initiative',
      scores: true,
    },
    columns: { minAge: null, maxAge: null, defaultDurationMinutes: 60, duoRule: 'block' },
  },
  breburg: {
    profile: {
      preset: 'breburg',
      accessMode: 'referral',
      planningMode: 'resident_picks',
      places: ['ggz', 'online'],
      maxFollowUps: 1,
      duoRequirement: 'ggz_and_other',
      reportForm: 'four_questions',
      referrerFeedback: 'with_consent',
      afterContact: 'referrer',
      naasteMode: 'own_initiative',
      scores: true,
    },
    columns: { minAge: null, maxAge: null, defaultDurationMinutes: 90, duoRule: 'block' },
  },
  nhn: {
    profile: {
      preset: 'nhn',
      accessMode: 'referral',
      planningMode: 'resident_picks',
      places: ['recovery', 'online'],
      maxFollowUps: 0,
      duoRequirement: 'ggz_and_peer',
      reportForm: 'four_questions',
      referrerFeedback: 'unless_objects',
      afterContact: 'referrer',
      naasteMode: 'own_initiative',
      scores: true,
    },
    columns: { minAge: 18, maxAge: 67, defaultDurationMinutes: 90, duoRule: 'block' },
  },
  maastricht: {
    profile: {
      preset: 'maastricht',
      accessMode: 'referral',
      planningMode: 'planner_calls',
      places: ['gp_practice'],
      maxFollowUps: 1,
      duoRequirement: 'mixed',
      reportForm: 'plan',
      referrerFeedback: 'with_consent',
      afterContact: 'referrer',
      naasteMode: 'ask',
      scores: true,
    },
    columns: { minAge: null, maxAge: null, defaultDurationMinutes: 60, duoRule: 'warn' },
  },
  utrecht_oost: {
    profile: {
      preset: 'utrecht_oost',
      accessMode: 'referral',
      planningMode: 'planner_calls',
      places: ['gp_practice'],
      maxFollowUps: 1,
      duoRequirement: 'poh_and_peer',
      reportForm: 'four_questions',
      referrerFeedback: 'resident_shares',
      afterContact: 'duo',
      naasteMode: 'own_initiative',
      scores: true,
    },
    columns: { minAge: null, maxAge: null, defaultDurationMinutes: 90, duoRule: 'block' },
  },
  ruwaard_oss: {
    profile: {
      preset: 'ruwaard_oss',
      accessMode: 'both',
      planningMode: 'planner_calls',
      places: ['home'],
      maxFollowUps: 2,
      duoRequirement: 'mixed',
      reportForm: 'plan',
      referrerFeedback: 'resident_shares',
      afterContact: 'duo',
      naasteMode: 'ask',
      scores: true,
    },
    columns: { minAge: null, maxAge: null, defaultDurationMinutes: 60, duoRule: 'warn' },
  },
};

export const DEFAULT_PROFILE: RegionProfile = presets.doetinchem.profile;

const oneOf = <T extends string>(list: readonly T[], v: unknown, fallback: T): T => (list.includes(v as T) ? (v as T) : fallback);

/**
 * A stored profile read back: a key added after the row was written takes the default's value, an
 * unknown value is replaced, so code reading a profile never meets a missing or foreign setting.
 */
export function readProfile(stored: unknown): RegionProfile {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof RegionProfile, unknown>>;
  const d = DEFAULT_PROFILE;
  const places = Array.isArray(s.places) ? placeOptions.filter((p) => (s.places as unknown[]).includes(p)) : d.places;
  const follow = typeof s.maxFollowUps === 'number' && Number.isInteger(s.maxFollowUps) ? s.maxFollowUps : d.maxFollowUps;
  return {
    preset: oneOf(presetNames, s.preset, d.preset),
    accessMode: oneOf(accessModes, s.accessMode, d.accessMode),
    planningMode: oneOf(planningModes, s.planningMode, d.planningMode),
    places: places.length ? places : d.places,
    maxFollowUps: Math.min(MAX_FOLLOW_UPS, Math.max(0, follow)),
    duoRequirement: oneOf(duoRequirements, s.duoRequirement, d.duoRequirement),
    reportForm: oneOf(reportForms, s.reportForm, d.reportForm),
    referrerFeedback: oneOf(referrerFeedbacks, s.referrerFeedback, d.referrerFeedback),
    afterContact: oneOf(afterContacts, s.afterContact, d.afterContact),
    naasteMode: oneOf(naasteModes, s.naasteMode, d.naasteMode),
    scores: typeof s.scores === 'boolean' ? s.scores : true,
  };
}

// ---- Access ----------------------------------------------------------------------------------

/** How a sign-up came in: the resident themselves, a partner on their behalf, or a referrer. */
export const signupVias = ['open', 'partner', 'referral'] as const;
export type SignupVia = (typeof signupVias)[number];

/** The public sign-up and a partner's sign-up on behalf are open access; a referral is the other way in. */
export const accepts = (profile: Pick<RegionProfile, 'accessMode'>, via: SignupVia): boolean =>
  via === 'referral' ? profile.accessMode !== 'open' : profile.accessMode !== 'referral';

// ---- The rules a sign-up keeps ---------------------------------------------------------------

/** What a sign-up keeps of its region's rules when it is made (`registrations.profile`). */
export type SignupProfile = Omit<RegionProfile, 'accessMode' | 'places' | 'naasteMode' | 'scores'> & {
  via: SignupVia;
  duoRule: 'warn' | 'block';
};

/** The rules a new sign-up starts with: a copy, so a later change of the region does not reach it. */
export function signupProfile(profile: RegionProfile, duoRule: 'warn' | 'block', via: SignupVia): SignupProfile {
  return {
    preset: profile.preset,
    via,
    planningMode: profile.planningMode,
    maxFollowUps: profile.maxFollowUps,
    duoRequirement: profile.duoRequirement,
    duoRule,
    reportForm: profile.reportForm,
    // Feedback to a referrer exists only where there is a referrer; an open sign-up's report goes
    // only where the resident sends it.
    referrerFeedback: via === 'referral' ? profile.referrerFeedback : 'resident_shares',
    afterContact: via === 'referral' ? profile.afterContact : 'duo',
  };
}

/** A sign-up's stored rules read back (rows from before profiles existed are Doetinchem's). */
export function readSignupProfile(stored: unknown): SignupProfile {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof SignupProfile, unknown>>;
  const base = readProfile(s);
  const via = oneOf(signupVias, s.via, 'open');
  return { ...signupProfile(base, oneOf(['warn', 'block'] as const, s.duoRule, 'warn'), via), preset: base.preset };
}

// ---- Places ----------------------------------------------------------------------------------

/** The catalogue kinds a region offers, in the order of `catalogueKinds`. */
export const offeredKinds = (profile: Pick<RegionProfile, 'places'>): CatalogueKind[] => catalogueKinds.filter((k) => profile.places.includes(k));

/** With a single place the resident has nothing to choose: the sign-up skips the place step. */
export const onlyPlace = (profile: Pick<RegionProfile, 'places'>): PlaceOption | null => (profile.places.length === 1 ? profile.places[0]! : null);

// ---- Follow-ups ------------------------------------------------------------------------------

/** All conversations a sign-up may have: the first and its follow-ups. */
export const maxConversations = (p: Pick<SignupProfile, 'maxFollowUps'>): number => 1 + p.maxFollowUps;

// ---- Who holds it ----------------------------------------------------------------------------

/** The disciplines a team member can have (`team_members.discipline`). */
// In the order of the database enum (new values go at the end).
export const disciplines = ['social_psychiatric_nurse', 'poh_ggz', 'psychologist', 'buurtcoach', 'peer_expert', 'social_worker', 'gp'] as const;
export type Discipline = (typeof disciplines)[number];

/** The groups the duo requirements speak of. */
export type DisciplineGroup = 'ggz' | 'social' | 'poh' | 'peer' | 'gp';
const groupOf: Record<Discipline, DisciplineGroup> = {
  social_psychiatric_nurse: 'ggz',
  psychologist: 'ggz',
  poh_ggz: 'poh',
  buurtcoach: 'social',
  social_worker: 'social',
  peer_expert: 'peer',
  gp: 'gp',
};
export const disciplineGroup = (d: Discipline): DisciplineGroup => groupOf[d];

export type DuoMember = { discipline: Discipline; countsAsGgz: boolean };

/**
 * Whether two people together meet the requirement. "GGZ" is the member's own flag (a buurtcoach may
 * be a trained nurse); the other groups come from the discipline.
 */
export function meetsRequirement(duo: DuoMember[], requirement: DuoRequirement): boolean {
  if (duo.length !== 2) return false;
  const ggz = (m: DuoMember) => m.countsAsGgz;
  const is = (g: DisciplineGroup) => (m: DuoMember) => disciplineGroup(m.discipline) === g;
  const pair = (a: (m: DuoMember) => boolean, b: (m: DuoMember) => boolean) => (a(duo[0]!) && b(duo[1]!)) || (b(duo[0]!) && a(duo[1]!));
  switch (requirement) {
    case 'not_only_ggz':
      return duo.some((m) => !ggz(m));
    case 'ggz_and_other':
      return pair(ggz, (m) => !ggz(m));
    case 'ggz_and_social':
      return pair(ggz, is('social'));
    case 'ggz_and_peer':
      return pair(ggz, is('peer'));
    case 'poh_and_peer':
      return pair(is('poh'), is('peer'));
    case 'mixed':
      return disciplineGroup(duo[0]!.discipline) !== disciplineGroup(duo[1]!.discipline);
  }
}

// ---- Feedback to the referrer ----------------------------------------------------------------

/**
 * The resident's answer about feedback to the referrer: `true` yes (with_consent), `false` no (an
 * objection, or a no at approval), `null` not given.
 */
export type FeedbackAnswer = boolean | null;

/** Whether the referrer may read the approved report. Without an approved version nothing goes anywhere. */
export function referrerMayRead(p: Pick<SignupProfile, 'via' | 'referrerFeedback'>, answer: FeedbackAnswer, approvedVersions: number): boolean {
  if (p.via !== 'referral' || approvedVersions < 1) return false;
  if (p.referrerFeedback === 'with_consent') return answer === true;
  if (p.referrerFeedback === 'unless_objects') return answer !== false;
  return false;
}

/** With consent, the resident is asked at approval; nothing is pre-ticked. */
export const asksConsentAtApproval = (p: Pick<SignupProfile, 'via' | 'referrerFeedback'>): boolean =>
  p.via === 'referral' && p.referrerFeedback === 'with_consent';

/** Unless objects: the resident may say no at any time before the first approval. */
export const mayObject = (p: Pick<SignupProfile, 'via' | 'referrerFeedback'>, approvedVersions: number): boolean =>
  p.via === 'referral' && p.referrerFeedback === 'unless_objects' && approvedVersions === 0;
