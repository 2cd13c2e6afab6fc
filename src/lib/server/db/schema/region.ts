import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';

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
  ...timestamps,
});
