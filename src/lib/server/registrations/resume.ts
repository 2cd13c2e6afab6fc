import type { Db } from '../db/client.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { hashToken } from '../auth/tokens.ts';
import { mailLink } from '../accounts/context.ts';
import { queueMail } from '../mail/queue.ts';
import { loadDraft } from './drafts.ts';

/**
 * Mails a link that carries the draft token, so the sign-up can go on elsewhere. The database
 * still holds only the token's hash; the mail says nothing about what was filled in.
 */
export async function mailResumeLink(db: Db, draftToken: string | undefined, email: string, lang: string): Promise<'sent' | 'no_draft' | 'throttled'> {
  const draft = draftToken ? await loadDraft(db, draftToken) : null;
  // A change to an existing sign-up is never mailed away: it holds a whole sign-up.
  if (!draftToken || !draft || draft.editing) return 'no_draft';
  const quota = await hit(db, `mail:${hashToken(email.toLowerCase())}`, limits.mailPerAddress);
  if (!quota.allowed) return 'throttled';
  await queueMail(db, { to: email, lang, template: 'resumeSignup', values: { link: mailLink(`/aanmelden/verder/${draftToken}`, lang) } });
  return 'sent';
}
