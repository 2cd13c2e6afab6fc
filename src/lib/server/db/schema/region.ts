import { integer, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';

/** Whether a duo without a member who is not a GGZ professional is only flagged or refused. */
export const duoRules = ['warn', 'block'] as const;
export const duoRule = pgEnum('duo_rule', duoRules);

// One row per region the portal serves. The age range is a subsidy condition, not a rule of the
// conversation, so it is a setting; the postcode areas decide who is "in the region".
export const regions = pgTable('regions', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  minAge: integer('min_age').notNull().default(18),
  maxAge: integer('max_age').notNull().default(65),
  /** Four-digit postcode areas (e.g. "7001"); a sign-up with another postcode is outside the region. */
  postcodeAreas: text('postcode_areas').array().notNull().default([]),
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
  ...timestamps,
});
