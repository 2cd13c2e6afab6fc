import { randomUUID } from 'node:crypto';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, recoveryCodes, sessions, users } from '../../src/lib/server/db/schema/index.ts';
import { enableTotp, pendingTotpSecret, renewRecoveryCodes, unusedRecoveryCodes, verifySecondFactor } from '../../src/lib/server/accounts/two-factor.ts';
import { limits } from '../../src/lib/server/auth/rate-limit-rules.ts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();
const SECRET = 'L6WP3ZAIMI3CYM7WPWWIHUPLJBXM64VX';
const codeNow = (secret = SECRET) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function worker() {
  const user = await insertUser(database.db, { roles: ['worker'], totpSecret: SECRET });
  const { session } = await createSession(database.db, user.id, {});
  return { user, session };
}
// A passed second factor replaces the session (a new token): the new one is verified.
const verifiedWith = async (result: { ok: boolean; token?: string }) =>
  result.ok && result.token ? (await validateSessionToken(database.db, result.token))?.twoFactorPending === false : false;
const verifiedAt = async (sessionId: string) => (await database.db.select().from(sessions).where(eq(sessions.id, sessionId)))[0]!.twoFactorVerifiedAt;

describe('the second factor', () => {
  it('accepts a TOTP code once: the same code again, in any session, is refused', async () => {
    const { user, session } = await worker();
    const code = codeNow();
    const passed = await verifySecondFactor(database.db, user.id, session.id, code, requestContext);
    expect(passed).toMatchObject({ ok: true, usedRecoveryCode: false });
    expect(await verifiedWith(passed)).toBe(true);
    const { session: other } = await createSession(database.db, user.id, {});
    expect(await verifySecondFactor(database.db, user.id, other.id, code, requestContext)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifiedAt(other.id)).toBeNull();
  });

  it('refuses a wrong code and logs each try against the person', async () => {
    const { user, session } = await worker();
    expect(await verifySecondFactor(database.db, user.id, session.id, wrong(codeNow()), requestContext)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifySecondFactor(database.db, user.id, session.id, 'abc', requestContext)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifiedAt(session.id)).toBeNull();
    expect(await verifySecondFactor(database.db, user.id, session.id, ` ${codeNow().slice(0, 3)} ${codeNow().slice(3)} `, requestContext)).toMatchObject({
      ok: true,
    });
    const log = await database.db.select().from(accessLog).where(eq(accessLog.subjectId, user.id)).orderBy(accessLog.id);
    expect(log.map((l) => l.action)).toEqual(['auth.two_factor_failed', 'auth.two_factor_failed', 'auth.two_factor_passed']);
  });

  it(`stops guessing after ${limits.codePerAccount.max} tries: then even the right code waits`, async () => {
    const { user, session } = await worker();
    for (let i = 0; i < limits.codePerAccount.max; i++) {
      expect(await verifySecondFactor(database.db, user.id, session.id, wrong(codeNow()), requestContext)).toEqual({ ok: false, reason: 'invalid' });
    }
    const refused = await verifySecondFactor(database.db, user.id, session.id, codeNow(), requestContext);
    expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
    expect(refused.ok === false && refused.reason === 'throttled' && refused.retryAfterMs).toBeGreaterThan(0);
    expect(await verifiedAt(session.id)).toBeNull();
  });

  it(`counts only wrong codes: more than ${limits.codePerAccount.max} right ones in a row all pass, and a right one gives its try back`, async () => {
    const { user } = await worker();
    const codes = await renewRecoveryCodes(database.db, user.id);
    for (const code of [...codes, codeNow()]) {
      const { session } = await createSession(database.db, user.id, {});
      expect(await verifySecondFactor(database.db, user.id, session.id, code, requestContext)).toMatchObject({ ok: true });
    }
    // The wrong ones still count: the limit is reached after exactly max wrong codes.
    const { session } = await createSession(database.db, user.id, {});
    for (let i = 0; i < limits.codePerAccount.max; i++) {
      expect(await verifySecondFactor(database.db, user.id, session.id, 'AAAA-AAAA-AA', requestContext)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await verifySecondFactor(database.db, user.id, session.id, 'AAAA-AAAA-AA', requestContext)).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('is not asked of someone who has not set up the app', async () => {
    const user = await insertUser(database.db, { roles: ['worker'] });
    const { session } = await createSession(database.db, user.id, {});
    expect(await verifySecondFactor(database.db, user.id, session.id, codeNow(), requestContext)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('recovery codes', () => {
  it('are ten different codes, stored only as hashes, each usable once, typed in any case or spacing', async () => {
    const { user, session } = await worker();
    const codes = await renewRecoveryCodes(database.db, user.id);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{2}$/);
    const dump = JSON.stringify(await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)));
    for (const code of codes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replaceAll('-', ''));
    }
    expect(await unusedRecoveryCodes(database.db, user.id)).toBe(10);

    const typed = ` ${codes[3]!.toLowerCase().replaceAll('-', ' ')} `;
    expect(await verifySecondFactor(database.db, user.id, session.id, typed, requestContext)).toMatchObject({ ok: true, usedRecoveryCode: true });
    expect(await unusedRecoveryCodes(database.db, user.id)).toBe(9);
    const { session: other } = await createSession(database.db, user.id, {});
    expect(await verifySecondFactor(database.db, user.id, other.id, codes[3]!, requestContext)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifiedAt(other.id)).toBeNull();
    const [used] = await database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectId, user.id), eq(accessLog.action, 'auth.two_factor_passed')));
    expect(used?.detail).toEqual({ recoveryCode: true });
  });

  it('belong to one person: another account cannot use them', async () => {
    const owner = await worker();
    const stranger = await worker();
    const [code] = await renewRecoveryCodes(database.db, owner.user.id);
    expect(await verifySecondFactor(database.db, stranger.user.id, stranger.session.id, code!, requestContext)).toEqual({ ok: false, reason: 'invalid' });
    expect(await unusedRecoveryCodes(database.db, owner.user.id)).toBe(10);
  });

  it('renewed, replace every earlier code', async () => {
    const { user, session } = await worker();
    const old = await renewRecoveryCodes(database.db, user.id);
    const fresh = await renewRecoveryCodes(database.db, user.id);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);
    expect(await verifySecondFactor(database.db, user.id, session.id, old[0]!, requestContext)).toEqual({ ok: false, reason: 'invalid' });
    expect(await unusedRecoveryCodes(database.db, user.id)).toBe(10);
  });
});

