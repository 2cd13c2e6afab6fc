import { boolean, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { users } from './accounts.ts';
import { regions } from './region.ts';
import { disciplines } from '../../../profile.ts';

export { disciplines };

// A duo is drawn from one mixed team; the discipline matters for planning (not always a GGZ
// professional, sometimes a peer expert), so it is recorded per person.
export const discipline = pgEnum('discipline', disciplines);

export const teamMembers = pgTable(
  'team_members',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    /** The worker account this member signs in with; it decides which conversations they see. */
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    discipline: discipline('discipline').notNull(),
    /**
     * Whether this person counts as a GGZ professional for the region's duo rule. Kept apart from
     * the discipline: a buurtcoach may be a trained nurse, a POH-GGZ is not always counted.
     */
    countsAsGgz: boolean('counts_as_ggz').notNull().default(false),
    /** Languages the member holds a conversation in (ISO 639-1, "nl", "en", "tr" ...). */
    languages: text('languages').array().notNull().default(['nl']),
    /** Working days as the sign-up's day keys ("ma" ... "zo"), for the duo picker's hints. */
    workingDays: text('working_days').array().notNull().default(['ma', 'di', 'wo', 'do', 'vr']),
    email: text('email').notNull(),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  // A person may work in several regions: one member row (and one account) in each.
  (t) => [
    index('team_members_region_idx').on(t.regionId, t.active),
    uniqueIndex('team_members_region_user_idx').on(t.regionId, t.userId),
    uniqueIndex('team_members_region_email_idx').on(t.regionId, t.email),
    index('team_members_user_idx').on(t.userId),
  ],
);
