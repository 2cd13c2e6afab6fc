import { boolean, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { DEFAULT_PROFILE, type RegionProfile } from '../../../profile.ts';

/** Whether a duo without a member who is not a GGZ professional is only flagged or refused. */
export const duoRules = ['warn', 'block'] as const;
export const duoRule = pgEnum('duo_rule', duoRules);

// One row per region the portal serves; one deployment serves many (see region/directory.ts). The
// age range is a subsidy condition, not a rule of the conversation, so it is a setting; the postcode
// areas decide which region a resident is in, and never overlap between active regions (checked by
// region/platform.ts under a lock, since an array column cannot carry that constraint).
export const regions = pgTable('regions', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Null: no lower (or upper) age limit, as in most practices that work by referral. */
  minAge: integer('min_age').default(18),
  maxAge: integer('max_age').default(65),
  /** Four-digit postcode areas (e.g. "7001"): a postcode in one of them signs up in this region. */
  postcodeAreas: text('postcode_areas').array().notNull().default([]),
  /** Host names (lower case, no port) on which every public page is this region's. */
  hostNames: text('host_names').array().notNull().default([]),
  /** Switched off by the platform admin: no new sign-ups; its data and residents' access stay. */
  active: boolean('active').notNull().default(true),
  /** Shown as the expected time until first contact while there is too little real data. */
  expectedContactDays: integer('expected_contact_days').notNull().default(10),
  /** A partner's sign-up the resident has not confirmed: remind the partner after this many days ... */
  confirmationReminderDays: integer('confirmation_reminder_days').notNull().default(14),
  /** ... and delete it after this many (the confirmation code expires then too). */
  confirmationDeleteDays: integer('confirmation_delete_days').notNull().default(30),
  contactEmail: text('contact_email').notNull(),
  contactPhone: text('contact_phone').notNull(),
  /** 60 or 90: the length a planner's proposal starts with. */
  defaultDurationMinutes: integer('default_duration_minutes').notNull().default(60),
  /** How long before a confirmed conversation the reminder goes out. */
  reminderLeadHours: integer('reminder_lead_hours').notNull().default(24),
  /** Kept after a sign-up closes, then erased (housekeeping). */
  retentionDays: integer('retention_days').notNull().default(365),
  /** A sign-up without a report closes this many days after its last conversation. */
  closeAfterDays: integer('close_after_days').notNull().default(90),
  duoRule: duoRule('duo_rule').notNull().default('warn'),
  /** Minutes a member needs between conversations at two different places (none for online). */
  travelBufferMinutes: integer('travel_buffer_minutes').notNull().default(30),
  /**
   * The region's way of working (profile.ts): access, planning, places, follow-ups, duo rule, report
   * form, feedback to a referrer. One value, validated on save and read through `readProfile`.
   */
  profile: jsonb('profile').$type<RegionProfile>().notNull().default(DEFAULT_PROFILE),
  ...timestamps,
});
