import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrationConfirmations, registrations } from '../db/schema/index.ts';
import { keyedHash } from '../crypto/keyed-hash.ts';
import { generateCode, generateToken, hashToken } from '../auth/tokens.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { confirmationExpiry, confirmationState, MAX_WRONG_CODES } from './rules.ts';

// The link (mailed) and the code (on the letter) that let a resident confirm a partner's sign-up.
// Only hashes are kept; the code is keyed with the reference, so the database alone gives nothing away.
const codeHash = (reference: string, code: string) => keyedHash(`confirm:${reference}:${code}`);

/**
 * A new code, and a link token when it will be mailed. A new letter replaces the earlier letters'
 * codes (and so ends a lock after too many wrong codes); the mailed link keeps working.
 */
export async function issueConfirmation(db: Db, registration: { id: string; reference: string }, withLink: boolean, now = new Date()) {
  const code = generateCode();
  const token = withLink ? generateToken() : null;
  if (!withLink) {
    await db
      .update(registrationConfirmations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(registrationConfirmations.registrationId, registration.id),
          isNull(registrationConfirmations.tokenHash),
          isNull(registrationConfirmations.usedAt),
          isNull(registrationConfirmations.revokedAt),
        ),
      );
  }
  await db.insert(registrationConfirmations).values({
    registrationId: registration.id,
    tokenHash: token ? hashToken(token) : null,
    codeHash: codeHash(registration.reference, code),
    expiresAt: confirmationExpiry(now),
  });
  return { code, token };
}

export type Verified = { ok: true; registrationId: string } | { ok: false; reason: 'wrong' | 'locked' | 'used' | 'expired' | 'throttled' };

async function useUp(db: Db, confirmationId: string, registrationId: string, now: Date): Promise<Verified> {
  // Single use: of two requests at once, only the one that flips used_at gets through.
  const [used] = await db
    .update(registrationConfirmations)
    .set({ usedAt: now })
    .where(and(eq(registrationConfirmations.id, confirmationId), isNull(registrationConfirmations.usedAt)))
    .returning({ id: registrationConfirmations.id });
  return used ? { ok: true, registrationId } : { ok: false, reason: 'used' };
}

/** Reference + code from the letter (or the mail). Per network and per reference limited. */
export async function verifyCode(db: Db, reference: string, code: string, ipPrefix: string | null, now = new Date()): Promise<Verified> {
  if (!(await hit(db, `confirm:ip:${ipPrefix ?? 'unknown'}`, limits.confirmCodesPerIp, now)).allowed) return { ok: false, reason: 'throttled' };
  const rows = await db
    .select({ c: registrationConfirmations, status: registrations.status })
    .from(registrationConfirmations)
    .innerJoin(registrations, eq(registrations.id, registrationConfirmations.registrationId))
    .where(eq(registrations.reference, reference));
  const open = rows.filter((r) => confirmationState(r.c, now) === 'open');
  const hash = codeHash(reference, code);
  const match = open.find((r) => r.c.codeHash === hash);
  if (match) return match.status === 'awaiting_confirmation' ? useUp(db, match.c.id, match.c.registrationId, now) : { ok: false, reason: 'used' };
  // The right code on a letter that no longer works: say why (used, locked, or replaced/expired).
  const spent = rows.find((r) => r.c.codeHash === hash);
  if (spent) {
    const state = confirmationState(spent.c, now);
    return { ok: false, reason: state === 'used' || state === 'locked' ? state : 'expired' };
  }
  if (open.length === 0) return { ok: false, reason: rows.some((r) => confirmationState(r.c, now) === 'locked') ? 'locked' : 'wrong' };
  await db
    .update(registrationConfirmations)
    .set({ failedAttempts: sql`${registrationConfirmations.failedAttempts} + 1` })
    .where(
      inArray(
        registrationConfirmations.id,
        open.map((r) => r.c.id),
      ),
    );
  const locked = open.every((r) => r.c.failedAttempts + 1 >= MAX_WRONG_CODES);
  return { ok: false, reason: locked ? 'locked' : 'wrong' };
}

/** The link from the mail: found by the token's hash. */
export async function verifyLink(db: Db, token: string, now = new Date()): Promise<Verified> {
  const [row] = await db
    .select({ c: registrationConfirmations, status: registrations.status })
    .from(registrationConfirmations)
    .innerJoin(registrations, eq(registrations.id, registrationConfirmations.registrationId))
    .where(eq(registrationConfirmations.tokenHash, hashToken(token)));
  if (!row) return { ok: false, reason: 'expired' };
  const state = confirmationState({ ...row.c, failedAttempts: 0 }, now);
  if (state === 'used' || row.status !== 'awaiting_confirmation') return { ok: false, reason: 'used' };
  if (state !== 'open') return { ok: false, reason: 'expired' };
  return useUp(db, row.c.id, row.c.registrationId, now);
}
