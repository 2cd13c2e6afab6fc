import { defineAction, type ActionAPIContext } from 'astro:actions';
import * as schemas from '../lib/schemas/auth.ts';
import { signIn as signInAccount } from '../lib/server/accounts/sign-in.ts';
import { confirmWithCode, confirmWithToken, registerResident, resendConfirmation } from '../lib/server/accounts/registration.ts';
import { requestPasswordReset, resetPassword } from '../lib/server/accounts/password-reset.ts';
import { acceptInvitation } from '../lib/server/accounts/invitations.ts';
import { enableTotp, totpMatches, verifySecondFactor } from '../lib/server/accounts/two-factor.ts';
import { findUserById } from '../lib/server/accounts/queries.ts';
import { logAccess } from '../lib/server/audit/log.ts';
import { sessionCookieName, sessionCookieOptions } from '../lib/server/auth/cookie.ts';
import { deviceCookieName, deviceCookieOptions } from '../lib/server/auth/devices.ts';
import { passwordProblem, verifyPassword } from '../lib/server/auth/passwords.ts';
import { invalidateSession, markReauthenticated } from '../lib/server/auth/sessions.ts';
import { getDb } from '../lib/server/db/client.ts';
import { safeReturnPath } from '../lib/server/auth/return-path.ts';
import { formAction, requestContext } from './form.ts';
import { hit } from '../lib/server/auth/rate-limit.ts';
import { limits } from '../lib/server/auth/rate-limit-rules.ts';
import { draftCookie, partnerDraftCookie } from '../lib/server/registrations/cookie.ts';

const minutes = (ms: number) => ({ minutes: Math.max(1, Math.ceil(ms / 60_000)) });

