import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { userTokens, type TokenPurpose } from '../db/schema/index.ts';
import { generateCode, generateToken, hashCode, hashToken } from '../auth/tokens.ts';
import { seal, unseal } from '../crypto/seal.ts';

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  email_confirmation: 15 * 60_000,
  email_change: 15 * 60_000,
  password_reset: 60 * 60_000,
  invitation: 72 * 60 * 60_000,
};

type Issued = { token: string; code: string | null };

/** A new single-use token (and optional 6-digit code); older unused ones of the same purpose end. */
export async function issueToken(
  db: Db,
  userId: string,
  purpose: TokenPurpose,
  options: { withCode?: boolean; data?: { email?: string }; now?: Date } = {},
): Promise<Issued> {
  const now = options.now ?? new Date();
  const token = generateToken();
  const code = options.withCode ? generateCode() : null;
  await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  await db.insert(userTokens).values({
    id: hashToken(token),
    userId,
    purpose,
    codeHash: code ? hashCode(userId, code) : null,
    sealedData: options.data ? seal(JSON.stringify(options.data)) : null,
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]),
    createdAt: now,
  });
  return { token, code };
}

type Consumed = typeof userTokens.$inferSelect;

/** What was kept with a token (an e-mail change's new address), unsealed. */
export const tokenData = (row: Consumed): { email?: string } => (row.sealedData ? (JSON.parse(unseal(row.sealedData)) as { email?: string }) : {});

/** Uses a link token once: one atomic update, so a replayed or racing request finds nothing. */
export async function consumeToken(db: Db, token: string, purpose: TokenPurpose, now = new Date()): Promise<Consumed | null> {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.id, hashToken(token)), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
    .returning();
  return row ?? null;
}

/** Whether a link token is still usable, without using it (to show its form). */
export async function peekToken(db: Db, token: string, purpose: TokenPurpose, now = new Date()): Promise<Consumed | null> {
  const [row] = await db
    .select()
    .from(userTokens)
    .where(and(eq(userTokens.id, hashToken(token)), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)));
  return row ?? null;
}

/** Uses a 6-digit code once. The code is bound to the account in its hash. */
export async function consumeCode(db: Db, userId: string, code: string, purpose: TokenPurpose, now = new Date()) {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.userId, userId),
        eq(userTokens.purpose, purpose),
        eq(userTokens.codeHash, hashCode(userId, code)),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}
