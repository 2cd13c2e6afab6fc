import { boolean, index, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, type LocalizedText } from './columns.ts';
import { regions } from './region.ts';

// The kinds a resident can pick from the catalogue. "At home", "a walk outside" and "somewhere
// else" are not catalogue entries: the resident describes those themselves when signing up.
// `recovery` (a recovery centre, herstelacademie) came with region profiles, so it is last in the enum.
export const locationKinds = ['stadskamer', 'library', 'community_centre', 'gp_practice', 'ggz', 'online', 'recovery'] as const;
export const locationKind = pgEnum('location_kind', locationKinds);

export const locations = pgTable(
  'locations',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    kind: locationKind('kind').notNull(),
    /** The name as staff know it; `names` holds what residents read per language (falls back to this). */
    name: text('name').notNull(),
    names: jsonb('names').$type<LocalizedText>(),
    street: text('street'),
    postcode: text('postcode'),
    city: text('city'),
    accessibility: jsonb('accessibility').$type<LocalizedText>(),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('locations_region_active_idx').on(t.regionId, t.active)],
);
