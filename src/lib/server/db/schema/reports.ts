import { boolean, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { users } from './accounts.ts';
import { registrations } from './registrations.ts';
import { conversations } from './planning.ts';
import { reportStatuses } from '../../reports/rules.ts';
import { relations, scopes } from '../../sharing/rules.ts';
import { reportForms } from '../../../profile.ts';

export const reportForm = pgEnum('report_form', reportForms);

// The short report of one held conversation, written by its duo with the resident. Everything in
// it is the resident's story, so all of it is sealed (crypto/seal.ts); plain columns hold only
// what decides who may read it.
export const reportStatus = pgEnum('report_status', reportStatuses);

export const reports = pgTable(
  'reports',
  {
    id: id(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    /** One report per held conversation; a follow-up conversation gets its own. */
    conversationId: uuid('conversation_id')
      .notNull()
      .unique()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    status: reportStatus('status').notNull().default('draft'),
    /** The four questions, an advice or a plan: the sign-up's rule when the report was begun. */
    form: reportForm('form').notNull().default('four_questions'),
    /** The version being written or read now; approved ones are kept in report_versions. */
    version: integer('version').notNull().default(1),
    /** Sealed JSON: the four questions, strengths, next steps, offers, scores. */
    sealedContent: text('sealed_content').notNull(),
    /** Sealed: the resident's own words added to this version ("mijn aanvulling"). */
    sealedAddition: text('sealed_addition'),
    /** Sealed: what the resident asked to change. */
    sealedChangeRequest: text('sealed_change_request'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('reports_registration_idx').on(t.registrationId)],
);

export const approvalKinds = ['resident', 'phone'] as const;
export const approvalKind = pgEnum('report_approval', approvalKinds);

/** Every approved version, final: the resident reads the history, shares show the latest. */
export const reportVersions = pgTable(
  'report_versions',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Sealed JSON of the content and the resident's addition as approved. */
    sealedContent: text('sealed_content').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull().defaultNow(),
    approvedVia: approvalKind('approved_via').notNull(),
    /** The team member who wrote down an approval given by phone. */
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (t) => [unique('report_versions_report_version_key').on(t.reportId, t.version)],
);

export const shareRelation = pgEnum('share_relation', relations);
export const shareScope = pgEnum('share_scope', scopes);

// A resident's decision to let one named person read their approved report until a date.
// The link's token is kept only as SHA-256 and the access code only as an HMAC.
export const reportShares = pgTable(
  'report_shares',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    codeHash: text('code_hash').notNull(),
    /** Sealed JSON: recipient name, e-mail, the resident's message. */
    sealedRecipient: text('sealed_recipient').notNull(),
    relation: shareRelation('relation').notNull(),
    scope: shareScope('scope').notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Wrong codes in a row; five lock the share until the resident renews it. */
    codeFailures: integer('code_failures').notNull().default(0),
    notifyFirstOpen: boolean('notify_first_open').notNull().default(false),
    firstOpenedAt: timestamp('first_opened_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('report_shares_resident_idx').on(t.residentId, t.createdAt)],
);
