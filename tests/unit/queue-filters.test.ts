import { describe, expect, it } from 'vitest';
import { parseQueueFilters, queueFilterQuery } from '../../src/lib/server/registrations/queue-filters.ts';

// The planner queue's filters come from the address bar; the Stryker baseline of issue 9 found
// them reached only by the end-to-end suite (docs/mutation.md).
const parse = (query: string) => parseQueueFilters(new URLSearchParams(query));

describe('the planner queue filters in the address bar', () => {
  it('read every known filter, and put them back the same way for paging links', () => {
    const query = 'status=contacted&plek=walk&taal=en&partner=1&zoek=HOG-ABCD23';
    expect(parse(query)).toEqual({ status: 'contacted', place: 'walk', language: 'en', partner: true, reference: 'HOG-ABCD23' });
    expect(queueFilterQuery(parse(query))).toBe(query);
    expect(parse('plek=library')).toEqual({ place: 'library' });
    expect(queueFilterQuery({ place: 'library' })).toBe('plek=library');
    expect(queueFilterQuery({ language: 'nl' })).toBe('taal=nl');
    expect(queueFilterQuery({ status: 'planned' })).toBe('status=planned');
    expect(queueFilterQuery({ partner: true })).toBe('partner=1');
    expect(queueFilterQuery({ reference: 'HOG-ABCD23' })).toBe('zoek=HOG-ABCD23');
  });

  it('leave out no filter and add none', () => {
    expect(parse('')).toEqual({});
    expect(queueFilterQuery({})).toBe('');
    expect(queueFilterQuery({ partner: false })).toBe('');
  });

  it('ignore values they do not know, rather than fail', () => {
    expect(parse('status=deleted&plek=maan&taal=EN&partner=ja&zoek=x')).toEqual({});
    expect(parse('status=&plek=&taal=a&zoek=')).toEqual({});
    expect(parse('taal=nl1')).toEqual({});
    expect(parse('taal=1nl')).toEqual({});
    expect(parse('taal=abcdefghi')).toEqual({});
    expect(parse('zoek=HOG-ABCDEFGHIJKLM')).toEqual({});
    expect(parse('zoek=HOG-AB')).toEqual({});
    expect(parse('zoek=ABCD23!')).toEqual({});
    expect(parse('zoek=!ABCD23')).toEqual({});
  });

  it('find a reference typed in lower case, with spaces or without its HOG- prefix', () => {
    expect(parse('zoek=%20hog-abcd23%20')).toEqual({ reference: 'HOG-ABCD23' });
    expect(parse('zoek=abcd23')).toEqual({ reference: 'HOG-ABCD23' });
    expect(parse('status=awaiting_confirmation')).toEqual({ status: 'awaiting_confirmation' });
  });
});
