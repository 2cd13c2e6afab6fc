import type { Scores } from '../../report/dimensions.ts';
import type { ReportForm } from '../../profile.ts';

// Pure rules for the short report: who may read it in which state, and how it moves on.
// Tested without a database (tests/unit/report-rules.test.ts).

/**
 * draft: only the duo writes and reads it. with_resident: "naar de inwoner", the resident reads,
 * adds their words, asks for a change or approves. change_requested: back with the duo, with the
 * resident's message. approved: final; a later change starts a new version (status draft again)
 * while the approved versions stay readable and shareable.
 */
export const reportStatuses = ['draft', 'with_resident', 'change_requested', 'approved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** The four questions of the conversation, in the order they are asked. */
export const questions = ['happened', 'resilience', 'direction', 'needs'] as const;

/**
 * The sections of each report form (profile.ts `reportForms`), in the order they are written; each
 * form has strengths and next steps besides. `advies` (a verkennend gesprek): what it is about and
 * the advice, written with the resident. `plan` (a personal or joint plan): what the resident wants
 * to reach and what they will do, and who helps. The keys differ per form, so a stored answer is
 * never read under another form's heading.
 */
const sections = {
  four_questions: questions,
  advies: ['concern', 'advice'],
  plan: ['goal', 'actions'],
} as const satisfies Record<ReportForm, readonly string[]>;
export type Question = (typeof sections)[ReportForm][number];

export const questionsFor = (form: ReportForm): readonly Question[] => sections[form];

/** Every answer key of every form: the editor's schema bounds each, the form picks its own. */
export const allQuestions: readonly Question[] = [...new Set(Object.values(sections).flat())];

/** A report's content from before forms existed has no form: it is the four questions. */
export const formOf = (content: { form?: ReportForm | undefined }): ReportForm => content.form ?? 'four_questions';

export type ReportContent = {
  /** The form it was begun with (reports.form); kept in the content so every version, share and PDF renders its own headings. */
  form?: ReportForm;
  /** The form's own sections (questionsFor), by key. */
  answers: Partial<Record<Question, string>>;
  strengths: string;
  nextSteps: string;
  /** Offers from the region's follow-up catalogue, by id. */
  offerIds: string[];
  scores: Scores | null;
};

export type Viewer = 'duo' | 'resident' | 'other';

/** The duo writes while the report is with them; once sent or approved they wait for the resident. */
export const duoMayEdit = (status: ReportStatus): boolean => status === 'draft' || status === 'change_requested';

/** The resident sees a report only once the duo sent it; a draft is the duo's alone. */
export const residentMaySee = (status: ReportStatus, approvedVersions: number): boolean => status === 'with_resident' || status === 'approved' || approvedVersions > 0;

export const residentMayAnswer = (status: ReportStatus): boolean => status === 'with_resident';

/** Nothing is shared before the resident approved a version. */
export const mayShare = (approvedVersions: number): boolean => approvedVersions > 0;

export type Transition = 'send' | 'requestChange' | 'approve' | 'reopen';

const allowed: Record<Transition, readonly ReportStatus[]> = {
  send: ['draft', 'change_requested'],
  requestChange: ['with_resident'],
  approve: ['with_resident'],
  reopen: ['approved'],
};

const target: Record<Transition, ReportStatus> = {
  send: 'with_resident',
  requestChange: 'change_requested',
  approve: 'approved',
  reopen: 'draft',
};

/** The next status, or null when the step does not fit (a stale form, a second click). */
export function nextStatus(status: ReportStatus, step: Transition): ReportStatus | null {
  return allowed[step].includes(status) ? target[step] : null;
}

/** What a recipient of "only the next steps" sees: the rest is left out, not hidden. */
export function scoped(content: ReportContent, scope: 'whole' | 'next_steps'): Partial<ReportContent> {
  return scope === 'whole' ? content : { nextSteps: content.nextSteps, offerIds: content.offerIds };
}
