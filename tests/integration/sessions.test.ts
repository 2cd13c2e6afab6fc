import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, sessions } from '../../src/lib/server/db/schema/index.ts';
import { createSession, invalidateUserSessions, validateSessionToken, deleteExpiredSessions, markReauthenticated } from '../../src/lib/server/auth/sessions.ts';
import { IDLE_MS, ABSOLUTE_MS } from '../../src/lib/server/auth/session-rules.ts';
import { hashToken } from '../../src/lib/server/auth/tokens.ts';
import { signIn } from '../../src/lib/server/accounts/sign-in.ts';
import { insertUser, requestContext, TEST_PASSWORD } from '../builders/accounts.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

describe('sessions', () => {
  it('store only the SHA-256 of a token of at least 160 bits', async () => {
    const user = await insertUser(database.db);
    const { token } = await createSession(database.db, user.id, {});
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 20 bytes in base32
    const rows = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => r.id)).toEqual([hashToken(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('give a new token at every sign-in', async () => {
    const user = await insertUser(database.db);
    const first = await signIn(database.db, user.email, TEST_PASSWORD, requestContext);
    const second = await signIn(database.db, user.email.toUpperCase(), TEST_PASSWORD, requestContext);
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) expect(first.token).not.toBe(second.token);
  });

  it('end after 30 idle minutes, slide with activity, and end after 12 hours whatever happens', async () => {
    const user = await insertUser(database.db);
    const t0 = new Date('2026-11-23T08:00:00Z');
    const { token } = await createSession(database.db, user.id, {}, t0);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    let now = t0;
    // Active every 20 minutes: still signed in after 11h40m.
    for (; now.getTime() < t0.getTime() + ABSOLUTE_MS - 20 * 60_000; now = new Date(now.getTime() + 20 * 60_000)) {
      expect(await validateSessionToken(database.db, token, now)).not.toBeNull();
    }
    expect(await validateSessionToken(database.db, token, at(ABSOLUTE_MS))).toBeNull();
    const idle = await createSession(database.db, user.id, {}, t0);
    expect(await validateSessionToken(database.db, idle.token, at(IDLE_MS))).toBeNull();
    expect(
      await database.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(idle.token))),
    ).toEqual([]);
  });

  it('refuse a tampered token', async () => {
    const user = await insertUser(database.db);
    const { token } = await createSession(database.db, user.id, {});
    const tampered = (token[0] === 'a' ? 'b' : 'a') + token.slice(1);
    expect(await validateSessionToken(database.db, tampered)).toBeNull();
    expect(await validateSessionToken(database.db, '')).toBeNull();
  });

  it('can all end at once, or all but the current one', async () => {
    const user = await insertUser(database.db);
    const a = await createSession(database.db, user.id, {});
    const b = await createSession(database.db, user.id, {});
    expect(await invalidateUserSessions(database.db, user.id, a.session.id)).toBe(1);
    expect(await validateSessionToken(database.db, a.token)).not.toBeNull();
    expect(await validateSessionToken(database.db, b.token)).toBeNull();
  });

  it('are cleaned up when idle or too old, and only then', async () => {
    const user = await insertUser(database.db);
    const now = new Date();
    await deleteExpiredSessions(database.db, now); // whatever earlier tests left behind
    const idle = await createSession(database.db, user.id, {}, new Date(now.getTime() - IDLE_MS - 1000));
    const old = await createSession(database.db, user.id, {}, new Date(now.getTime() - ABSOLUTE_MS - 1000));
    await database.db
      .update(sessions)
      .set({ expiresAt: new Date(now.getTime() + IDLE_MS) })
      .where(eq(sessions.id, old.session.id));
    const live = await createSession(database.db, user.id, {}, new Date(now.getTime() - IDLE_MS + 60_000));
    expect(await deleteExpiredSessions(database.db, now)).toBe(2);
    const left = (await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id);
    expect(left).toEqual([live.session.id]);
    expect(left).not.toContain(idle.session.id);
  });

  it('ask partners and team for a second factor before anything counts', async () => {
    const partner = await insertUser(database.db, { roles: ['partner'], totpSecret: 'E4B6BCCKUE2UD77IQO6NXZZHOD2LD2FV' });
    const result = await signIn(database.db, partner.email, TEST_PASSWORD, requestContext);
    expect(result).toMatchObject({ ok: true, next: 'two_factor' });
    const noTotp = await insertUser(database.db, { roles: ['planner'] });
    expect(await signIn(database.db, noTotp.email, TEST_PASSWORD, requestContext)).toMatchObject({ ok: true, next: 'two_factor_setup' });
    if (result.ok) expect((await validateSessionToken(database.db, result.token))?.twoFactorPending).toBe(true);
  });
});