export const auth = {
  signIn: formAction(schemas.signInSchema, async (input, context, { fail, ctx }) => {
    const result = await signInAccount(getDb(), input.email, input.password, { ...ctx, deviceCookie: context.cookies.get(deviceCookieName())?.value ?? null });
    if (!result.ok) {
      if (result.reason === 'locked') return fail('errors.locked', '', minutes(result.retryAfterMs));
      if (result.reason === 'unverified') {
        await resendConfirmation(getDb(), input.email);
        return fail('errors.unverified');
      }
      return fail('errors.invalidCredentials');
    }
    // The session this browser held (perhaps someone else's) ends: one browser, one session.
    if (context.locals.session) await invalidateSession(getDb(), context.locals.session.id);
    context.cookies.set(sessionCookieName(), result.token, sessionCookieOptions());
    context.cookies.set(deviceCookieName(), result.deviceCookie, deviceCookieOptions());
    const next = result.next === 'resident' ? safeReturnPath(input.terug) : result.next === 'two_factor' ? '/inloggen/code' : '/inloggen/instellen';
    return { ok: true, next };
  }),

  signOut: defineAction({
    accept: 'form',
    handler: async (_input: FormData, context: ActionAPIContext) => {
      const { session, user } = context.locals;
      if (session && user) {
        await invalidateSession(getDb(), session.id);
        await logAccess(getDb(), {
          actorId: user.id,
          subjectId: user.id,
          object: 'session',
          action: 'auth.sign_out',
          authority: 'self',
          ipPrefix: context.locals.ipPrefix,
        });
      }
      context.cookies.delete(sessionCookieName(), { path: '/' });
      // A sign-up being changed holds the resident's answers: it must not outlive the session.
      context.cookies.delete(draftCookie(), { path: '/' });
      context.cookies.delete(partnerDraftCookie(), { path: '/' });
      return { ok: true as const };
    },
  }),

  register: formAction(schemas.registerSchema, async (input, _context, { fail, ctx }) => {
    const problem = passwordProblem(input.password);
    if (problem) return fail(`errors.${problem}`, 'password');
    const result = await registerResident(getDb(), input.email, input.password, ctx);
    if (!result.ok) return fail('errors.throttled', '', minutes(result.retryAfterMs));
    return { ok: true, email: input.email };
  }),

  confirmEmail: formAction(schemas.confirmCodeSchema, async (input, _context, { fail, ctx }) => {
    const result = await confirmWithCode(getDb(), input.email, input.code, ctx);
    if (result.ok) return { ok: true };
    if (result.reason === 'throttled') return fail('errors.throttled', 'code', minutes(result.retryAfterMs));
    return fail('errors.invalidCode', 'code');
  }),

  confirmLink: formAction(schemas.tokenSchema, async (input, _context, { fail, ctx }) =>
    (await confirmWithToken(getDb(), input.token, ctx)) ? { ok: true } : fail('errors.linkExpired'),
  ),

  secondFactor: formAction(schemas.secondFactorSchema, async (input, context, { fail, ctx }) => {
    const { user, session } = context.locals;
    if (!user || !session) return fail('errors.signInFirst');
    const result = await verifySecondFactor(getDb(), user.id, session.id, input.code, ctx);
    if (result.ok) {
      context.cookies.set(sessionCookieName(), result.token, sessionCookieOptions());
      return { ok: true, usedRecoveryCode: result.usedRecoveryCode };
    }
    if (result.reason === 'throttled') return fail('errors.throttled', 'code', minutes(result.retryAfterMs));
    return fail('errors.invalidCode', 'code');
  }),

  setupTotp: formAction(schemas.totpSetupSchema, async (input, context, { fail, ctx }) => {
    const { user, session } = context.locals;
    if (!user || !session) return fail('errors.signInFirst');
    // Once set, a new secret needs the old factor: that is a reset by an admin, not this form.
    if (user.totpEnabled) return fail('errors.totpAlreadyOn');
    const result = await enableTotp(getDb(), user.id, session.id, input.code, ctx);
    if (!result.ok) return fail('errors.invalidCode', 'code');
    context.cookies.set(sessionCookieName(), result.token, sessionCookieOptions());
    return { ok: true, codes: result.codes };
  }),

  forgotPassword: formAction(schemas.forgotSchema, async (input, _context, { fail, ctx }) => {
    const result = await requestPasswordReset(getDb(), input.email, ctx);
    return result.ok ? { ok: true } : fail('errors.throttled', '', minutes(result.retryAfterMs));
  }),

  resetPassword: formAction(schemas.resetSchema, async (input, context, { fail, ctx }) => {
    const problem = passwordProblem(input.password);
    if (problem) return fail(`errors.${problem}`, 'password');
    if (!(await resetPassword(getDb(), input.token, input.password, ctx))) return fail('errors.linkExpired');
    context.cookies.delete(sessionCookieName(), { path: '/' });
    return { ok: true };
  }),

  acceptInvitation: formAction(schemas.resetSchema, async (input, _context, { fail, ctx }) => {
    const problem = passwordProblem(input.password);
    if (problem) return fail(`errors.${problem}`, 'password');
    return (await acceptInvitation(getDb(), input.token, input.password, ctx)) ? { ok: true } : fail('errors.linkExpired');
  }),

  /** Proof of identity before a sensitive step: the password, or for partners and team a TOTP code. */
  reauthenticate: formAction(schemas.reauthSchema, async (input, context, { fail }) => {
    const { user, session } = context.locals;
    if (!user || !session || context.locals.twoFactorPending) return fail('errors.signInFirst');
    const attempts = await hit(getDb(), `code:reauth:${user.id}`, limits.codePerAccount);
    if (!attempts.allowed) return fail('errors.throttled', 'secret', minutes(attempts.retryAfterMs));
    const account = await findUserById(getDb(), user.id);
    const byTotp = account?.totpSecret ? await totpMatches(getDb(), user.id, account.totpSecret, input.secret) : false;
    if (!byTotp && !(await verifyPassword(account?.passwordHash ?? null, input.secret))) return fail('errors.invalidSecret', 'secret');
    await markReauthenticated(getDb(), session.id);
    await logAccess(getDb(), {
      actorId: user.id,
      subjectId: user.id,
      object: 'session',
      action: 'auth.reauthenticated',
      authority: 'self',
      ipPrefix: requestContext(context).ipPrefix,
    });
    return { ok: true, next: safeReturnPath(input.terug, '/account') };
  }),
};
