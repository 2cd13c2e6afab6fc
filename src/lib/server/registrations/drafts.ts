import { and, eq, gt, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { preparedFor } from '../db/prepared.ts';
import type { Db } from '../db/client.ts';
import { signupDrafts } from '../db/schema/index.ts';
import type { SignupAnswers } from '../../schemas/signup.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { seal, unseal } from '../crypto/seal.ts';

export const DRAFT_TTL_MS = 7 * 24 * 60 * 60_000;

// Read on every sign-up step: built once, not per request. A resident's draft (no partner) and a
// partner's are two statements, so neither can match the other's.
const draftById = (db: Db, owner: SQL | undefined) =>
  db
    .select({ sealedAnswers: signupDrafts.sealedAnswers })
    .from(signupDrafts)
    .where(and(eq(signupDrafts.id, sql.placeholder('id')), gt(signupDrafts.expiresAt, sql.placeholder('now')), owner));
const residentDraft = preparedFor((db) => draftById(db, isNull(signupDrafts.partnerId)).prepare('resident_draft'));
const partnerDraft = preparedFor((db) => draftById(db, eq(signupDrafts.partnerId, sql.placeholder('partnerId'))).prepare('partner_draft'));

/**
 * The answers so far, or null when there is no draft or it is older than 7 days. `partnerId`: a
 * partner's draft is theirs alone; a resident's draft (null) is never a partner's.
 */
export async function loadDraft(db: Db, token: string | undefined, now = new Date(), partnerId: string | null = null): Promise<SignupAnswers | null> {
  if (!token) return null;
  // A placeholder skips drizzle's own mapping of a Date: the driver gets the ISO text.
  const id = hashToken(token);
  const at = now.toISOString();
  const [row] = await (partnerId ? partnerDraft(db).execute({ id, now: at, partnerId }) : residentDraft(db).execute({ id, now: at }));
  return row ? (JSON.parse(unseal(row.sealedAnswers)) as SignupAnswers) : null;
}

/**
 * Saves the answers under `existingToken` (a draft the caller has just loaded), or under a new
 * token when there is none; returns the token. The caller loaded the draft already: not twice.
 */
export async function saveDraft(
  db: Db,
  existingToken: string | undefined,
  answers: SignupAnswers,
  now = new Date(),
  partnerId: string | null = null,
): Promise<string> {
  const use = existingToken ?? generateToken();
  const values = { sealedAnswers: seal(JSON.stringify(answers)), expiresAt: new Date(now.getTime() + DRAFT_TTL_MS) };
  await db
    .insert(signupDrafts)
    .values({ id: hashToken(use), partnerId, ...values })
    .onConflictDoUpdate({ target: signupDrafts.id, set: values });
  return use;
}

/** Whether this network may start another draft: each one is a row, so not without end. */
export async function mayStartDraft(db: Db, ipPrefix: string | null): Promise<boolean> {
  return (await hit(db, `draft:ip:${ipPrefix ?? 'unknown'}`, limits.draftsPerIp)).allowed;
}

export async function deleteDraft(db: Db, token: string): Promise<void> {
  await db.delete(signupDrafts).where(eq(signupDrafts.id, hashToken(token)));
}

export async function deleteExpiredDrafts(db: Db, now = new Date()): Promise<void> {
  await db.delete(signupDrafts).where(lt(signupDrafts.expiresAt, now));
}

/**
 * The draft as this visitor may see it: a draft that changes an existing sign-up belongs to its
 * resident, and is empty for anyone else on the same browser (a shared computer, after sign-out).
 */
export function draftFor(answers: SignupAnswers | null, userId: string | null | undefined): SignupAnswers | null {
  if (!answers?.editing) return answers;
  return answers.owner && answers.owner === userId ? answers : null;
}
