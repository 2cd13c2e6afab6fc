import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelayMs } from '../../src/lib/server/mail/retry.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('mail retries', () => {
  it('try again soon at first, then less often', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR]);
  });

  it('never wait less than the time before, nor more than half a day', () => {
    const delays = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)!);
    delays.forEach((d, i) => {
      expect(d).toBeLessThanOrEqual(12 * HOUR);
      if (i > 0) expect(d).toBeGreaterThanOrEqual(delays[i - 1]!);
    });
  });

  it('give up after eight tries', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect(retryDelayMs(7)).not.toBeNull();
    expect(retryDelayMs(8)).toBeNull();
    expect(retryDelayMs(20)).toBeNull();
  });
});
