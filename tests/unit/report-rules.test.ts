import { describe, expect, it } from 'vitest';
import { duoMayEdit, mayShare, nextStatus, reportStatuses, residentMayAnswer, residentMaySee, scoped } from '../../src/lib/server/reports/rules.ts';
import { buildReportContent } from '../builders/reports.ts';

describe('report rules', () => {
  it('moves only along the agreed steps', () => {
    expect(nextStatus('draft', 'send')).toBe('with_resident');
    expect(nextStatus('change_requested', 'send')).toBe('with_resident');
    expect(nextStatus('with_resident', 'requestChange')).toBe('change_requested');
    expect(nextStatus('with_resident', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'reopen')).toBe('draft');
    // A second click, a stale form: no step from a state it does not fit.
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('approved', 'approve')).toBeNull();
    expect(nextStatus('approved', 'send')).toBeNull();
    expect(nextStatus('change_requested', 'approve')).toBeNull();
  });

  it('keeps a draft to the duo and lets the resident answer only what was sent', () => {
    expect(reportStatuses.filter((s) => residentMaySee(s, 0))).toEqual(['with_resident', 'approved']);
    // An approved version stays readable while the duo writes the next one.
    expect(residentMaySee('draft', 1)).toBe(true);
    expect(reportStatuses.filter(residentMayAnswer)).toEqual(['with_resident']);
    expect(reportStatuses.filter(duoMayEdit)).toEqual(['draft', 'change_requested']);
  });

  it('shares nothing before approval, and only the next steps when so chosen', () => {
    expect(mayShare(0)).toBe(false);
    expect(mayShare(1)).toBe(true);
    const content = buildReportContent({ offerIds: ['a'] });
    expect(scoped(content, 'whole')).toBe(content);
    expect(scoped(content, 'next_steps')).toEqual({ nextSteps: content.nextSteps, offerIds: ['a'] });
  });
});
