// When a failed message is tried again: soon at first, then less often; given up after 8 tries
// (about a day and a half), and then visible as "failed" for the team.
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 12 * 3_600_000];
export const MAX_ATTEMPTS = 8;

/** The wait after `attempts` failed tries, or null when it is time to give up. */
export function retryDelayMs(attempts: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0]!;
}
