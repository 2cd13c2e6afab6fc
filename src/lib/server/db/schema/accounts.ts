import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { regions } from './region.ts';

import { roleNames } from '../../../roles.ts';

export { roleNames, regionRoleNames, type Role, type RegionRole } from '../../../roles.ts';
export const role = pgEnum('role', roleNames);

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Stored lower-cased, so one address is one account whatever its spelling. */
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /** argon2id; null for an invited person who has not chosen a password yet. */
    passwordHash: text('password_hash'),
    /** Roles of the account itself: `resident`, `platform`. Roles in a region are memberships. */
    roles: role('roles').array().notNull(),
    name: text('name'),
    /** Partner organisation (e.g. "Buurtteam Oost"), shown to the team next to sign-ups. */
    organisation: text('organisation'),
    /** E-mails go out in this language. */
    language: text('language').notNull().default('nl'),
    /** The TOTP secret, sealed with the encryption key (see crypto/seal.ts). */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** Set by an admin (a partner who left): every session stops at once; their sign-ups stay with the residents. */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
);

export const tokenPurposes = ['email_confirmation', 'password_reset', 'invitation', 'email_change'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];
export const tokenPurpose = pgEnum('token_purpose', tokenPurposes);

// Single-use secrets sent by e-mail. Only SHA-256 hashes are stored: the link token's hash is the
// key; a short numeric code (e-mail confirmation) is hashed with the user id as well.
export const userTokens = pgTable(
  'user_tokens',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: tokenPurpose('purpose').notNull(),
    codeHash: text('code_hash'),
    /** For an e-mail change: the new address (sealed JSON), confirmed by the link sent to it. */
    sealedData: text('sealed_data'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('user_tokens_user_purpose_idx').on(t.userId, t.purpose)],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('recovery_codes_user_idx')
      .on(t.userId)
      .where(sql`${t.usedAt} is null`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token, hex. The token itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Idle expiry, pushed forward while the person is active. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Absolute expiry: never pushed forward. */
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    /** Partner and team sessions count only after the second factor. */
    twoFactorVerifiedAt: timestamp('two_factor_verified_at', { withTimezone: true }),
    /** The region a person with roles in several regions works in now (auth/region-choice.ts). */
    regionId: uuid('region_id').references(() => regions.id),
    /** Last time the person proved it is them (password or TOTP), for sensitive actions. */
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
    ipPrefix: text('ip_prefix'),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

// A partner's or team member's roles, each in one region: the region's admin gives and takes them,
// and every staff and partner query is scoped to the regions these rows name.
export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    role: role('role').notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionId, t.role] }), index('memberships_region_idx').on(t.regionId, t.role)],
);
