import type { Db } from '../db/client.ts';
import { deleteDraft, loadDraft, saveDraft } from './drafts.ts';
import type { SignupAnswers } from '../../schemas/signup.ts';

/**
 * Takes over a draft from a "later verder" link. The answers move to a NEW token and the old one
 * ends, so a link someone forwards (or plants in another person's browser) cannot be used to
 * read what gets typed next.
 */
export async function takeOverDraft(db: Db, linkToken: string): Promise<{ token: string; answers: SignupAnswers } | null> {
  const answers = await loadDraft(db, linkToken);
  if (!answers || answers.editing) return null;
  return db.transaction(async (tx) => {
    const token = await saveDraft(tx, undefined, answers);
    await deleteDraft(tx, linkToken);
    return { token, answers };
  });
}

const order = ['about', 'contact', 'topic', 'place', 'when', 'naaste'] as const;

/** The first step still to fill in, as its index in the steps of /aanmelden. */
export const firstOpenStep = (a: SignupAnswers): number => {
  const open = order.findIndex((k) => !a[k]);
  return open === -1 ? order.length : open;
};
