import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, users } from '../../src/lib/server/db/schema/index.ts';
import { deactivateAccount, listStaffAccounts } from '../../src/lib/server/accounts/staff.ts';
import { insertRegion } from '../builders/region.ts';
import { lastMailTo as lastMail } from './mail.ts';
import { confirmWithCode, registerResident } from '../../src/lib/server/accounts/registration.ts';
import { requestPasswordReset, resetPassword } from '../../src/lib/server/accounts/password-reset.ts';
import { changePassword, confirmEmailChange, requestEmailChange } from '../../src/lib/server/accounts/account-changes.ts';
import { acceptInvitation, inviteMember } from '../../src/lib/server/accounts/invitations.ts';
import { signIn } from '../../src/lib/server/accounts/sign-in.ts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions.ts';
import { hashToken } from '../../src/lib/server/auth/tokens.ts';
import { insertUser, requestContext, TEST_PASSWORD } from '../builders/accounts.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

const lastMailTo = (to: string) => lastMail(database.db, to);
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];
const tokenIn = (text: string, path: string) => new RegExp(`${path}/([a-z2-7]{32})`).exec(text)?.[1];

describe('a resident account', () => {
  it('is made, confirmed with the mailed code (once), and then opens', async () => {
    const email = 'nieuw@test.example';
    expect(await registerResident(database.db, email, 'mijn eigen lange zin', requestContext)).toEqual({ ok: true });
    expect(await signIn(database.db, email, 'mijn eigen lange zin', requestContext)).toEqual({ ok: false, reason: 'unverified' });
    const code = codeIn((await lastMailTo(email))!.text)!;
    expect(await confirmWithCode(database.db, email, '000000' === code ? '111111' : '000000', requestContext)).toEqual({ ok: false, reason: 'invalid' });
    expect(await confirmWithCode(database.db, email, code, requestContext)).toEqual({ ok: true });
    expect(await confirmWithCode(database.db, email, code, requestContext)).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(database.db, email, 'mijn eigen lange zin', requestContext)).toMatchObject({ ok: true, next: 'resident' });
  });

  it('answers the same for an address that already has an account, and tells its owner', async () => {
    const existing = await insertUser(database.db);
    const before = await database.db.select().from(users).where(eq(users.email, existing.email));
    expect(await registerResident(database.db, existing.email, 'een ander wachtwoord', requestContext)).toEqual({ ok: true });
    expect(await database.db.select().from(users).where(eq(users.email, existing.email))).toEqual(before);
    const mail = await lastMailTo(existing.email);
    expect(mail?.text).not.toMatch(/\b\d{6}\b/);
  });

  it('keeps no code or token in plain text, only their hashes', async () => {
    await registerResident(database.db, 'plain@test.example', 'nog een lange zin', requestContext);
    const text = (await lastMailTo('plain@test.example'))!.text;
    const code = codeIn(text)!;
    const token = tokenIn(text, '/account-bevestigen')!;
    expect(token).toBeTruthy();
    const dump = JSON.stringify(await database.db.execute('select * from user_tokens'));
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(token);
    expect(dump).toContain(hashToken(token));
  });
});

describe('forgot password', () => {
  it('answers the same whether the address exists or not, and mails only a real account', async () => {
    const user = await insertUser(database.db);
    expect(await requestPasswordReset(database.db, 'onbekend@test.example', requestContext)).toEqual({ ok: true });
    expect(await requestPasswordReset(database.db, user.email, requestContext)).toEqual({ ok: true });
    expect(await lastMailTo('onbekend@test.example')).toBeUndefined();
    expect(tokenIn((await lastMailTo(user.email))!.text, '/wachtwoord-herstellen')).toBeTruthy();
  });

  it('sets a new password with a single-use link and ends every session', async () => {
    const user = await insertUser(database.db);
    const { token: sessionToken } = await createSession(database.db, user.id, {});
    await requestPasswordReset(database.db, user.email, requestContext);
    const token = tokenIn((await lastMailTo(user.email))!.text, '/wachtwoord-herstellen')!;
    expect(await resetPassword(database.db, token, 'een nieuw lang wachtwoord', requestContext)).toBe(true);
    expect(await validateSessionToken(database.db, sessionToken)).toBeNull();
    expect(await resetPassword(database.db, token, 'nog een ander wachtwoord', requestContext)).toBe(false);
    expect(await signIn(database.db, user.email, 'een nieuw lang wachtwoord', requestContext)).toMatchObject({ ok: true });
  });

  it('refuses an expired link', async () => {
    const user = await insertUser(database.db);
    await requestPasswordReset(database.db, user.email, requestContext);
    const token = tokenIn((await lastMailTo(user.email))!.text, '/wachtwoord-herstellen')!;
    await database.db.execute(`update user_tokens set expires_at = now() - interval '1 minute'`);
    expect(await resetPassword(database.db, token, 'een nieuw lang wachtwoord', requestContext)).toBe(false);
  });
});

