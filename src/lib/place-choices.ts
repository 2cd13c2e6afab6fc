import type { PlaceOption } from './profile.ts';

// What the sign-up's place step offers, from the region's offered places (profile.ts) and its
// catalogue of active places of those kinds. Pure, so the rule is tested without a database.

/** A place answer as the form posts it: home, a walk, a place of one's own, or a catalogue place. */
export type PlaceChoice = string;

/** The choices in the order the step shows them. With none left (no place of an offered kind yet), the resident names one. */
export function placeChoices(places: readonly PlaceOption[], locationIds: readonly string[]): PlaceChoice[] {
  const list = [
    ...(places.includes('home') ? ['home'] : []),
    ...locationIds.map((id) => `location:${id}`),
    ...(places.includes('walk') ? ['walk'] : []),
    ...(places.includes('other') ? ['other'] : []),
  ];
  return list.length > 0 ? list : ['other'];
}

/**
 * The one choice the resident has, when it needs no more words: the sign-up skips the place step
 * and sets it. Home still asks the address and "other" the place, so those keep a (shorter) step.
 */
export function skippedPlace(choices: readonly PlaceChoice[]): PlaceChoice | null {
  const [only] = choices;
  return choices.length === 1 && only !== 'home' && only !== 'other' ? only! : null;
}

/** The one choice that is fixed, whether or not its step is skipped (the step then hides the question). */
export const fixedPlace = (choices: readonly PlaceChoice[]): PlaceChoice | null => (choices.length === 1 ? choices[0]! : null);
