import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, type LocalizedText } from './columns.ts';
import { regions } from './region.ts';

// What a resident may do next, as the report's "possible next steps" point to it. An admin keeps
// this catalogue; the report (issue 14) refers to offers by id.
export const offerKinds = ['recovery_college', 'e_community', 'recovery_group', 'peer_support', 'debt_help', 'wmo', 'ggz', 'other'] as const;
export const offerKind = pgEnum('offer_kind', offerKinds);

export const followUpOffers = pgTable(
  'follow_up_offers',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    kind: offerKind('kind').notNull(),
    /** What residents read per language; `nl` is always there. */
    name: jsonb('name').$type<LocalizedText>().notNull(),
    /** One or two B1 sentences per language: what it is and for whom. */
    description: jsonb('description').$type<LocalizedText>().notNull(),
    url: text('url'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('follow_up_offers_region_idx').on(t.regionId, t.active, t.sortOrder)],
);
