import { and, eq, isNull } from 'drizzle-orm';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';
import type { Db } from '../db/client.ts';
import { recoveryCodes, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { hit, refund } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { markTwoFactorVerified } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import { seal, unseal } from '../crypto/seal.ts';
import type { RequestContext } from './context.ts';
import { findUserById } from './queries.ts';

const PERIOD = 30;
const DIGITS = 6;
const RECOVERY_CODES = 10;

export const newTotpSecret = (): string => {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes);
};

export const totpUri = (email: string, secret: string): string => createTOTPKeyURI('HOG-portaal', email, decodeBase32IgnorePadding(secret), PERIOD, DIGITS);

/** Codes like "K7QD-M2XF-P9": 50 random bits each, stored as SHA-256 like every other token. */
function newRecoveryCode(): string {
  const bytes = new Uint8Array(7);
  crypto.getRandomValues(bytes);
  const raw = encodeBase32UpperCaseNoPadding(bytes).slice(0, 10);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}
const normalizeRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Replaces all recovery codes; the plain codes are shown once and never stored. */
export async function renewRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashToken(normalizeRecovery(c)) })));
  return codes;
}

/** The secret being set up: made once and kept sealed until the first code proves the app has it. */
export async function pendingTotpSecret(db: Db, userId: string): Promise<string | null> {
  const user = await findUserById(db, userId);
  if (!user || user.totpEnabledAt) return null;
  if (user.totpSecret) return unseal(user.totpSecret);
  const secret = newTotpSecret();
  await db
    .update(users)
    .set({ totpSecret: seal(secret) })
    .where(eq(users.id, userId));
  return secret;
}

/** Turns on TOTP after the person proved their app shows the right code. */
export async function enableTotp(db: Db, userId: string, sessionId: string, code: string, ctx: RequestContext) {
  const user = await findUserById(db, userId);
  if (!user?.totpSecret || user.totpEnabledAt || !(await totpMatches(db, userId, user.totpSecret, code))) return { ok: false as const };
  return db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, userId));
    const codes = await renewRecoveryCodes(tx, userId);
    const token = await markTwoFactorVerified(tx, sessionId);
    await logAccess(tx, {
      actorId: userId,
      subjectId: userId,
      object: 'account',
      action: 'auth.two_factor_enabled',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
    return { ok: true as const, codes, token };
  });
}

/** A TOTP code from the person's app; each code counts once, so an overheard code cannot be replayed. */
export async function totpMatches(db: Db, userId: string, sealedSecret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  if (!verifyTOTPWithGracePeriod(decodeBase32IgnorePadding(unseal(sealedSecret)), PERIOD, DIGITS, code, PERIOD)) return false;
  return (await hit(db, `totp-used:${userId}:${code}`, { max: 1, windowMs: 3 * PERIOD * 1000 })).allowed;
}

export type SecondFactorResult =
  { ok: true; usedRecoveryCode: boolean; token: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterMs: number };

/** Checks a TOTP code (each code once) or a recovery code (each once), and marks the session. */
export async function verifySecondFactor(db: Db, userId: string, sessionId: string, input: string, ctx: RequestContext): Promise<SecondFactorResult> {
  // A limit on wrong codes: counted before the check (so parallel guesses cannot pass it), and given
  // back when the code is right, so a person who signs in often is never stopped by it.
  const attempts = await hit(db, `code:2fa:${userId}`, limits.codePerAccount);
  if (!attempts.allowed) return { ok: false, reason: 'throttled', retryAfterMs: attempts.retryAfterMs };
  const user = await findUserById(db, userId);
  if (!user?.totpSecret || !user.totpEnabledAt) return { ok: false, reason: 'invalid' };
  const code = input.replace(/\s/g, '');
  let usedRecoveryCode = false;
  let valid: boolean;
  if (/^\d{6}$/.test(code)) {
    valid = await totpMatches(db, userId, user.totpSecret, code);
  } else {
    const [row] = await db
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashToken(normalizeRecovery(code))), isNull(recoveryCodes.usedAt)))
      .returning();
    valid = usedRecoveryCode = !!row;
  }
  await logAccess(db, {
    actorId: userId,
    subjectId: userId,
    object: 'session',
    action: valid ? 'auth.two_factor_passed' : 'auth.two_factor_failed',
    authority: 'self',
    ipPrefix: ctx.ipPrefix,
    ...(usedRecoveryCode ? { detail: { recoveryCode: true } } : {}),
  });
  if (!valid) return { ok: false, reason: 'invalid' };
  await refund(db, `code:2fa:${userId}`);
  const token = await markTwoFactorVerified(db, sessionId);
  return { ok: true, usedRecoveryCode, token };
}

export async function unusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const rows = await db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
