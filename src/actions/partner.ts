import { defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'zod';
import { confirmCodeSchema } from '../lib/schemas/signup.ts';
import { parseLocalized } from '../lib/i18n/zod.ts';
import { getT } from '../lib/i18n/index.ts';
import { requireAction, requireActionInRegion } from '../lib/server/auth/guards.ts';
import { getDb } from '../lib/server/db/client.ts';
import { draftCookie, draftCookieOptions, partnerDraftCookie } from '../lib/server/registrations/cookie.ts';
import { verifyCode, verifyLink, type Verified } from '../lib/server/partner/confirmations.ts';
import { openForConfirmation } from '../lib/server/partner/confirm.ts';
import { removePartnerAccess } from '../lib/server/partner/queries.ts';
import { submitForResident } from '../lib/server/partner/submit.ts';
import { confirmByPhone } from '../lib/server/partner/team.ts';
import { readForm, requestContext, type FormResult } from './form.ts';
import type { PlaceGoneFailure } from './signup.ts';
import { notTaken, saveSignupStep } from './signup-step.ts';
import { onBehalfVia } from '../lib/server/partner/rules.ts';
import { regionProfile } from '../lib/server/region/profile.ts';

const registrationId = (form: FormData) => z.uuid().safeParse(form.get('registration'));

/** A good link or code opens the sign-up as a draft in this browser, on the resident's own review. */
async function openConfirmed(verified: Verified, via: 'link' | 'code', context: ActionAPIContext): Promise<Verified> {
  if (!verified.ok) return verified;
  const token = await openForConfirmation(getDb(), verified.registrationId, via, requestContext(context));
  if (!token) return { ok: false, reason: 'used' };
  context.cookies.set(draftCookie(), token, draftCookieOptions());
  return verified;
}

export const partner = {
  /** One step of /partner/aanmelden: the resident's steps, in the partner's (or referrer's) own draft. */
  saveStep: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext) => {
      const { user, region } = await requireActionInRegion(context.locals, 'partner.saveStep');
      const via = onBehalfVia(user.roles, regionProfile(region));
      return saveSignupStep(form, context, { cookie: partnerDraftCookie(), partnerId: user.id, region, via });
    },
  }),

  /** The partner sends the sign-up (a referrer the referral); it waits for the resident's confirmation. */
  finish: defineAction({
    accept: 'form',
    handler: async (
      form: FormData,
      context: ActionAPIContext,
    ): Promise<FormResult<{ registrationId: string; reference: string; mailed: boolean }> | PlaceGoneFailure> => {
      const { user, region } = await requireActionInRegion(context.locals, 'partner.finish');
      const { values } = readForm(form);
      const t = getT(context.locals.lang, 'signup');
      const via = onBehalfVia(user.roles, regionProfile(region));
      const result = await submitForResident(getDb(), region, { id: user.id, via }, context.cookies.get(partnerDraftCookie())?.value, requestContext(context));
      if (!result.ok && result.reason === 'not_taken')
        return { ok: false, errors: [{ field: '', message: notTaken(context.locals.lang, via, region) }], values };
      if (!result.ok && result.reason === 'place_gone')
        return { ok: false, errors: [{ field: 'place', message: t('errors.place_gone', { context: 'partner' }) }], values, placeGone: true };
      if (!result.ok) return { ok: false, errors: [{ field: '', message: t(`errors.${result.reason}`) }], values };
      context.cookies.delete(partnerDraftCookie(), { path: '/' });
      return result;
    },
  }),

  /** /bevestigen-aanmelding: the reference and code from the letter. */
  confirmWithCode: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext): Promise<FormResult<{ reason?: string }>> => {
      const { values, input } = readForm(form);
      const parsed = parseLocalized(confirmCodeSchema, input, context.locals.lang);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
      const verified = await verifyCode(getDb(), parsed.data.reference, parsed.data.code, context.locals.ipPrefix);
      const done = await openConfirmed(verified, 'code', context);
      if (done.ok) return { ok: true };
      // "Wrong" names the field; the others get their own calm page (see the page).
      if (done.reason === 'wrong') return { ok: false, errors: [{ field: 'code', message: getT(context.locals.lang, 'partner')('confirm.wrong') }], values };
      return { ok: true, reason: done.reason };
    },
  }),

  /** The button behind the mailed link (a plain visit changes nothing: mail scanners open links). */
  confirmWithLink: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext) => {
      const token = z.string().min(20).max(64).safeParse(form.get('token'));
      if (!token.success) return { ok: false as const, reason: 'expired' };
      const done = await openConfirmed(await verifyLink(getDb(), token.data), 'link', context);
      return done.ok ? { ok: true as const } : { ok: false as const, reason: done.reason };
    },
  }),

  /** The resident ends the partner's access to one of their sign-ups, in one step. */
  removeAccess: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext) => {
      const { user } = requireAction(context.locals, 'partner.removeAccess');
      const id = registrationId(form);
      return { ok: id.success && (await removePartnerAccess(getDb(), user.id, id.data, requestContext(context))) };
    },
  }),

  /** A planner spoke to the resident on the phone: "telefonisch bevestigd". */
  confirmByPhone: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext) => {
      const { user, region } = await requireActionInRegion(context.locals, 'partner.confirmByPhone');
      const id = registrationId(form);
      if (!id.success) return { ok: false };
      const role = user.roles.includes('planner') ? 'planner' : 'admin';
      return { ok: await confirmByPhone(getDb(), region.id, { userId: user.id, role }, id.data, requestContext(context)) };
    },
  }),
};
