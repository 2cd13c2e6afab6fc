import { getT } from '../lib/i18n/index.ts';
import { shareChangeSchema, shareCodeSchema, shareSchema } from '../lib/schemas/report.ts';
import { getDb } from '../lib/server/db/client.ts';
import { endDateProblem, endOfChosenDay } from '../lib/server/sharing/rules.ts';
import { changeShare, createShare } from '../lib/server/sharing/shares.ts';
import { newPass, passCookie, PASS_MINUTES, tryCode } from '../lib/server/sharing/open.ts';
import { cookieOptions } from '../lib/server/http/cookies.ts';
import { displayCode } from '../lib/server/sharing/secrets.ts';
import { formAction, type FormFailure } from './form.ts';

const failure = (lang: string, key: string, field = '', values: Record<string, string> = {}): FormFailure => ({
  ok: false,
  errors: [{ field, message: getT(lang, 'report')(key) }],
  values,
});

export const sharing = {
  /**
   * The resident shares an approved report with one named person; the code is shown once, and so is
   * the link when the resident passes it on themselves (no e-mail address).
   */
  create: formAction(
    shareSchema,
    async (input, context, { ctx, once }) => {
      const endsAt = endOfChosenDay(input.endsOn);
      const problem = endDateProblem(endsAt, new Date());
      if (problem) return failure(ctx.lang, `errors.end.${problem}`, 'endsOn');
      const residentId = context.locals.user!.id;
      const made = await once(
        'sharing.create',
        residentId,
        (db) =>
          createShare(
            db,
            residentId,
            {
              reportId: input.report,
              relation: input.relation,
              scope: input.scope,
              endsAt,
              notifyFirstOpen: input.notify === 'ja',
              name: input.name,
              email: input.send === 'email' ? input.email : null,
              message: input.message || null,
            },
            ctx,
          ),
        (result) => typeof result === 'object',
      );
      if (made === 'throttled') return failure(ctx.lang, 'errors.throttled');
      if (made === 'notShareable') return failure(ctx.lang, 'errors.notAvailable');
      return { ok: true, code: displayCode(made.code), name: input.name, link: made.link, until: input.endsOn };
    },
    'sharing.create',
  ),

  /** Withdraw at once, or renew a locked share with a new code. */
  change: formAction(
    shareChangeSchema,
    async (input, context, { ctx }) => {
      const changed = await changeShare(getDb(), context.locals.user!.id, input.share, { kind: input.intent }, ctx);
      if (!changed) return failure(ctx.lang, 'errors.notAvailable');
      return { ok: true, intent: input.intent, code: changed.code ? displayCode(changed.code) : null };
    },
    'sharing.change',
  ),

  /** The recipient types the access code; right gives a short pass for this share only. */
  open: formAction(shareCodeSchema, async (input, context, { ctx }) => {
    const { result, share } = await tryCode(getDb(), input.token, input.code, ctx);
    if (result === 'ok' && share) {
      context.cookies.set(passCookie(), newPass(share.id), cookieOptions(PASS_MINUTES * 60_000));
      return { ok: true };
    }
    if (result === 'throttled') return failure(ctx.lang, 'errors.throttled');
    if (result === 'gone') return { ok: false, errors: [], values: {}, gone: true } as FormFailure;
    return failure(ctx.lang, 'errors.wrongCode', 'code');
  }),
};