describe('account changes', () => {
  it('change the password only with the current one, keep this session and end the others', async () => {
    const user = await insertUser(database.db);
    const here = await createSession(database.db, user.id, {});
    const there = await createSession(database.db, user.id, {});
    const actor = { userId: user.id, sessionId: here.session.id };
    expect(await changePassword(database.db, actor, 'niet mijn wachtwoord', 'iets heel nieuws', requestContext)).toBe('wrong_password');
    expect(await changePassword(database.db, actor, TEST_PASSWORD, 'iets heel nieuws', requestContext)).toBe('ok');
    expect(await validateSessionToken(database.db, here.token)).not.toBeNull();
    expect(await validateSessionToken(database.db, there.token)).toBeNull();
  });

  it('change the e-mail address after the link to the new address, and tell the old one', async () => {
    const user = await insertUser(database.db);
    const { session } = await createSession(database.db, user.id, {});
    const actor = { userId: user.id, sessionId: session.id };
    expect(await requestEmailChange(database.db, actor, TEST_PASSWORD, 'Nieuw-Adres@test.example', requestContext)).toBe('ok');
    const token = tokenIn((await lastMailTo('nieuw-adres@test.example'))!.text, '/email-wijzigen')!;
    expect(await confirmEmailChange(database.db, token, requestContext)).toBe(true);
    const [after] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(after!.email).toBe('nieuw-adres@test.example');
    const notice = await lastMailTo(user.email);
    expect(notice?.text).not.toContain('nieuw-adres');
  });
});

describe('invitations', () => {
  it('make a partner account that opens only after the link is used', async () => {
    const admin = await insertUser(database.db, { roles: ['admin'] });
    const result = await inviteMember(
      database.db,
      { id: admin.id, reauthenticatedAt: new Date() },
      admin.regionId,
      { email: 'coach@test.example', name: 'Coach', roles: ['partner'], language: 'nl' },
      requestContext,
    );
    expect(result).toMatchObject({ ok: true });
    expect(await signIn(database.db, 'coach@test.example', 'wat dan ook', requestContext)).toEqual({ ok: false, reason: 'invalid' });
    const token = tokenIn((await lastMailTo('coach@test.example'))!.text, '/uitnodiging')!;
    expect(await acceptInvitation(database.db, token, 'coach wachtwoord 123', requestContext)).toBe(true);
    expect(await acceptInvitation(database.db, token, 'coach wachtwoord 456', requestContext)).toBe(false);
    expect(await signIn(database.db, 'coach@test.example', 'coach wachtwoord 123', requestContext)).toMatchObject({ ok: true, next: 'two_factor_setup' });
  });

  it('need a password or code entered in the last 10 minutes: otherwise nothing is made or mailed', async () => {
    const admin = await insertUser(database.db, { roles: ['admin'] });
    const now = new Date();
    const invite = { email: 'laat@test.example', name: 'Laat', roles: ['worker' as const], language: 'nl' };
    const stale = { id: admin.id, reauthenticatedAt: new Date(now.getTime() - 10 * 60_000 - 1) };
    expect(await inviteMember(database.db, stale, admin.regionId, invite, requestContext, now)).toEqual({ ok: false, reason: 'reauth' });
    expect(await inviteMember(database.db, { id: admin.id, reauthenticatedAt: null }, admin.regionId, invite, requestContext, now)).toEqual({
      ok: false,
      reason: 'reauth',
    });
    expect(await database.db.select().from(users).where(eq(users.email, invite.email))).toEqual([]);
    expect(await lastMailTo(invite.email)).toBeUndefined();
    const fresh = { id: admin.id, reauthenticatedAt: new Date(now.getTime() - 9 * 60_000) };
    expect(await inviteMember(database.db, fresh, admin.regionId, invite, requestContext, now)).toMatchObject({ ok: true });
  });
});

describe("a region's staff accounts", () => {
  it("are listed for that region's admin only, each with its roles there, and an existing account is added, not made again", async () => {
    const here = await insertRegion(database.db);
    const there = await insertRegion(database.db);
    const admin = await insertUser(database.db, { roles: ['admin'], regionId: here.id });
    const both = await insertUser(database.db, { roles: ['planner', 'worker'], regionId: here.id });
    await database.db.insert(memberships).values({ userId: both.id, regionId: there.id, role: 'partner' });
    const elsewhere = await insertUser(database.db, { roles: ['worker'], regionId: there.id });
    const listed = await listStaffAccounts(database.db, here.id);
    expect(listed.map((a) => [a.email, a.roles])).toEqual(
      [
        [admin.email, ['admin']],
        [both.email, ['worker', 'planner']],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(listed.some((a) => a.email === elsewhere.email)).toBe(false);
    // Inviting the worker of the other region adds the roles here; no second account, no password link.
    const result = await inviteMember(
      database.db,
      { id: admin.id, reauthenticatedAt: new Date() },
      here.id,
      { email: elsewhere.email, name: 'X', roles: ['worker'], language: 'nl' },
      requestContext,
    );
    expect(result).toEqual({ ok: true, userId: elsewhere.id, added: true });
    expect((await listStaffAccounts(database.db, here.id)).some((a) => a.email === elsewhere.email)).toBe(true);
    // Ending access here leaves the other region's; the account is switched off only when none is left.
    expect(await deactivateAccount(database.db, admin, here.id, both.id, requestContext)).toBe(true);
    const [stillThere] = await database.db.select().from(users).where(eq(users.id, both.id));
    expect(stillThere!.deactivatedAt).toBeNull();
    expect(await deactivateAccount(database.db, admin, here.id, elsewhere.id, requestContext)).toBe(true);
    expect(await deactivateAccount(database.db, admin, here.id, elsewhere.id, requestContext)).toBe(false);
  });
});
