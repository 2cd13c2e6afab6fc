import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { users } from './accounts.ts';
import { locations } from './locations.ts';
import { regions } from './region.ts';

// A sign-up for a herstelgesprek. Everything a resident writes in their own words (topic, what
// would help, an address, the naaste, contact details) is sealed with AES-256-GCM (crypto/seal.ts):
// a copy of the database alone reveals none of it. Structured choices stay plain for planning.
export const registrationStatuses = ['received', 'contacted', 'planned', 'held', 'report_ready', 'cancelled'] as const;
export const registrationStatus = pgEnum('registration_status', registrationStatuses);

/** At home, one of the region's places (library, Stadskamer, GP, GGZ, online ...), a walk, or elsewhere. */
export const placeKinds = ['home', 'catalogue', 'walk', 'other'] as const;
export const placeKind = pgEnum('place_kind', placeKinds);

export const registrationSources = ['resident', 'partner'] as const;
export const registrationSource = pgEnum('registration_source', registrationSources);

export type Availability = { days: string[]; parts: string[]; asap: boolean; from: string | null };

export const registrations = pgTable(
  'registrations',
  {
    id: id(),
    /** What the resident and the team say on the phone: short, no look-alike letters. */
    reference: text('reference').notNull().unique(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    /** Null when the resident chose to go on without an account. */
    residentId: uuid('resident_id').references(() => users.id),
    source: registrationSource('source').notNull().default('resident'),
    status: registrationStatus('status').notNull().default('received'),
    /** Sealed JSON of everything personal: name, contact, topic, place details, naaste, needs. */
    sealedDetails: text('sealed_details').notNull(),
    birthYear: integer('birth_year').notNull(),
    postcodeArea: text('postcode_area').notNull(),
    placeKind: placeKind('place_kind').notNull(),
    locationId: uuid('location_id').references(() => locations.id),
    availability: jsonb('availability').$type<Availability>().notNull(),
    language: text('language').notNull(),
    interpreter: boolean('interpreter').notNull().default(false),
    withNaaste: boolean('with_naaste').notNull().default(false),
    consentVersion: text('consent_version').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    callMeAfterCancel: boolean('call_me_after_cancel').notNull().default(false),
    /** What a cancelled sign-up was before, so the resident can undo the cancel; cleared once staff act on it. */
    statusBeforeCancel: registrationStatus('status_before_cancel'),
    /** Set by the first conversation held: the waiting time to a first conversation. */
    firstConversationAt: timestamp('first_conversation_at', { withTimezone: true }),
    /** After the report, or the region's close_after_days after the last conversation. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Optimistic lock for planners: each planning change bumps it (planning_events says what). */
    planningVersion: integer('planning_version').notNull().default(1),
    /** Idempotency: the draft a sign-up came from, so a double submit makes one sign-up. */
    draftId: text('draft_id').unique(),
    ...timestamps,
  },
  (t) => [
    // The planner's queue (registrations/queue.ts): open sign-ups of a region in queue order, so a
    // page is a range read, not a sort of every sign-up. The predicate must match the query's.
    index('registrations_open_queue_idx')
      .on(t.regionId, t.createdAt, t.id)
      .where(sql`${t.status} in ('received', 'contacted', 'planned')`),
    // The waiting-time estimate reads only sign-ups that have had a first contact.
    index('registrations_contacted_idx')
      .on(t.regionId, t.createdAt)
      .where(sql`${t.firstContactAt} is not null`),
    index('registrations_first_conversation_idx')
      .on(t.regionId, t.createdAt)
      .where(sql`${t.firstConversationAt} is not null`),
    index('registrations_resident_idx').on(t.residentId),
  ],
);

// The sign-up while it is being filled in: on the server (sealed), for 7 days, found through a
// cookie whose token is stored only as a hash.
export const signupDrafts = pgTable(
  'signup_drafts',
  {
    id: text('id').primaryKey(),
    sealedAnswers: text('sealed_answers').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [index('signup_drafts_expires_idx').on(t.expiresAt)],
);
