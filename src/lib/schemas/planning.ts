import { z } from 'zod';
import { catalogueKinds, disciplines } from '../profile.ts';

// Planning forms (planner, duo, resident, naaste, admin). Messages are keys of the validation
// namespace, one per question; every string and list has a bound.
const msg = (key: string) => ({ error: `validation:planning.${key}` });
const id = (key: string) => z.uuid(msg(key));
const version = z.coerce.number(msg('version')).int().min(1).max(1_000_000);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('date'));
const time = z.string().regex(/^\d{2}:\d{2}$/, msg('time'));
const duration = z.coerce.number(msg('duration')).refine((n) => n === 60 || n === 90, msg('duration'));
const optionalDate = z.union([z.literal(''), date]).optional();
const optionalTime = z.union([z.literal(''), time]).optional();

export const contactSchema = z.object({ registration: id('registration'), version, note: z.string().trim().max(500, msg('note')).default('') });

// The length and one to three moments of a proposal (MomentFields.astro), read by momentsOf.
const moments = {
  duration,
  date1: date,
  time1: time,
  date2: optionalDate,
  time2: optionalTime,
  date3: optionalDate,
  time3: optionalTime,
};

export const proposeSchema = z.object({
  registration: id('registration'),
  version,
  memberA: id('memberA'),
  memberB: id('memberB'),
  ...moments,
});

/** A duo member proposes the next conversation of a sign-up whose conversation they held. */
export const followUpSchema = z.object({
  conversation: id('conversation'),
  version,
  ...moments,
});

export const phoneSchema = z.object({ registration: id('registration'), version, date, time, duration });

/** "Bel de inwoner": the duo and the one moment agreed on the phone (planning mode planner_calls). */
// Field names of their own: the page may show this form next to a proposal's (ids stay apart).
export const agreedSchema = z.object({
  registration: id('registration'),
  version,
  agreedA: id('memberA'),
  agreedB: id('memberB'),
  agreedDuration: duration,
  agreedDate: date,
  agreedTime: time,
});

export const pickSchema = z.object({ registration: id('registration'), proposal: id('proposal') });
export const askSchema = z.object({
  registration: id('registration'),
  kind: z.enum(['other_moment', 'move', 'follow_up'], msg('kind')),
  message: z.string().trim().max(500, msg('message')).default(''),
});
export const handleRequestSchema = z.object({ registration: id('registration'), request: id('request') });
/** A planner moves a sign-up to another region (issue 19). */
export const moveRegionSchema = z.object({ registration: id('registration'), version, region: id('region') });
export const withdrawSchema = z.object({ registration: id('registration'), conversation: id('conversation') });
export const naasteAnswerSchema = z.object({ token: z.string().min(20).max(64), answer: z.enum(['yes', 'no'], msg('answer')) });
export const outcomeSchema = z.object({ conversation: id('conversation'), version, outcome: z.enum(['held', 'no_show', 'cancelled'], msg('outcome')) });

const dayKeys = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
const yesNo = (key: string) => z.enum(['ja', 'nee'], msg(key));
/** What the admin can set for a member when adding them and change later. */
const memberPlanning = {
  countsAsGgz: yesNo('countsAsGgz'),
  languages: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(\s*,\s*[a-z]{2}){0,9}$/, msg('languages')),
  workingDays: z
    .array(z.enum(dayKeys, msg('workingDays')))
    .min(1, msg('workingDays'))
    .max(7, msg('workingDays')),
};
export const memberSchema = z.object({
  name: z.string().trim().min(1, msg('memberName')).max(100, msg('memberName')),
  email: z.email(msg('memberEmail')).max(254, msg('memberEmail')),
  discipline: z.enum(disciplines, msg('discipline')),
  ...memberPlanning,
});
export const changeMemberSchema = z.object({ member: id('member'), active: yesNo('memberActive'), ...memberPlanning });
/** Switching a place or an offer on or off: one button, the id and the new state hidden in the form. */
export const switchSchema = z.object({ item: id('item'), active: yesNo('item') });

export const placeSchema = z.object({
  placeName: z.string().trim().min(1, msg('placeName')).max(100, msg('placeName')),
  kind: z.enum(catalogueKinds, msg('placeKind')),
  street: z.string().trim().max(100, msg('street')).default(''),
  postcode: z.string().trim().max(10, msg('postcode')).default(''),
  city: z.string().trim().max(60, msg('city')).default(''),
  accessibilityNl: z.string().trim().max(500, msg('accessibility')).default(''),
  accessibilityEn: z.string().trim().max(500, msg('accessibility')).default(''),
});

export const offerSchema = z.object({
  kind: z.enum(['recovery_college', 'e_community', 'recovery_group', 'peer_support', 'debt_help', 'wmo', 'ggz', 'other'], msg('offerKind')),
  offerNameNl: z.string().trim().min(1, msg('offerName')).max(100, msg('offerName')),
  offerNameEn: z.string().trim().max(100, msg('offerName')).default(''),
  descriptionNl: z.string().trim().min(1, msg('offerDescription')).max(400, msg('offerDescription')),
  descriptionEn: z.string().trim().max(400, msg('offerDescription')).default(''),
  url: z.union([z.literal(''), z.url({ protocol: /^https?$/, ...msg('url') }).max(300, msg('url'))]).default(''),
});
