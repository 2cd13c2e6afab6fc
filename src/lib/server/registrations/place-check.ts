import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { locations } from '../db/schema/index.ts';
import type { SignupAnswers } from '../../schemas/signup.ts';
import { saveDraft } from './drafts.ts';

/** The catalogue place a draft chose, or null for home, a walk or a place of their own. */
export const chosenLocationId = (a: SignupAnswers): string | null => {
  const place = a.place?.place;
  return place?.startsWith('location:') ? place.slice('location:'.length) : null;
};

/**
 * Whether the place a draft chose is still offered by the region. Read from the database, not the
 * cached list: an admin in another process may have switched it off a minute ago. Inside a
 * transaction the row is locked FOR SHARE, so a switch-off waits until the sign-up is saved and the
 * sign-up never commits with a place that was switched off while it was being saved.
 */
export async function placeStillOffered(db: Db, regionId: string, a: SignupAnswers, lock = false): Promise<boolean> {
  const id = chosenLocationId(a);
  if (!id) return true;
  const query = db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.id, id), eq(locations.regionId, regionId), eq(locations.active, true)));
  const rows = lock ? await query.for('share') : await query;
  return rows.length > 0;
}

/**
 * The refusal when the place went: the draft loses its place, so the place step asks again and the
 * review shows it open; every other answer is kept. `partnerId`: whose draft it is (see loadDraft).
 */
export async function forgetPlace(db: Db, token: string, a: SignupAnswers, partnerId: string | null = null): Promise<{ ok: false; reason: 'place_gone' }> {
  const { place: _, ...rest } = a;
  await saveDraft(db, token, rest, new Date(), partnerId);
  return { ok: false, reason: 'place_gone' };
}
