// Pure rules of the sign-up: who may sign up, the reference code, the honest waiting time.

export type Eligibility = { ok: true } | { ok: false; reason: 'too_young' | 'too_old' | 'outside_region' };

/** Null ages: no limit on that side (most practices that work by referral have none). */
type RegionRules = { minAge: number | null; maxAge: number | null; postcodeAreas: string[] };

/**
 * Only the year of birth is asked (less data), so the age is the age reached this calendar year:
 * someone born in (year - 18) is 18 this year and may sign up.
 */
export function checkEligibility(birthYear: number, postcode: string, region: RegionRules, now = new Date()): Eligibility {
  const age = now.getFullYear() - birthYear;
  if (region.minAge !== null && age < region.minAge) return { ok: false, reason: 'too_young' };
  if (region.maxAge !== null && age > region.maxAge) return { ok: false, reason: 'too_old' };
  const area = postcode.replace(/\s/g, '').slice(0, 4);
  // A region without postcode areas takes no one: with many regions, "no areas" cannot mean "everyone".
  if (!region.postcodeAreas.includes(area)) return { ok: false, reason: 'outside_region' };
  return { ok: true };
}

// No 0/O, 1/I/L: the code is read out on the phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newReference(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return `HOG-${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

export const MIN_SAMPLES = 5;

/** The median of real waiting days; the region's setting while there are too few to say. */
export function expectedContactDays(samples: number[], fallback: number): number {
  if (samples.length < MIN_SAMPLES) return fallback;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.max(1, Math.ceil(median));
}

/** Days a resident may take back a cancel, as long as no one of the team has acted on it yet. */
export const UNDO_CANCEL_DAYS = 7;

type Cancelled = { status: string; cancelledAt: Date | null; statusBeforeCancel: string | null };

export function undoCancelUntil(r: Cancelled): Date | null {
  if (r.status !== 'cancelled' || !r.cancelledAt || !r.statusBeforeCancel) return null;
  return new Date(r.cancelledAt.getTime() + UNDO_CANCEL_DAYS * 86_400_000);
}

/** Undo is possible within the window and only while the cancel still holds what it replaced. */
export const canUndoCancel = (r: Cancelled, now = new Date()): boolean => {
  const until = undoCancelUntil(r);
  return !!until && now < until;
};
