import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { users } from './accounts.ts';
import { locations } from './locations.ts';
import { regions } from './region.ts';
import type { SignupProfile } from '../../../profile.ts';

// A sign-up for a herstelgesprek. Everything a resident writes in their own words (topic, what
// would help, an address, the naaste, contact details) is sealed with AES-256-GCM (crypto/seal.ts):
// a copy of the database alone reveals none of it. Structured choices stay plain for planning.
// `awaiting_confirmation`: a partner signed the resident up; nothing goes ahead until the resident
// (or a planner, after a phone call) confirms it.
export const registrationStatuses = ['awaiting_confirmation', 'received', 'contacted', 'planned', 'held', 'report_ready', 'cancelled'] as const;
export const registrationStatus = pgEnum('registration_status', registrationStatuses);

/** At home, one of the region's places (library, Stadskamer, GP, GGZ, online ...), a walk, or elsewhere. */
export const placeKinds = ['home', 'catalogue', 'walk', 'other'] as const;
export const placeKind = pgEnum('place_kind', placeKinds);

export const registrationSources = ['resident', 'partner'] as const;
export const registrationSource = pgEnum('registration_source', registrationSources);

/** How the resident agreed to a partner's sign-up: with the partner, or on the phone. */
export const partnerConsentMethods = ['in_person', 'phone'] as const;
export const partnerConsentMethod = pgEnum('partner_consent_method', partnerConsentMethods);

/** Whom the team contacts: the resident directly, or the partner as the resident's contact person. */
export const contactPersons = ['resident', 'partner'] as const;
export const contactPerson = pgEnum('contact_person', contactPersons);

/** How a partner's sign-up was confirmed: the mailed link, reference + code, or a planner after a call. */
export const confirmationMethods = ['link', 'code', 'phone'] as const;
export const confirmationMethod = pgEnum('confirmation_method', confirmationMethods);

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
    /**
     * Keyed hashes (crypto/keyed-hash.ts) of the normalised e-mail address and phone number: a
     * second sign-up of the same person is found without keeping contact details in plain text.
     */
    contactEmailHash: text('contact_email_hash'),
    contactPhoneHash: text('contact_phone_hash'),
    // A sign-up made by a partner (source = 'partner'). The partner keeps only what the resident
    // allows; the resident can end the partner's access, after which the partner sees nothing.
    partnerId: uuid('partner_id').references(() => users.id, { onDelete: 'set null' }),
    partnerConsentMethod: partnerConsentMethod('partner_consent_method'),
    partnerConsentAt: timestamp('partner_consent_at', { withTimezone: true }),
    partnerConsentVersion: text('partner_consent_version'),
    contactPerson: contactPerson('contact_person').notNull().default('resident'),
    /** The resident wants the partner to see the status and the planned date. */
    partnerInformed: boolean('partner_informed').notNull().default(false),
    partnerAccessRemovedAt: timestamp('partner_access_removed_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmationMethod: confirmationMethod('confirmation_method'),
    /** The planner who recorded "telefonisch bevestigd". */
    confirmedById: uuid('confirmed_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** When housekeeping reminded the partner of an unconfirmed sign-up (once). */
    partnerRemindedAt: timestamp('partner_reminded_at', { withTimezone: true }),
    /**
     * The region's rules as they were when the sign-up was made (profile.ts `SignupProfile`): its
     * conversations and reports keep them when the region changes a setting. Read with
     * `readSignupProfile`. Rows from before profiles got Doetinchem's (migration 0014).
     */
    profile: jsonb('profile').$type<SignupProfile>().notNull(),
    // A referral is a sign-up on behalf (source 'partner', partner_id the referrer) with the
    // referrer's practice and a short reason, sealed like everything the team writes about a person.
    referral: boolean('referral').notNull().default(false),
    referrerPractice: text('referrer_practice'),
    sealedReferralReason: text('sealed_referral_reason'),
    /** The resident's answer on feedback to the referrer (profile.ts `referrerMayRead`): yes, no, or not given. */
    referrerFeedbackAnswer: boolean('referrer_feedback_answer'),
    referrerFeedbackAt: timestamp('referrer_feedback_at', { withTimezone: true }),
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
    index('registrations_partner_idx').on(t.partnerId, t.createdAt),
    index('registrations_contact_email_idx').on(t.regionId, t.contactEmailHash),
    index('registrations_contact_phone_idx').on(t.regionId, t.contactPhoneHash),
    // The partner's sign-ups that wait for the resident, per region in queue order: the list above
    // the planner queue and the queue's "awaiting confirmation" filter (partner/team.ts, queue.ts).
    // Unconfirmed rather than by status, as below: confirming sets confirmed_at, so these are the
    // sign-ups awaiting confirmation.
    index('registrations_awaiting_idx')
      .on(t.regionId, t.createdAt, t.id)
      .where(sql`${t.source} = 'partner' and ${t.confirmedAt} is null`),
    // Housekeeping reads only the partner's sign-ups that still wait for the resident. (Not by
    // status: a new enum value cannot be used in the migration's own transaction.)
    index('registrations_unconfirmed_idx')
      .on(t.createdAt)
      .where(sql`${t.source} = 'partner' and ${t.confirmedAt} is null`),
  ],
);

// What lets a resident confirm a partner's sign-up: a link token (mailed) and a short code (on the
// letter), both stored only as hashes, single use, 30 days. A new letter revokes the earlier row,
// which also ends a lock after five wrong codes.
export const registrationConfirmations = pgTable(
  'registration_confirmations',
  {
    id: id(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    /** SHA-256 of the link token; null when there was no e-mail address to send a link to. */
    tokenHash: text('token_hash').unique(),
    /** Keyed hash of reference + code (a plain hash of a short code is undone by trying them all). */
    codeHash: text('code_hash').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('registration_confirmations_registration_idx').on(t.registrationId)],
);

// The sign-up while it is being filled in: on the server (sealed), for 7 days, found through a
// cookie whose token is stored only as a hash.
export const signupDrafts = pgTable(
  'signup_drafts',
  {
    id: text('id').primaryKey(),
    sealedAnswers: text('sealed_answers').notNull(),
    /** Set for a partner's draft: only that partner can go on with it. */
    partnerId: uuid('partner_id').references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [index('signup_drafts_expires_idx').on(t.expiresAt)],
);
