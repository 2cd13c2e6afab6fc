import { boolean, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { regions } from './region.ts';

// A duo is drawn from one mixed team; the discipline matters for planning (not always a GGZ
// professional, sometimes a peer expert), so it is recorded per person.
export const disciplines = ['social_psychiatric_nurse', 'poh_ggz', 'psychologist', 'buurtcoach', 'peer_expert'] as const;
export const discipline = pgEnum('discipline', disciplines);

export const teamMembers = pgTable(
  'team_members',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    name: text('name').notNull(),
    discipline: discipline('discipline').notNull(),
    email: text('email').notNull().unique(),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('team_members_region_idx').on(t.regionId, t.active)],
);
