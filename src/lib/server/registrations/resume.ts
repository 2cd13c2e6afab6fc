import type { Db } from '../db/client.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { mailLink } from '../accounts/context.ts';
import { queueMail } from '../mail/queue.ts';
import { loadDraft } from './drafts.ts';
import { isDiscreet } from './mails.ts';

/**
 * Mails a link that carries the draft token, so the sign-up can go on elsewhere. The database
 * still holds only the token's hash; the mail says nothing about what was filled in.
 */
export async function mailResumeLink(
  db: Db,
  draftToken: string | undefined,
  email: string,
  lang: string,
  ipPrefix: string | null,
): Promise<'sent' | 'no_draft' | 'throttled'> {
  const draft = draftToken ? await loadDraft(db, draftToken) : null;
  // A change to an existing sign-up is never mailed away: it holds a whole sign-up.
  if (!draftToken || !draft || draft.editing) return 'no_draft';
  // One draft is one person: a few links to their own address, not a mailing to many.
  const quotas = [
    [`mail:${email.toLowerCase()}`, limits.mailPerAddress],
    [`resume:draft:${draftToken}`, limits.resumeLinksPerDraft],
    [`resume:ip:${ipPrefix ?? 'unknown'}`, limits.requestsPerIp],
  ] as const;
  for (const [name, limit] of quotas) if (!(await hit(db, name, limit)).allowed) return 'throttled';
  await queueMail(db, {
    to: email,
    lang,
    template: 'resumeSignup',
    values: { link: mailLink(`/aanmelden/verder/${draftToken}`, lang) },
    discreet: isDiscreet(draft.contact),
  });
  return 'sent';
}
