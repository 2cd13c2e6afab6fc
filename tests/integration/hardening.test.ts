import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { limits, FREE_FAILURES } from '../../src/lib/server/auth/rate-limit-rules.ts';
import { signIn } from '../../src/lib/server/accounts/sign-in.ts';
import { requestEmailChange } from '../../src/lib/server/accounts/account-changes.ts';
import { createSession, markTwoFactorVerified, validateSessionToken } from '../../src/lib/server/auth/sessions.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { mayStartDraft, saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { mailResumeLink } from '../../src/lib/server/registrations/resume.ts';
import { insertUser, requestContext, TEST_PASSWORD } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { mailsTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();
const fromNetwork = (ipPrefix: string, deviceCookie: string | null = null) => ({ ...requestContext, ipPrefix, deviceCookie });

describe('signing in while someone guesses', () => {
  it('locks guessing for the network it comes from, not the owner on another network', async () => {
    const owner = await insertUser(database.db);
    for (let i = 0; i <= FREE_FAILURES; i++) await signIn(database.db, owner.email, 'fout-wachtwoord', fromNetwork('198.51.100.0/24'));
    expect(await signIn(database.db, owner.email, TEST_PASSWORD, fromNetwork('198.51.100.0/24'))).toMatchObject({ ok: false, reason: 'locked' });
    expect(await signIn(database.db, owner.email, TEST_PASSWORD, fromNetwork('203.0.113.0/24'))).toMatchObject({ ok: true });
  });

  // A hundred real password checks (argon2): slow on purpose, so more time than other tests.
  it('lets the owner in from a device used before, even on the guessing network and past the hourly cap', { timeout: 180_000 }, async () => {
    const owner = await insertUser(database.db);
    const first = await signIn(database.db, owner.email, TEST_PASSWORD, fromNetwork('192.0.2.0/24'));
    if (!first.ok) throw new Error('first sign-in failed');
    // Guesses from many networks use up the account's hourly number of failures ...
    const networks = Array.from({ length: 25 }, (_, i) => `10.${i}.0.0/24`);
    let failures = 0;
    for (const network of networks) {
      for (let i = 0; i < FREE_FAILURES && failures < limits.signInFailuresPerAccount.max; i++, failures++) {
        await signIn(database.db, owner.email, 'fout-wachtwoord', fromNetwork(network));
      }
    }
    // ... so an unknown device is refused everywhere for the hour, but the owner's own device is not.
    expect(await signIn(database.db, owner.email, TEST_PASSWORD, fromNetwork('203.0.113.0/24'))).toMatchObject({ ok: false, reason: 'locked' });
    expect(await signIn(database.db, owner.email, TEST_PASSWORD, fromNetwork('10.0.0.0/24', first.deviceCookie))).toMatchObject({ ok: true });
  });

  it('does not take a device cookie made for another account', async () => {
    const a = await insertUser(database.db);
    const b = await insertUser(database.db);
    const signedA = await signIn(database.db, a.email, TEST_PASSWORD, fromNetwork('192.0.2.0/24'));
    if (!signedA.ok) throw new Error('sign-in failed');
    for (let i = 0; i <= FREE_FAILURES; i++) await signIn(database.db, b.email, 'fout', fromNetwork('198.51.100.0/24', signedA.deviceCookie));
    expect(await signIn(database.db, b.email, TEST_PASSWORD, fromNetwork('198.51.100.0/24', signedA.deviceCookie))).toMatchObject({
      ok: false,
      reason: 'locked',
    });
  });

  it('keeps no address, network or code readable in the rate-limit table', async () => {
    const user = await insertUser(database.db, { email: 'zichtbaar@test.example' });
    await signIn(database.db, user.email, 'fout', fromNetwork('198.51.100.0/24'));
    const dump = JSON.stringify(await database.db.execute(sql`select key from rate_limits`));
    for (const plain of ['zichtbaar', '198.51.100', 'signin']) expect(dump).not.toContain(plain);
  });
});

describe('a session', () => {
  it('gets a new token when the second factor is done: the old one opens nothing', async () => {
    const user = await insertUser(database.db, { roles: ['planner'] });
    const { token, session } = await createSession(database.db, user.id, requestContext);
    expect((await validateSessionToken(database.db, token))?.twoFactorPending).toBe(true);
    const upgraded = await markTwoFactorVerified(database.db, session.id);
    expect(upgraded).not.toBe(token);
    expect(await validateSessionToken(database.db, token)).toBeNull();
    expect(await validateSessionToken(database.db, upgraded)).toMatchObject({ twoFactorPending: false, user: { id: user.id } });
  });
});

describe('mail that others could make us send', () => {
  it('an e-mail change mails one victim a few times, not thirty', async () => {
    const attacker = await insertUser(database.db);
    const { session } = await createSession(database.db, attacker.id, requestContext);
    const results = [];
    for (let i = 0; i < 30; i++)
      results.push(
        await requestEmailChange(database.db, { userId: attacker.id, sessionId: session.id }, TEST_PASSWORD, 'slachtoffer@test.example', requestContext),
      );
    expect(results.filter((r) => r === 'ok')).toHaveLength(limits.mailPerAddress.max);
    expect(results.at(-1)).toBe('throttled');
    expect(await mailsTo(database.db, 'slachtoffer@test.example')).toHaveLength(limits.mailPerAddress.max);
  });

  it('"later verder" mails a draft to a few addresses, not to forty', async () => {
    const token = await saveDraft(database.db, undefined, { about: { callName: 'Sam', birthYear: 1990, postcode: '7001 AB' } });
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await mailResumeLink(database.db, token, `adres-${i}@test.example`, 'nl', '192.0.2.0/24'));
    expect(results.filter((r) => r === 'sent')).toHaveLength(limits.resumeLinksPerDraft.max);
  });
});

