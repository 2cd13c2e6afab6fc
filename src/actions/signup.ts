import { defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'zod';
import { finishSchema, signupSteps } from '../lib/schemas/signup.ts';
import { parseLocalized } from '../lib/i18n/zod.ts';
import { getT } from '../lib/i18n/index.ts';
import { passwordProblem } from '../lib/server/auth/passwords.ts';
import { cancelForResident, undoCancelForResident } from '../lib/server/registrations/cancel.ts';
import { submitRegistration } from '../lib/server/registrations/submit.ts';
import { draftCookie, draftCookieOptions } from '../lib/server/registrations/cookie.ts';
import { doneCookie, doneCookieOptions, doneValue, type Done } from '../lib/server/registrations/done-cookie.ts';
import { requireAction } from '../lib/server/auth/guards.ts';
import { regionToFinish } from '../lib/server/registrations/signup-region.ts';
import { getDb } from '../lib/server/db/client.ts';
import { formAction, readForm, requestContext, type FormFailure, type FormResult } from './form.ts';
import { saveSignupStep } from './signup-step.ts';
import { confirmRegistration } from '../lib/server/partner/confirm.ts';
import { mailResumeLink } from '../lib/server/registrations/resume.ts';
import { saveChange, startChange } from '../lib/server/registrations/changes.ts';
import { firstOpenStep, takeOverDraft } from '../lib/server/registrations/resume-link.ts';

const resumeSchema = z.object({ email: z.email().max(254) });

/** The confirmation page (/aanmelden/klaar) finds what this browser just sent by this cookie. */
const rememberDone = (context: ActionAPIContext, done: Done) => context.cookies.set(doneCookie(), doneValue(done), doneCookieOptions());

/** The place a draft chose was switched off before it was sent: choose again (see place-check.ts). */
export type PlaceGoneFailure = FormFailure & { placeGone: true };
/** The region went over to referrals only while the draft was filled in: its slug, for the page that explains. */
export type ReferralOnlyFailure = FormFailure & { referralOnly: string };

export const signup = {
  /** One step of /aanmelden: validate, keep it in the server-side draft, go on. */
  saveStep: defineAction({
    accept: 'form',
    handler: (form: FormData, context: ActionAPIContext) =>
      saveSignupStep(form, context, {
        cookie: draftCookie(),
        partnerId: null,
        region: context.locals.regionFromHost ? context.locals.region : null,
        via: 'open',
      }),
  }),

  /** The last step: consent, with or without an account, then one sign-up however often it is posted. */
  finish: defineAction({
    accept: 'form',
    handler: async (
      form: FormData,
      context: ActionAPIContext,
    ): Promise<
      FormResult<{ reference: string; accountMailed: boolean; changed: boolean; confirmed?: 'this' | 'other' }> | PlaceGoneFailure | ReferralOnlyFailure
    > => {
      const { values, input } = readForm(form);
      const lang = context.locals.lang;
      // A change to an existing sign-up was consented to already; a new one needs consent now.
      const parsed = parseLocalized(input['change'] === 'ja' ? z.object({}) : finishSchema, input, lang);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
      const t = getT(lang, 'signup');
      const fail = (key: string, field = '') =>
        // The page sends the resident back to the place step, with this message there.
        key === 'errors.place_gone'
          ? { ok: false as const, errors: [{ field: 'place', message: t(key) }], values, placeGone: true as const }
          : { ok: false as const, errors: [{ field, message: t(key) }], values };
      const token = context.cookies.get(draftCookie())?.value;
      // The region is the draft's own (its postcode), read again: areas may have moved since.
      const region = await regionToFinish(getDb(), token, context.locals.regionFromHost ? context.locals.region : null);
      if (!region) return fail('errors.not_eligible');
      if (form.get('change') === 'ja') {
        const { user } = requireAction(context.locals, 'signup.startChange');
        const changed = await saveChange(getDb(), region, user.id, token, requestContext(context));
        if (!changed.ok) return fail(`errors.${changed.reason}`);
        context.cookies.delete(draftCookie(), { path: '/' });
        return { ok: true, reference: changed.reference, accountMailed: false, changed: true };
      }
      const signedIn = context.locals.user && !context.locals.twoFactorPending && context.locals.user.roles.includes('resident') ? context.locals.user : null;
      const wantsAccount = !signedIn && parsed.data.account === 'new';
      if (wantsAccount) {
        const problem = passwordProblem(parsed.data.accountPassword ?? '');
        if (problem) return { ok: false, errors: [{ field: 'accountPassword', message: getT(lang, 'auth')(`errors.${problem}`) }], values };
      }
      if (form.get('confirm') === 'ja') {
        const keep = form.get('keep') === 'other' ? 'other' : 'this';
        const confirmed = await confirmRegistration(
          getDb(),
          region,
          token,
          { residentId: signedIn?.id ?? null, newAccountPassword: wantsAccount && keep === 'this' ? parsed.data.accountPassword! : null, keep },
          requestContext(context),
        );
        if (!confirmed.ok) return fail(`errors.${confirmed.reason}`);
        context.cookies.delete(draftCookie(), { path: '/' });
        rememberDone(context, {
          kind: confirmed.kept === 'other' ? 'dropped' : 'confirmed',
          registrationId: confirmed.registrationId,
          accountMailed: confirmed.accountMailed,
        });
        return { ok: true, reference: confirmed.reference, accountMailed: confirmed.accountMailed, changed: false, confirmed: confirmed.kept };
      }
      const result = await submitRegistration(
        getDb(),
        region,
        token,
        { signedIn, newAccountPassword: wantsAccount ? parsed.data.accountPassword! : null },
        requestContext(context),
      );
      if (!result.ok && result.reason === 'referral_only') return { ...fail('errors.referral_only'), referralOnly: region.slug };
      if (!result.ok) return fail(`errors.${result.reason}`);
      context.cookies.delete(draftCookie(), { path: '/' });
      rememberDone(context, { kind: 'sent', registrationId: result.registrationId, accountMailed: result.accountMailed });
      return { ok: true, reference: result.reference, accountMailed: result.accountMailed, changed: false };
    },
  }),

  /** "Wijzig" on /mijn: the sign-up becomes a draft again, reviewed and saved over the original. */
  startChange: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext) => {
      const { user } = requireAction(context.locals, 'signup.startChange');
      const id = z.uuid().safeParse(form.get('registration'));
      const token = id.success ? await startChange(getDb(), user.id, id.data) : null;
      if (!token) return { ok: false as const };
      context.cookies.set(draftCookie(), token, draftCookieOptions());
      return { ok: true as const };
    },
  }),

  /** The button behind a "later verder" link: this browser takes the draft over under a new token. */
  resume: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext) => {
      const token = z.string().min(20).max(64).safeParse(form.get('token'));
      const taken = token.success ? await takeOverDraft(getDb(), token.data) : null;
      if (!taken) return { ok: false as const };
      context.cookies.set(draftCookie(), taken.token, draftCookieOptions());
      return { ok: true as const, next: signupSteps[firstOpenStep(taken.answers)]! };
    },
  }),

  /** "Later verder": a link by e-mail to go on with this draft, here or on another device. */
  resumeLater: formAction(resumeSchema, async (input, context, { fail }) => {
    const token = context.cookies.get(draftCookie())?.value;
    const result = await mailResumeLink(getDb(), token, input.email, context.locals.lang, context.locals.ipPrefix);
    if (result === 'no_draft')
      return { ok: false, errors: [{ field: '', message: getT(context.locals.lang, 'signup')('errors.no_draft') }], values: { email: input.email } };
    if (result === 'throttled') return fail('errors.throttled', '', { minutes: 60 });
    return { ok: true };
  }),

  cancel: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext) => {
      const { user } = requireAction(context.locals, 'signup.cancel');
      const id = z.uuid().safeParse(form.get('registration'));
      if (!id.success) return { ok: false as const };
      const done = await cancelForResident(getDb(), user.id, id.data, form.get('callMe') === 'ja', requestContext(context));
      return { ok: done };
    },
  }),

  /** "Afmelding terugdraaien": only the resident's own sign-up, within the undo window (see cancel.ts). */
  undoCancel: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext) => {
      const { user } = requireAction(context.locals, 'signup.undoCancel');
      const id = z.uuid().safeParse(form.get('registration'));
      if (!id.success) return { ok: false as const };
      return { ok: await undoCancelForResident(getDb(), user.id, id.data, requestContext(context)) };
    },
  }),
};
