import type { Db } from '../db/client.ts';
import { fixedPlace, placeChoices, skippedPlace, type PlaceChoice } from '../../place-choices.ts';
import { offeredKinds } from '../../profile.ts';
import { regionProfile } from '../region/profile.ts';
import type { Region } from '../region/queries.ts';
import { listActiveLocations, type Location } from './queries.ts';

export type RegionPlaces = {
  /** The active catalogue places of the kinds the region offers. */
  locations: Location[];
  choices: PlaceChoice[];
  /** The only choice, when there is one (see place-choices.ts). */
  fixed: PlaceChoice | null;
  /** Set when the sign-up skips the place step altogether. */
  skipped: PlaceChoice | null;
};

/** What the region's place step offers: only its offered kinds, from the cached catalogue. */
export async function regionPlaces(db: Db, region: Pick<Region, 'id' | 'profile'>): Promise<RegionPlaces> {
  const profile = regionProfile(region);
  const kinds: string[] = offeredKinds(profile);
  const locations = (await listActiveLocations(db, region.id)).filter((l) => kinds.includes(l.kind));
  const choices = placeChoices(
    profile.places,
    locations.map((l) => l.id),
  );
  return { locations, choices, fixed: fixedPlace(choices), skipped: skippedPlace(choices) };
}
