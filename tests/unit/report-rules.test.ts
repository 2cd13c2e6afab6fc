import { describe, expect, it } from 'vitest';
import {
  duoMayEdit,
  formOf,
  mayShare,
  nextStatus,
  questionsFor,
  reportStatuses,
  residentMayAnswer,
  residentMaySee,
  scoped,
} from '../../src/lib/server/reports/rules.ts';
import { reportForms } from '../../src/lib/profile.ts';
import { reportDraftSchema } from '../../src/lib/schemas/report.ts';
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

describe('report forms', () => {
  it('has its own sections per form, the four questions unchanged', () => {
    expect(questionsFor('four_questions')).toEqual(['happened', 'resilience', 'direction', 'needs']);
    expect(questionsFor('advies')).toEqual(['concern', 'advice']);
    expect(questionsFor('plan')).toEqual(['goal', 'actions']);
    // No key is shared between forms, so a stored answer never shows under another form's heading.
    const all = reportForms.flatMap((f) => questionsFor(f));
    expect(new Set(all).size).toBe(all.length);
  });

  it('reads content from before forms existed as the four questions', () => {
    expect(formOf({})).toBe('four_questions');
    expect(formOf({ form: 'plan' })).toBe('plan');
  });

  it("lets the editor hold text only in its own form's sections", () => {
    const base = { conversation: '0190a3f0-0000-7000-8000-000000000001', intent: 'save' };
    expect(reportDraftSchema.safeParse({ ...base, form: 'advies', concern: 'Slapen', advice: 'Wandelen' }).success).toBe(true);
    expect(reportDraftSchema.safeParse({ ...base, form: 'advies', happened: 'iets' }).success).toBe(false);
    expect(reportDraftSchema.safeParse({ ...base, form: 'plan', goal: 'x'.repeat(4001) }).success).toBe(false);
    expect(reportDraftSchema.safeParse({ ...base, form: 'memo' }).success).toBe(false);
    // An old editor page without the field is the four questions.
    expect(reportDraftSchema.parse({ ...base, happened: 'iets' }).form).toBe('four_questions');
  });
});