describe('sign-in', () => {
  it('answers the same for an unknown address and a wrong password, and logs both', async () => {
    const user = await insertUser(database.db);
    const failed = () => database.db.select().from(accessLog).where(eq(accessLog.action, 'auth.sign_in_failed'));
    const before = (await failed()).length;
    const unknown = await signIn(database.db, 'niemand@test.example', TEST_PASSWORD, requestContext);
    const wrong = await signIn(database.db, user.email, 'verkeerd-wachtwoord', requestContext);
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    const failures = await failed();
    expect(failures.length).toBe(before + 2);
    expect(failures.every((f) => f.ipPrefix === '192.0.2.0/24')).toBe(true);
  });

  it('slows an account down after repeated failures, also for the right password', async () => {
    const user = await insertUser(database.db);
    for (let i = 0; i < 5; i++) await signIn(database.db, user.email, `fout-${i}-wachtwoord`, requestContext);
    const locked = await signIn(database.db, user.email, TEST_PASSWORD, requestContext);
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('does not open an unconfirmed account', async () => {
    const user = await insertUser(database.db, { verified: false });
    expect(await signIn(database.db, user.email, TEST_PASSWORD, requestContext)).toEqual({ ok: false, reason: 'unverified' });
  });
});

describe('access log', () => {
  it('is append-only: the database refuses updates and deletes', async () => {
    const user = await insertUser(database.db);
    await signIn(database.db, user.email, TEST_PASSWORD, requestContext);
    // drizzle wraps the database's refusal; the trigger's own words are in the cause.
    const refused = { cause: expect.objectContaining({ message: 'access_log is append-only' }) };
    await expect(database.db.update(accessLog).set({ action: 'x' }).where(eq(accessLog.subjectId, user.id))).rejects.toMatchObject(refused);
    await expect(database.db.delete(accessLog).where(eq(accessLog.subjectId, user.id))).rejects.toMatchObject(refused);
    // TRUNCATE passes row triggers by; a statement trigger refuses it too.
    await expect(database.db.execute(sql`truncate access_log`)).rejects.toMatchObject(refused);
    const rows = await database.db.select().from(accessLog).where(eq(accessLog.subjectId, user.id));
    expect(rows.map((r) => r.action)).toContain('auth.sign_in');
  });
});

// Written to kill the mutants the first Stryker run left alive (docs/mutation.md).
describe('sessions at the edges', () => {
  const t0 = new Date('2026-11-23T08:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const row = async (id: string) => (await database.db.select().from(sessions).where(eq(sessions.id, id)))[0]!;

  it('keep the browser (cut to 200 characters) and the network they were made from, or nothing', async () => {
    const user = await insertUser(database.db);
    const { session } = await createSession(database.db, user.id, { userAgent: 'x'.repeat(300), ipPrefix: '192.0.2.0/24' }, t0);
    expect(await row(session.id)).toMatchObject({ userAgent: 'x'.repeat(200), ipPrefix: '192.0.2.0/24' });
    const { session: bare } = await createSession(database.db, user.id, {}, t0);
    expect(await row(bare.id)).toMatchObject({ userAgent: null, ipPrefix: null });
  });

  it('hand back the slid session, and tell whether the address is confirmed and the app set up', async () => {
    const plain = await insertUser(database.db, { verified: false });
    const { token, session } = await createSession(database.db, plain.id, {}, t0);
    const later = await validateSessionToken(database.db, token, at(20 * 60_000));
    expect(later?.session.id).toBe(session.id);
    expect(later?.session.expiresAt.getTime()).toBe(at(50 * 60_000).getTime());
    expect(later?.user).toMatchObject({ emailVerified: false, totpEnabled: false });
    const staff = await insertUser(database.db, { roles: ['worker'], totpSecret: 'L6WP3ZAIMI3CYM7WPWWIHUPLJBXM64VX' });
    const other = await createSession(database.db, staff.id, {}, t0);
    expect((await validateSessionToken(database.db, other.token, t0))?.user).toMatchObject({ emailVerified: true, totpEnabled: true });
  });

  it('note a fresh password or code', async () => {
    const user = await insertUser(database.db);
    const { session } = await createSession(database.db, user.id, {}, t0);
    await markReauthenticated(database.db, session.id, at(60_000));
    expect((await row(session.id)).reauthenticatedAt.getTime()).toBe(at(60_000).getTime());
  });
});