describe('setting up the app', () => {
  it('keeps one pending secret, sealed, and turns TOTP on only with a right code', async () => {
    const user = await insertUser(database.db, { roles: ['partner'] });
    const { session } = await createSession(database.db, user.id, {});
    const secret = (await pendingTotpSecret(database.db, user.id))!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await pendingTotpSecret(database.db, user.id)).toBe(secret);
    const [stored] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(stored!.totpSecret).toMatch(/^v1\./);
    expect(stored!.totpSecret).not.toContain(secret);

    expect(await enableTotp(database.db, user.id, session.id, wrong(codeNow(secret)), requestContext)).toEqual({ ok: false });
    expect(await verifiedAt(session.id)).toBeNull();
    const enabled = await enableTotp(database.db, user.id, session.id, codeNow(secret), requestContext);
    expect(enabled.ok && enabled.codes).toHaveLength(10);
    expect(await verifiedWith(enabled)).toBe(true);
    expect(await pendingTotpSecret(database.db, user.id)).toBeNull();
    // Set up once: a second setup with a fresh code changes nothing.
    expect(await enableTotp(database.db, user.id, session.id, codeNow(secret), requestContext)).toEqual({ ok: false });
  });
});

// Written to kill the mutants the first Stryker run left alive (docs/mutation.md).
describe('the second factor, at its edges', () => {
  const otherLetters = (code: string) => code.replace(/[A-Z]/g, (c) => (c === 'Z' ? 'A' : String.fromCharCode(c.charCodeAt(0) + 1)));

  it('makes a new random secret for each person', async () => {
    const [a, b] = [await insertUser(database.db, { roles: ['worker'] }), await insertUser(database.db, { roles: ['worker'] })];
    expect(await pendingTotpSecret(database.db, a.id)).not.toBe(await pendingTotpSecret(database.db, b.id));
  });

  it('refuses a recovery code whose letters are wrong even when its digits are right', async () => {
    const { user, session } = await worker();
    const codes = await renewRecoveryCodes(database.db, user.id);
    const code = codes.find((c) => /[A-Z]/.test(c))!;
    expect(await verifySecondFactor(database.db, user.id, session.id, otherLetters(code), requestContext)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('still refuses a used TOTP code some time later (the replay window is minutes, not milliseconds)', async () => {
    const { user, session } = await worker();
    const code = codeNow();
    expect(await verifySecondFactor(database.db, user.id, session.id, code, requestContext)).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await verifySecondFactor(database.db, user.id, session.id, code, requestContext)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('is refused while the app is only being set up, and for an unknown account', async () => {
    const user = await insertUser(database.db, { roles: ['worker'] });
    const { session } = await createSession(database.db, user.id, {});
    const secret = (await pendingTotpSecret(database.db, user.id))!;
    expect(await verifySecondFactor(database.db, user.id, session.id, codeNow(secret), requestContext)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifySecondFactor(database.db, randomUUID(), session.id, codeNow(secret), requestContext)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('cannot be turned on without a pending secret, nor for an unknown account', async () => {
    const user = await insertUser(database.db, { roles: ['worker'] });
    const { session } = await createSession(database.db, user.id, {});
    expect(await enableTotp(database.db, user.id, session.id, codeNow(), requestContext)).toEqual({ ok: false });
    expect(await enableTotp(database.db, randomUUID(), session.id, codeNow(), requestContext)).toEqual({ ok: false });
  });

  it('logs turning it on and each try as the person acting on their own account or session', async () => {
    const user = await insertUser(database.db, { roles: ['worker'] });
    const { session } = await createSession(database.db, user.id, {});
    const secret = (await pendingTotpSecret(database.db, user.id))!;
    expect(await enableTotp(database.db, user.id, session.id, codeNow(secret), requestContext)).toMatchObject({ ok: true });
    await verifySecondFactor(database.db, user.id, session.id, 'abc', requestContext);
    const log = await database.db.select().from(accessLog).where(eq(accessLog.subjectId, user.id)).orderBy(accessLog.id);
    expect(log.map(({ actorId, object, action, authority }) => ({ actorId, object, action, authority }))).toEqual([
      { actorId: user.id, object: 'account', action: 'auth.two_factor_enabled', authority: 'self' },
      { actorId: user.id, object: 'session', action: 'auth.two_factor_failed', authority: 'self' },
    ]);
  });
});
