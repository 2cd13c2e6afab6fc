import { z } from 'zod';
import { dimensions, MAX_SCORE, MIN_SCORE } from '../report/dimensions.ts';
import { relations, scopes, shareWays } from '../server/sharing/rules.ts';
import { reportForms } from '../profile.ts';
import { allQuestions, questionsFor } from '../server/reports/rules.ts';

// The report's forms: the duo's editor, the resident's answer, sharing and opening a share.
// Messages are keys in the `validation` namespace, naming the question (GOV.UK style).
const msg = (key: string) => ({ error: `validation:${key}` });
const id = z.uuid(msg('format'));
const text = (max: number) => z.string().trim().max(max).default('');
/** An empty field is an open score; anything typed must be a whole number 0–10. */
const score = z
  .union([z.literal(''), z.coerce.number().int(msg('score')).min(MIN_SCORE, msg('score')).max(MAX_SCORE, msg('score'))], msg('score'))
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v));

export const REPORT_TEXT_MAX = 4000;

/**
 * The duo's editor. `form` is the report's form as the page showed it (the domain refuses it when
 * it is not the report's own); only that form's sections may hold text, each bounded.
 */
export const reportDraftSchema = z
  .object({
    conversation: id,
    intent: z.enum(['save', 'send'], msg('format')),
    form: z.enum(reportForms, msg('format')).default('four_questions'),
    ...(Object.fromEntries(allQuestions.map((q) => [q, text(REPORT_TEXT_MAX)])) as Record<(typeof allQuestions)[number], ReturnType<typeof text>>),
    strengths: text(REPORT_TEXT_MAX),
    nextSteps: text(REPORT_TEXT_MAX),
    offers: z
      .array(z.uuid(msg('format')))
      .max(20)
      .default([]),
    ...Object.fromEntries(dimensions.map((d) => [`score-${d}`, score])),
  })
  .superRefine((o, ctx) => {
    const own = new Set<string>(questionsFor(o.form));
    for (const q of allQuestions) if (!own.has(q) && (o as Record<string, unknown>)[q]) ctx.addIssue({ code: 'custom', path: [q], ...msg('format') });
  });

export const duoStepSchema = z.object({ conversation: id, intent: z.enum(['reopen', 'phoneApproval'], msg('format')) });

/** One form per answer; the text field is named after it, so each error points at its own field. */
export const reportAnswerSchema = z
  .object({
    report: id,
    intent: z.enum(['addition', 'change', 'approve'], msg('format')),
    addition: z.string().trim().max(2000).default(''),
    change: z.string().trim().max(2000).default(''),
    /** With consent: may the referrer read it? Only asked where the sign-up's rule says so (resident.ts). */
    referrerGets: z.enum(['ja', 'nee'], msg('format')).optional(),
  })
  .refine((o) => o.intent !== 'addition' || o.addition.length > 0, { ...msg('reportAddition'), path: ['addition'] })
  .refine((o) => o.intent !== 'change' || o.change.length > 0, { ...msg('reportChange'), path: ['change'] });

/** "Ik wil niet dat ... het verslag krijgt", or taking that back (unless_objects, before approval). */
export const referrerObjectionSchema = z.object({ registration: id, intent: z.enum(['object', 'undo'], msg('format')) });

const shareFields = {
  report: id,
  name: z.string(msg('recipientName')).trim().min(1, msg('recipientName')).max(100),
  relation: z.enum(relations, msg('relation')),
  scope: z.enum(scopes, msg('scope')),
  endsOn: z.string(msg('shareEnd')).regex(/^\d{4}-\d{2}-\d{2}$/, msg('shareEnd')),
  message: z.string().trim().max(500).default(''),
  notify: z.literal('ja').optional(),
};

/**
 * The portal mails the link, or the resident passes it on themselves (copied or on a printed
 * letter): only the first needs an address. A form from before the choice existed means e-mail.
 */
export const shareSchema = z.preprocess(
  (input) => (input && typeof input === 'object' && !('send' in input && (input as { send?: unknown }).send) ? { ...input, send: 'email' } : input),
  z.discriminatedUnion(
    'send',
    [
      z.object({ ...shareFields, send: z.literal(shareWays[0]), email: z.email(msg('email')).max(254) }),
      z.object({ ...shareFields, send: z.literal(shareWays[1]) }),
    ],
    msg('shareWay'),
  ),
);

export const shareChangeSchema = z.object({ share: id, intent: z.enum(['withdraw', 'renew'], msg('format')) });

export const shareCodeSchema = z.object({
  token: z.string().min(20).max(64),
  code: z.string(msg('shareCode')).trim().min(8, msg('shareCode')).max(20, msg('shareCode')),
});

export const emergencySchema = z.object({
  reference: z.string(msg('signupReference')).trim().min(4, msg('signupReference')).max(20, msg('signupReference')),
  reason: z.string(msg('emergencyReason')).trim().min(10, msg('emergencyReason')).max(500),
});
