import { z } from 'zod';
import {
  accessModes,
  afterContacts,
  duoRequirements,
  MAX_FOLLOW_UPS,
  naasteModes,
  placeOptions,
  planningModes,
  presetNames,
  referrerFeedbacks,
  reportForms,
} from '../profile.ts';

// The region admin's settings (/team/beheer/regio): the planning numbers and the region's way of
// working (profile.ts). Messages are keys of the validation namespace, one per question.
const msg = (key: string) => ({ error: `validation:planning.${key}` });
const whole = (key: string, min: number, max: number) => z.coerce.number(msg(key)).int(msg(key)).min(min, msg(key)).max(max, msg(key));
const age = z.string().trim().max(4).optional();

export const settingsSchema = z
  .object({
    /** The preset the form was filled from ("Start from a practice"); the profile remembers it. */
    preset: z.enum(presetNames, msg('preset')),
    /** Set by the second submit, after the admin saw how many sign-ups are under way. */
    confirm: z.literal('ja').optional(),
    ageLimit: z.enum(['none', 'range'], msg('ageLimit')),
    minAge: age,
    maxAge: age,
    defaultDuration: z.coerce.number(msg('duration')).refine((n) => n === 60 || n === 90, msg('duration')),
    reminderLeadHours: whole('reminderLeadHours', 1, 168),
    retentionDays: whole('retentionDays', 30, 3650),
    closeAfterDays: whole('closeAfterDays', 7, 730),
    expectedContactDays: whole('expectedContactDays', 1, 90),
    travelBufferMinutes: whole('travelBufferMinutes', 0, 180),
    duoRule: z.enum(['warn', 'block'], msg('duoRule')),
    accessMode: z.enum(accessModes, msg('accessMode')),
    planningMode: z.enum(planningModes, msg('planningMode')),
    places: z
      .array(z.enum(placeOptions, msg('places')), msg('places'))
      .min(1, msg('places'))
      .max(placeOptions.length, msg('places'))
      .refine((l) => new Set(l).size === l.length, msg('places')),
    maxFollowUps: whole('maxFollowUps', 0, MAX_FOLLOW_UPS),
    duoRequirement: z.enum(duoRequirements, msg('duoRequirement')),
    reportForm: z.enum(reportForms, msg('reportForm')),
    referrerFeedback: z.enum(referrerFeedbacks, msg('referrerFeedback')),
    afterContact: z.enum(afterContacts, msg('afterContact')),
    naasteMode: z.enum(naasteModes, msg('naasteMode')),
    scores: z.enum(['yes', 'no'], msg('scores')),
  })
  .superRefine((s, ctx) => {
    const issue = (path: string, key: string) => ctx.addIssue({ code: 'custom', path: [path], message: `validation:planning.${key}` });
    if (s.ageLimit === 'range') {
      const min = Number(s.minAge);
      const max = Number(s.maxAge);
      const minOk = /^\d{1,3}$/.test(s.minAge ?? '') && min >= 12 && min <= 100;
      const maxOk = /^\d{1,3}$/.test(s.maxAge ?? '') && max >= 12 && max <= 120;
      if (!minOk) issue('minAge', 'minAge');
      if (!maxOk || (minOk && max < min)) issue('maxAge', 'maxAge');
    }
    // Without referrals there is no referrer to send anything to or to contact: an open region's
    // sign-ups always get "only what the resident shares" and the duo (profile.ts signupProfile).
    if (s.accessMode === 'open' && s.referrerFeedback !== 'resident_shares') issue('referrerFeedback', 'referrerFeedbackOpen');
    if (s.accessMode === 'open' && s.afterContact === 'referrer') issue('afterContact', 'afterContactOpen');
  })
  .transform(({ ageLimit, minAge, maxAge, confirm, scores, ...rest }) => ({
    ...rest,
    scores: scores === 'yes',
    confirmed: confirm === 'ja',
    minAge: ageLimit === 'range' ? Number(minAge) : null,
    maxAge: ageLimit === 'range' ? Number(maxAge) : null,
  }));

export type SettingsInput = z.output<typeof settingsSchema>;
