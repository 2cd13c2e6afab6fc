import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { locations } from '../db/schema/index.ts';
import type { SignupAnswers } from '../../schemas/signup.ts';
import { offeredKinds } from '../../profile.ts';
import { regionProfile } from '../region/profile.ts';
import type { Region } from '../region/queries.ts';
import { regionPlaces } from '../locations/offered.ts';
import { saveDraft } from './drafts.ts';

/** The catalogue place a draft chose, or null for home, a walk or a place of their own. */
export const chosenLocationId = (a: SignupAnswers): string | null => {
  const place = a.place?.place;
  return place?.startsWith('location:') ? place.slice('location:'.length) : null;
};

/**
 * Whether the place a draft chose is still offered by the region: a place its admin offers (the
 * kinds of profile.ts), and a catalogue place that is still switched on. The catalogue place is
 * read from the database, not the cached list: an admin in another process may have switched it off
 * a minute ago. Inside a transaction the row is locked FOR SHARE, so a switch-off waits until the
 * sign-up is saved and the sign-up never commits with a place that was switched off meanwhile.
 */
export async function placeStillOffered(db: Db, region: Pick<Region, 'id' | 'profile'>, a: SignupAnswers, lock = false): Promise<boolean> {
  const place = a.place?.place;
  if (!place) return true;
  const id = chosenLocationId(a);
  if (!id) return (await regionPlaces(db, region)).choices.includes(place);
  const query = db
    .select({ id: locations.id, kind: locations.kind })
    .from(locations)
    .where(and(eq(locations.id, id), eq(locations.regionId, region.id), eq(locations.active, true)));
  const [row] = lock ? await query.for('share') : await query;
  return !!row && (offeredKinds(regionProfile(region)) as string[]).includes(row.kind);
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
