import * as schemas from '../lib/schemas/auth.ts';
import { inviteMember } from '../lib/server/accounts/invitations.ts';
import { requireAction } from '../lib/server/auth/guards.ts';
import { getDb } from '../lib/server/db/client.ts';
import { formAction } from './form.ts';

export const admin = {
  invite: formAction(
    schemas.inviteSchema,
    async (input, context, { fail, ctx }) => {
      const { user, session } = requireAction(context.locals, 'admin.invite');
      const result = await inviteMember(
        getDb(),
        { id: user.id, reauthenticatedAt: session.reauthenticatedAt },
        { ...input, organisation: input.organisation },
        ctx,
      );
      if (result.ok) return { ok: true, invited: input.email };
      if (result.reason === 'reauth') return fail('errors.reauthFirst');
      return fail(result.reason === 'exists' ? 'errors.accountExists' : 'errors.throttled', result.reason === 'exists' ? 'email' : '', { minutes: 60 });
    },
    'admin.invite',
  ),
};
