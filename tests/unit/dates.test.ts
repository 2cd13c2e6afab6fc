import { describe, expect, it } from 'vitest';
import { dateFormat } from '../../src/lib/i18n/dates.ts';

describe('dates', () => {
  it('are written in Dutch time, summer and winter, in the reader’s language', () => {
    // 01:30 UTC is 03:30 in summer (UTC+2) and 02:30 in winter (UTC+1) in the Netherlands.
    expect(dateFormat('nl', 'shortDateTime').format(new Date('2026-03-29T01:30:00Z'))).toContain('03:30');
    expect(dateFormat('nl', 'shortDateTime').format(new Date('2026-03-28T01:30:00Z'))).toContain('02:30');
    expect(dateFormat('nl', 'date').format(new Date('2026-10-25T12:00:00Z'))).toBe('25 oktober 2026');
    expect(dateFormat('en', 'date').format(new Date('2026-10-25T12:00:00Z'))).toBe('October 25, 2026');
  });

  it('are made once per language and style', () => {
    expect(dateFormat('nl', 'date')).toBe(dateFormat('nl', 'date'));
    expect(dateFormat('nl', 'date')).not.toBe(dateFormat('en', 'date'));
    expect(dateFormat('nl', 'date')).not.toBe(dateFormat('nl', 'dateTime'));
  });
});
