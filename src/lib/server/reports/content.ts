import { seal, unseal } from '../crypto/seal.ts';
import type { ReportForm } from '../../profile.ts';
import { questionsFor, type ReportContent } from './rules.ts';

// The report is the resident's story: it is sealed as one JSON value, like a sign-up's details.

/** An approved version: what the duo wrote and what the resident added, as approved. */
export type ApprovedContent = ReportContent & { addition: string | null };

export const sealContent = (content: ReportContent | ApprovedContent): string => seal(JSON.stringify(content));
export const openContent = <T extends ReportContent = ReportContent>(sealed: string): T => JSON.parse(unseal(sealed)) as T;

export const sealText = (text: string | null): string | null => (text ? seal(text) : null);
export const openText = (sealed: string | null): string | null => (sealed ? unseal(sealed) : null);

/** A report not yet begun, with the form its sign-up's rules give it. */
export const emptyContent = (form: ReportForm = 'four_questions'): ReportContent => ({
  form,
  answers: Object.fromEntries(questionsFor(form).map((q) => [q, ''])),
  strengths: '',
  nextSteps: '',
  offerIds: [],
  scores: null,
});
