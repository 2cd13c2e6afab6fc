import { eq, lt } from 'drizzle-orm';
import type { Db } from './client.ts';
import { idempotencyKeys } from './schema/index.ts';
import { keyedHash } from '../crypto/keyed-hash.ts';
import { seal, unseal } from '../crypto/seal.ts';

// One mechanism for every action that makes something: the form's random key is claimed with an
// insert in the same transaction as the work. A second request with that key waits on the first
// (PostgreSQL holds the inserted key until commit), then reads its answer; when the first fails
// or rolls back, the key is free again and the second simply does the work.

export type Claim = {
  /** The hidden `once` field of the form; without one the work just runs (an old page, a script). */
  key: string | undefined;
  /** Who asks: a user id. The same key from someone else is another claim. */
  actor: string;
  action: string;
};

export const KEEP_KEYS_MS = 24 * 60 * 60_000;

/**
 * Runs `work` once per claim and answers every repeat with the first answer. `keep` says which
 * answers are final; any other (a refusal that may pass later, "try again") frees the key.
 * Answers must survive JSON (no dates).
 */
export async function once<T>(db: Db, claim: Claim, work: (tx: Db) => Promise<T>, keep: (result: T) => boolean): Promise<T> {
  if (!claim.key) return work(db);
  const keyHash = keyedHash(`once:${claim.actor}:${claim.action}:${claim.key}`);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(idempotencyKeys)
      .values({ keyHash, actor: claim.actor, action: claim.action })
      .onConflictDoNothing()
      .returning({ keyHash: idempotencyKeys.keyHash });
    if (!claimed) {
      const [earlier] = await tx.select({ sealed: idempotencyKeys.sealedResult }).from(idempotencyKeys).where(eq(idempotencyKeys.keyHash, keyHash));
      if (earlier?.sealed) return JSON.parse(unseal(earlier.sealed)) as T;
      // Claimed and freed in between: a rare race, and doing the work is what the key allows.
      return work(tx);
    }
    const result = await work(tx);
    if (keep(result))
      await tx
        .update(idempotencyKeys)
        .set({ sealedResult: seal(JSON.stringify(result)) })
        .where(eq(idempotencyKeys.keyHash, keyHash));
    else await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.keyHash, keyHash));
    return result;
  });
}

/** Housekeeping: a key protects against a double click or a retry, not for ever. */
export async function deleteOldKeys(db: Db, now = new Date()): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_KEYS_MS)));
}
