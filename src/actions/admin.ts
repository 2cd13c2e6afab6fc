import * as schemas from '../lib/schemas/auth.ts';
import { defineAction } from 'astro:actions';
import { z } from 'zod';
import { inviteMember } from '../lib/server/accounts/invitations.ts';
import { deactivateAccount } from '../lib/server/accounts/staff.ts';
import { requireActionInRegion } from '../lib/server/auth/guards.ts';
import { getDb } from '../lib/server/db/client.ts';
import { formAction, requestContext } from './form.ts';

export const admin = {
  invite: formAction(
    schemas.inviteSchema,
    async (input, context, { fail, ctx, once }) => {
      const { user, session, region } = await requireActionInRegion(context.locals, 'admin.invite');
      const result = await once(
        'admin.invite',
        user.id,
        (db) => inviteMember(db, { id: user.id, reauthenticatedAt: session.reauthenticatedAt }, region.id, { ...input, organisation: input.organisation }, ctx),
        (r) => r.ok,
      );
      if (result.ok) return { ok: true, invited: input.email, added: result.added ?? false };
      if (result.reason === 'reauth') return fail('errors.reauthFirst');
      return fail(result.reason === 'exists' ? 'errors.accountExists' : 'errors.throttled', result.reason === 'exists' ? 'email' : '', { minutes: 60 });
    },
    'admin.invite',
  ),
  /** "Toegang stoppen": a partner or team member who left loses access at once. */
  deactivate: defineAction({
    accept: 'form',
    handler: async (form: FormData, context) => {
      const { user, region } = await requireActionInRegion(context.locals, 'admin.deactivate');
      const id = z.uuid().safeParse(form.get('account'));
      return { ok: id.success && (await deactivateAccount(getDb(), user, region.id, id.data, requestContext(context))) };
    },
  }),
};
