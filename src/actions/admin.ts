import * as schemas from '../lib/schemas/auth.ts';
import { inviteMember } from '../lib/server/accounts/invitations.ts';
import { requireAction } from '../lib/server/auth/guards.ts';
import { isRecent } from '../lib/server/auth/session-rules.ts';
import { getDb } from '../lib/server/db/client.ts';
import { formAction } from './form.ts';

export const admin = {
  invite: formAction(schemas.inviteSchema, async (input, context, { fail, ctx }) => {
    const { user, session } = requireAction(context.locals, 'admin.invite');
    // Giving someone access to other people's data is sensitive: a fresh proof of identity first.
    if (!isRecent(session.reauthenticatedAt, new Date())) return fail('errors.reauthFirst');
    const result = await inviteMember(getDb(), user.id, { ...input, organisation: input.organisation }, ctx);
    if (result.ok) return { ok: true, invited: input.email };
    return fail(result.reason === 'exists' ? 'errors.accountExists' : 'errors.throttled', result.reason === 'exists' ? 'email' : '', { minutes: 60 });
  }, 'admin.invite'),
};