describe('drafts', () => {
  it('a network starts a limited number an hour; another network is not affected', async () => {
    for (let i = 0; i < limits.draftsPerIp.max; i++) expect(await mayStartDraft(database.db, '198.51.100.0/24')).toBe(true);
    expect(await mayStartDraft(database.db, '198.51.100.0/24')).toBe(false);
    expect(await mayStartDraft(database.db, '203.0.113.0/24')).toBe(true);
  });
});

describe('an e-mail change', () => {
  it('keeps the new address sealed until the link is used', async () => {
    const user = await insertUser(database.db);
    const { session } = await createSession(database.db, user.id, requestContext);
    expect(await requestEmailChange(database.db, { userId: user.id, sessionId: session.id }, TEST_PASSWORD, 'geheim-nieuw@test.example', requestContext)).toBe(
      'ok',
    );
    const dump = JSON.stringify(await database.db.execute(sql`select * from user_tokens`));
    expect(dump).not.toContain('geheim-nieuw');
    expect(dump).toContain('v1.');
  });
});

describe('the sign-up quota of a network', () => {
  it('counts only sign-ups that can be made: posts without a draft use none of it', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const who = { signedIn: null, newAccountPassword: null };
    const ctx = fromNetwork('198.51.100.0/24');
    for (let i = 0; i < limits.signUpsPerIp.max + 5; i++)
      expect(await submitRegistration(database.db, region, undefined, who, ctx)).toEqual({ ok: false, reason: 'no_draft' });
    for (let i = 0; i < limits.signUpsPerIp.max + 5; i++)
      expect(await submitRegistration(database.db, region, `geen-draft-${i}`, who, ctx)).toEqual({ ok: false, reason: 'no_draft' });
    const complete = await saveDraft(database.db, undefined, {
      about: { callName: 'Echt', birthYear: 1990, postcode: '7001 AB' },
      contact: { phone: '0612345678', voicemail: false, sms: false, senderNamed: false },
      topic: {},
      place: { place: 'walk' },
      when: { days: ['di'], parts: ['middag'], start: 'asap' },
      naaste: { withNaaste: false, language: 'nl', interpreter: false },
    });
    expect(await submitRegistration(database.db, region, complete, who, ctx)).toMatchObject({ ok: true });
  });
});
