import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { followUpOffers } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { Actor } from '../planning/version.ts';

export type Offer = typeof followUpOffers.$inferSelect;
type NewOffer = Pick<typeof followUpOffers.$inferInsert, 'kind' | 'name' | 'description' | 'url'>;

/**
 * The region's catalogue of next steps, in the admin's order; the report (issue 14) picks from the
 * active ones, the admin sees all to switch them on and off.
 */
export function listOffers(db: Db, regionId: string, { inactiveToo = false } = {}): Promise<Offer[]> {
  return db
    .select()
    .from(followUpOffers)
    .where(and(eq(followUpOffers.regionId, regionId), inactiveToo ? undefined : eq(followUpOffers.active, true)))
    .orderBy(asc(followUpOffers.sortOrder), asc(followUpOffers.createdAt));
}

export async function addOffer(db: Db, actor: Actor, regionId: string, offer: NewOffer): Promise<void> {
  await db.transaction(async (tx) => {
    const count = (await listOffers(tx, regionId, { inactiveToo: true })).length;
    await tx.insert(followUpOffers).values({ regionId, ...offer, sortOrder: count });
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      object: 'follow_up_offers',
      action: 'create',
      authority: 'role:admin',
      ipPrefix: actor.ipPrefix,
    });
  });
}

/** The text a resident reads: their language, else Dutch. */
export const offerText = (text: Offer['name'], lang: string): string => text[lang] ?? text.nl;
