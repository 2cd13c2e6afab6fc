import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Counters for anything guessable (sign-in, codes, resets), in PostgreSQL so they hold across
// instances. One row per key (e.g. "signin:account:<hash>"), a fixed window plus a lock.
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
    /** Failures in a row, for the growing delay; reset by a success. */
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [index('rate_limits_window_idx').on(t.windowStart)],
);

// The access log (NEN 7513 style): who, in which role, looked at or changed whose data, what,
// when, and on whose authority. Append-only: a trigger (migration 0002) refuses UPDATE and DELETE.
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when nobody is signed in (a failed sign-in, a reset request). */
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    /** Whose data: the person the action is about. */
    subjectId: uuid('subject_id'),
    /** What: e.g. "session", "account", later "registration:<id>" or "report:<id>". */
    object: text('object').notNull(),
    action: text('action').notNull(),
    /** On whose authority: "self", "role:admin", "share:<id>", ... */
    authority: text('authority').notNull(),
    /** The client address, truncated (/24 for IPv4, /48 for IPv6): enough to see a pattern. */
    ipPrefix: text('ip_prefix'),
    detail: jsonb('detail').$type<Record<string, string | number | boolean>>(),
  },
  (t) => [index('access_log_subject_idx').on(t.subjectId, t.at), index('access_log_actor_idx').on(t.actorId, t.at)],
);

export const mailStatuses = ['pending', 'sent', 'failed', 'held'] as const;

// Every e-mail is written here first, in the same transaction as what caused it, then sent by
// the mail worker with retries: a mail server that is down loses nothing. Without SMTP (demo)
// messages stay "held" and the demo mailbox shows them.
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * The whole message (recipient, sender name, subject, text, html) as sealed JSON: its links
     * reopen drafts and accounts, so whoever reads the database must not be able to use them.
     * Emptied once sent.
     */
    sealedMessage: text('sealed_message'),
    /** Messages written before they were sealed; the boot seals any such row and empties these. */
    to: text('to'),
    subject: text('subject'),
    text: text('text'),
    html: text('html'),
    status: text('status', { enum: mailStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

// A form that makes something (a proposal, a share, an approval) carries a random key; the first
// request with it does the work and keeps its answer here, so a double click, a retry after a
// timeout or a write that runs late gets that same answer instead of making a second thing.
// The answer is sealed (a share's access code is in it); housekeeping deletes rows after a day.
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** HMAC of who, which action and the form's key: one person cannot reach another's answer. */
    keyHash: text('key_hash').primaryKey(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    /** Sealed JSON; null only inside the transaction that is doing the work. */
    sealedResult: text('sealed_result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('idempotency_keys_created_idx').on(t.createdAt)],
);
