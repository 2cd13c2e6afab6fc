import { defineAction, type ActionAPIContext } from 'astro:actions';
import * as schemas from '../lib/schemas/auth.ts';
import { changePassword, confirmEmailChange, requestEmailChange } from '../lib/server/accounts/account-changes.ts';
import { renewRecoveryCodes } from '../lib/server/accounts/two-factor.ts';
import { logAccess } from '../lib/server/audit/log.ts';
import { requireAction } from '../lib/server/auth/guards.ts';
import { passwordProblem } from '../lib/server/auth/passwords.ts';
import { isRecent } from '../lib/server/auth/session-rules.ts';
import { invalidateUserSessions } from '../lib/server/auth/sessions.ts';
import { getDb } from '../lib/server/db/client.ts';
import { formAction, requestContext } from './form.ts';
import { switchRegion } from '../lib/server/auth/region-switch.ts';
import { homeFor } from '../lib/server/auth/home.ts';
import { z } from 'zod';

export const account = {
  /** A partner or team member with roles in several regions works in another one from now on. */
  switchRegion: defineAction({
    accept: 'form',
    handler: async (form: FormData, context: ActionAPIContext) => {
      const { user, session } = requireAction(context.locals, 'account.switchRegion');
      const id = z.uuid().safeParse(form.get('region'));
      if (!id.success || !(await switchRegion(getDb(), session, id.data))) return { ok: false as const };
      return { ok: true as const, home: homeFor(user.memberships.filter((m) => m.regionId === id.data).map((m) => m.role)) };
    },
  }),

  changePassword: formAction(
    schemas.changePasswordSchema,
    async (input, context, { fail, ctx }) => {
      const { user, session } = requireAction(context.locals, 'account.changePassword');
      const problem = passwordProblem(input.password);
      if (problem) return fail(`errors.${problem}`, 'password');
      const result = await changePassword(getDb(), { userId: user.id, sessionId: session.id }, input.current, input.password, ctx);
      return result === 'ok' ? { ok: true, done: 'password' } : fail('errors.wrongPassword', 'current');
    },
    'account.changePassword',
  ),

  changeEmail: formAction(
    schemas.changeEmailSchema,
    async (input, context, { fail, ctx }) => {
      const { user, session } = requireAction(context.locals, 'account.changeEmail');
      const result = await requestEmailChange(getDb(), { userId: user.id, sessionId: session.id }, input.password, input.email, ctx);
      if (result === 'throttled') return fail('errors.throttled', '', { minutes: 60 });
      return result === 'ok' ? { ok: true, done: 'email' } : fail('errors.wrongPassword', 'password');
    },
    'account.changeEmail',
  ),

  /** Public: the link in the mail works without being signed in on that device. */
  confirmEmailChange: formAction(schemas.tokenSchema, async (input, _context, { fail, ctx }) =>
    (await confirmEmailChange(getDb(), input.token, ctx)) ? { ok: true } : fail('errors.linkExpired'),
  ),

  signOutOthers: defineAction({
    accept: 'form',
    handler: async (_input: FormData, context: ActionAPIContext) => {
      const { user, session } = requireAction(context.locals, 'account.signOutOthers');
      const ended = await invalidateUserSessions(getDb(), user.id, session.id);
      await logAccess(getDb(), {
        actorId: user.id,
        subjectId: user.id,
        object: 'session',
        action: 'auth.sessions_revoked',
        authority: 'self',
        ipPrefix: requestContext(context).ipPrefix,
        detail: { ended },
      });
      return { ok: true as const, ended };
    },
  }),

  renewRecoveryCodes: defineAction({
    accept: 'form',
    handler: async (_input: FormData, context: ActionAPIContext) => {
      const { user, session } = requireAction(context.locals, 'account.renewRecoveryCodes');
      if (!isRecent(session.reauthenticatedAt, new Date())) return { ok: false as const, reauth: true };
      const codes = await renewRecoveryCodes(getDb(), user.id);
      await logAccess(getDb(), {
        actorId: user.id,
        subjectId: user.id,
        object: 'account',
        action: 'auth.recovery_codes_renewed',
        authority: 'self',
        ipPrefix: requestContext(context).ipPrefix,
      });
      return { ok: true as const, codes };
    },
  }),
};
