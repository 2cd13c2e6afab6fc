import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { users } from './accounts.ts';
import { locations } from './locations.ts';
import { placeKind, registrations } from './registrations.ts';
import { regions } from './region.ts';
import { teamMembers } from './team.ts';

// Planning a herstelgesprek (planning/): a sign-up has one or more conversations (a second or
// third is a follow-up), each held by a duo of two team members at the place the resident chose.
export const conversationStatuses = ['proposed', 'confirmed', 'held', 'no_show', 'cancelled'] as const;
export const conversationStatus = pgEnum('conversation_status', conversationStatuses);

/** How a moment was agreed: the resident picked a proposal in /mijn, or the planner on the phone. */
export const confirmedVias = ['resident', 'phone'] as const;
export const confirmedVia = pgEnum('confirmed_via', confirmedVias);

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    /** 1 for the first conversation, 2 and 3 for follow-ups. */
    sequence: integer('sequence').notNull(),
    status: conversationStatus('status').notNull().default('proposed'),
    /** Null while proposed: the moment is one of conversation_proposals until someone picks. */
    startsAt: timestamp('starts_at', { withTimezone: true }),
    durationMinutes: integer('duration_minutes').notNull(),
    /** A copy of the resident's choice when planned, so a later change of the sign-up shows. */
    placeKind: placeKind('place_kind').notNull(),
    locationId: uuid('location_id').references(() => locations.id),
    confirmedVia: confirmedVia('confirmed_via'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** When the duo recorded held / no show / cancelled, and who did. */
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    outcomeBy: uuid('outcome_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    plannedBy: uuid('planned_by').references(() => users.id),
    /** Optimistic lock: every change sets version = version + 1 where version = what the actor saw. */
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('conversations_registration_sequence_idx').on(t.registrationId, t.sequence),
    // The duo's calendar and the reminder job read confirmed conversations by time.
    index('conversations_confirmed_starts_idx')
      .on(t.regionId, t.startsAt)
      .where(sql`${t.status} = 'confirmed'`),
  ],
);

// The two people who hold a conversation. A row per member so "my conversations" and the
// conflict check are index reads by member.
export const conversationDuo = pgTable(
  'conversation_duo',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    teamMemberId: uuid('team_member_id')
      .notNull()
      .references(() => teamMembers.id),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.teamMemberId] }), index('conversation_duo_member_idx').on(t.teamMemberId)],
);

/** One to three moments a planner offers; the resident picks one (chosen_at) or asks for another. */
export const conversationProposals = pgTable(
  'conversation_proposals',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    chosenAt: timestamp('chosen_at', { withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('conversation_proposals_conversation_idx').on(t.conversationId)],
);

export const naasteAnswers = ['yes', 'no'] as const;
export const naasteAnswer = pgEnum('naaste_answer', naasteAnswers);

// The naaste has no account: a link whose token is stored only as its SHA-256 (hex), valid until
// the conversation is over. The naaste's name and address stay in the sign-up's sealed details.
export const naasteInvitations = pgTable(
  'naaste_invitations',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    answer: naasteAnswer('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('naaste_invitations_conversation_idx').on(t.conversationId)],
);

export const reminderRecipients = ['resident', 'naaste'] as const;
export const reminderRecipient = pgEnum('reminder_recipient', reminderRecipients);

// Reminder bookkeeping for the scheduled job: a row per conversation and recipient, claimed with
// FOR UPDATE SKIP LOCKED so that with several instances each reminder is written once.
export const conversationReminders = pgTable(
  'conversation_reminders',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    recipient: reminderRecipient('recipient').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.recipient] }),
    index('conversation_reminders_due_idx')
      .on(t.dueAt)
      .where(sql`${t.sentAt} is null`),
  ],
);

/** "Contact gehad": when and by whom, with a short note sealed like everything else written about a resident. */
export const contactNotes = pgTable(
  'contact_notes',
  {
    id: id(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id),
    sealedNote: text('sealed_note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contact_notes_registration_idx').on(t.registrationId, t.at)],
);

export const planningRequestKinds = ['other_moment', 'move', 'follow_up'] as const;
export const planningRequestKind = pgEnum('planning_request_kind', planningRequestKinds);

/** What a resident asks of the planners in /mijn: another moment, a move, a follow-up. */
export const planningRequests = pgTable(
  'planning_requests',
  {
    id: id(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    kind: planningRequestKind('kind').notNull(),
    sealedMessage: text('sealed_message'),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('planning_requests_open_idx')
      .on(t.registrationId)
      .where(sql`${t.handledAt} is null`),
  ],
);

// Every planning change to a sign-up, numbered by the sign-up's version: a planner acting on a
// stale version is shown the events after the version they saw ("what changed").
export const planningEvents = pgTable(
  'planning_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('planning_events_registration_idx').on(t.registrationId, t.version)],
);
