import { presetNames, presets, type PresetName, type RegionProfile } from './profile.ts';

// The admin's settings form (/team/beheer/regio) as form values: from the region as it is, from a
// preset ("Start from a practice", nothing saved yet) or from a save that waits for confirmation.

/** The settings the form shows: the region's plain columns and its profile. */
export type SettingsShown = {
  minAge: number | null;
  maxAge: number | null;
  defaultDurationMinutes: number;
  reminderLeadHours: number;
  retentionDays: number;
  closeAfterDays: number;
  expectedContactDays: number;
  travelBufferMinutes: number;
  duoRule: 'warn' | 'block';
  profile: RegionProfile;
};

/** Every field as the form posts it; a list comma-joined, as `typedValues` gives it back after a failure. */
export function settingsValues(s: SettingsShown): Record<string, string> {
  const { profile: p } = s;
  const noLimit = s.minAge === null && s.maxAge === null;
  return {
    preset: p.preset,
    ageLimit: noLimit ? 'none' : 'range',
    minAge: s.minAge === null ? '' : String(s.minAge),
    maxAge: s.maxAge === null ? '' : String(s.maxAge),
    defaultDuration: String(s.defaultDurationMinutes),
    reminderLeadHours: String(s.reminderLeadHours),
    retentionDays: String(s.retentionDays),
    closeAfterDays: String(s.closeAfterDays),
    expectedContactDays: String(s.expectedContactDays),
    travelBufferMinutes: String(s.travelBufferMinutes),
    duoRule: s.duoRule,
    accessMode: p.accessMode,
    planningMode: p.planningMode,
    places: p.places.join(','),
    maxFollowUps: String(p.maxFollowUps),
    duoRequirement: p.duoRequirement,
    reportForm: p.reportForm,
    referrerFeedback: p.referrerFeedback,
    afterContact: p.afterContact,
    naasteMode: p.naasteMode,
    scores: p.scores ? 'yes' : 'no',
  };
}

/** A preset named in the address (`?werkwijze=`), or null for anything else. */
export const presetFrom = (value: string | null): PresetName | null => (presetNames.includes(value as PresetName) ? (value as PresetName) : null);

/**
 * The form filled from a preset: its profile and its columns (ages, length, duo rule); the numbers a
 * preset does not speak of (reminders, retention ...) stay the region's own.
 */
export const presetValues = (name: PresetName, current: SettingsShown): Record<string, string> =>
  settingsValues({ ...current, ...presets[name].columns, profile: presets[name].profile });
