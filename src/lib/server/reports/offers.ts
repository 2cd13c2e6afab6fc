import { asc, inArray } from 'drizzle-orm';
import { listOffers } from '../offers/queries.ts';
import type { Db } from '../db/client.ts';
import { followUpOffers } from '../db/schema/index.ts';

// Next steps point to the region's follow-up catalogue (kept by an admin, issue 13).
// An offer not yet translated is shown in Dutch, and says so (`lang`) for a screen reader.
export type Offer = { id: string; name: string; description: string; url: string | null; lang: string };

const inLanguage = (row: typeof followUpOffers.$inferSelect, lang: string): Offer => ({
  id: row.id,
  name: row.name[lang] ?? row.name.nl,
  description: row.description[lang] ?? row.description.nl,
  url: row.url,
  lang: row.name[lang] && row.description[lang] ? lang : 'nl',
});

export async function activeOffers(db: Db, regionId: string, lang: string): Promise<Offer[]> {
  return (await listOffers(db, regionId)).map((r) => inLanguage(r, lang));
}

/** The offers a report names, also ones no longer active: an approved report does not change. */
export async function offersByIds(db: Db, ids: string[], lang: string): Promise<Offer[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(followUpOffers).where(inArray(followUpOffers.id, ids)).orderBy(asc(followUpOffers.sortOrder));
  return rows.map((r) => inLanguage(r, lang));
}
