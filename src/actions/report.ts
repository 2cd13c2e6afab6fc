import type { z } from 'zod';
import { getT } from '../lib/i18n/index.ts';
import { dimensions, type Scores } from '../lib/report/dimensions.ts';
import { duoStepSchema, reportAnswerSchema, reportDraftSchema, emergencySchema, referrerObjectionSchema } from '../lib/schemas/report.ts';
import { getDb } from '../lib/server/db/client.ts';
import { changeAsDuo } from '../lib/server/reports/duo.ts';
import { answerReport } from '../lib/server/reports/resident.ts';
import { questionsFor } from '../lib/server/reports/rules.ts';
import { emergencyRead } from '../lib/server/reports/emergency.ts';
import { answerObjection } from '../lib/server/referrer/feedback.ts';
import { regionById } from '../lib/server/region/directory.ts';
import { regionProfile } from '../lib/server/region/profile.ts';
import { formAction, type FormFailure } from './form.ts';

// The report's actions: thin, each calls one domain function. Whose report it is, is decided in
// the query (the duo, the resident); someone else's id answers like an unknown one.
const gone = (lang: string, values: Record<string, string> = {}): FormFailure => ({
  ok: false,
  errors: [{ field: '', message: getT(lang, 'report')('errors.notAvailable') }],
  values,
});

function scoresFrom(input: z.output<typeof reportDraftSchema>): Scores | null {
  const scores = Object.fromEntries(dimensions.map((d) => [d, (input as Record<string, unknown>)[`score-${d}`] ?? null])) as Scores;
  return dimensions.some((d) => scores[d] !== null) ? scores : null;
}

export const report = {
  /** The duo saves the draft, or sends it to the resident ("naar de inwoner"). */
  save: formAction(
    reportDraftSchema,
    async (input, context, { ctx }) => {
      const { user } = context.locals;
      // A region without scores keeps none, even when a form from before the switch still posts them.
      const region = await regionById(user?.regionId);
      const content = {
        form: input.form,
        answers: Object.fromEntries(questionsFor(input.form).map((q) => [q, input[q]])),
        strengths: input.strengths,
        nextSteps: input.nextSteps,
        offerIds: input.offers,
        scores: region && regionProfile(region).scores ? scoresFrom(input) : null,
      };
      // No working region (no membership left): nothing is theirs.
      const status = user?.regionId
        ? await changeAsDuo(getDb(), user.id, user.regionId, input.conversation, { kind: 'save', content, send: input.intent === 'send' }, ctx)
        : null;
      return status ? { ok: true, status } : gone(ctx.lang);
    },
    'report.save',
  ),

  /** A new version of an approved report, or an approval the resident gave by phone. */
  duoStep: formAction(
    duoStepSchema,
    async (input, context, { ctx, once }) => {
      const { user } = context.locals;
      if (!user?.regionId) return gone(ctx.lang);
      const userId = user.id;
      const regionId = user.regionId;
      // A new version or an approval, made once however often the form is posted.
      const status = await once(
        'report.duoStep',
        userId,
        (db) => changeAsDuo(db, userId, regionId, input.conversation, { kind: input.intent }, ctx),
        (s) => s !== null,
      );
      return status ? { ok: true, status } : gone(ctx.lang);
    },
    'report.duoStep',
  ),

  /** The resident adds their words, asks for a change, or approves. */
  answer: formAction(
    reportAnswerSchema,
    async (input, context, { ctx, once }) => {
      const referrerGets = input.referrerGets === undefined ? undefined : input.referrerGets === 'ja';
      const answer =
        input.intent === 'approve'
          ? { kind: 'approve' as const, referrerGets }
          : { kind: input.intent, text: input.intent === 'addition' ? input.addition : input.change };
      const residentId = context.locals.user!.id;
      const done = await once(
        'report.answer',
        residentId,
        (db) => answerReport(db, residentId, input.report, answer, ctx),
        (d) => d === true,
      );
      if (done === 'consent_needed')
        return { ok: false, errors: [{ field: 'referrerGets', message: getT(ctx.lang, 'report')('errors.referrerGets') }], values: {} };
      return done ? { ok: true, intent: input.intent } : gone(ctx.lang);
    },
    'report.answer',
  ),

  /** Unless the resident objects: "the referrer does not get it", or taking that back, before approval. */
  referrerObjection: formAction(
    referrerObjectionSchema,
    async (input, context, { ctx }) => {
      const done = await answerObjection(getDb(), context.locals.user!.id, input.registration, input.intent, ctx);
      return done ? { ok: true, intent: input.intent, registration: input.registration } : gone(ctx.lang);
    },
    'report.referrerObjection',
  ),

  /** An admin's emergency access: a typed reason, logged and shown to the resident. */
  emergency: formAction(
    emergencySchema,
    async (input, context, { ctx }) => {
      const { user } = context.locals;
      const found = user?.regionId ? await emergencyRead(getDb(), user.id, user.regionId, input.reference, input.reason, ctx) : null;
      return found ? { ok: true, found } : gone(ctx.lang, { reference: input.reference });
    },
    'report.emergency',
  ),
};
