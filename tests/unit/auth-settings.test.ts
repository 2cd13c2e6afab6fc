import { describe, expect, it } from 'vitest';
import { sessionCookieName, sessionCookieOptions } from '../../src/lib/server/auth/cookie.ts';
import { safeReturnPath } from '../../src/lib/server/auth/return-path.ts';
import { ipPrefix } from '../../src/lib/server/audit/ip.ts';
import { passwordProblem, verifyPassword } from '../../src/lib/server/auth/passwords.ts';
import { generateCode, generateToken, hashToken } from '../../src/lib/server/auth/tokens.ts';
import { keyForTests, seal, unseal } from '../../src/lib/server/crypto/seal.ts';
import { isDatabaseUnavailable } from '../../src/lib/server/db/errors.ts';
import { demoMailboxEnabled, mayReadDemoMailbox } from '../../src/lib/server/mail/mailbox.ts';
import { parseConfig } from '../../src/lib/server/config.ts';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, and Secure with the __Host- prefix over https', () => {
    expect(sessionCookieName('https://hog.example.nl')).toBe('__Host-hog_session');
    expect(sessionCookieOptions('https://hog.example.nl')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
  });
  it('drops Secure only for a plain-http demo on this machine', () => {
    expect(sessionCookieName('http://localhost:4321')).toBe('hog_session');
    expect(sessionCookieOptions('http://localhost:4321')).toMatchObject({ httpOnly: true, secure: false });
  });
});

describe('secrets', () => {
  // Not compared at all: a token finds its row by its SHA-256, so there is no comparison to time.
  it('are random and long enough, and known to the database only by their hash', () => {
    const a = generateToken();
    expect(a).toMatch(/^[a-z2-7]{32}$/);
    expect(generateToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).not.toBe(hashToken(generateToken()));
    expect(generateCode()).toMatch(/^\d{6}$/);
  });
});

describe('sealing', () => {
  const key = keyForTests(Buffer.alloc(32, 3));
  it('round-trips, with a fresh IV each time and the key id in the text', () => {
    const a = seal('Ik slaap slecht', key);
    expect(a).toMatch(new RegExp(`^v1\\.${key.id}\\.`));
    expect(seal('Ik slaap slecht', key)).not.toBe(a);
    expect(a).not.toContain('slaap');
    expect(unseal(a, key)).toBe('Ik slaap slecht');
  });
  it('refuses a changed text and a key it does not have', () => {
    const a = seal('geheim', key);
    const [v, id, iv, body] = a.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => unseal([v, id, iv, flipped.toString('base64url')].join('.'), key)).toThrow();
    expect(() => unseal(a, keyForTests(Buffer.alloc(32, 4)))).toThrow(/not loaded/);
  });
});

describe('passwords', () => {
  it('need 10 characters and must not be on a list of common passwords; nothing else', () => {
    expect(passwordProblem('kort')).toBe('password_too_short');
    expect(passwordProblem('x'.repeat(129))).toBe('password_too_long');
    expect(passwordProblem('password123')).toBe('password_common');
    expect(passwordProblem('Wachtwoord123')).toBe('password_common');
    expect(passwordProblem('alleen kleine letters')).toBeNull();
  });
});

describe('small guards', () => {
  it('return only to paths on this site after sign-in', () => {
    expect(safeReturnPath('/account')).toBe('/account');
    expect(safeReturnPath('//evil.example/x')).toBe('/mijn');
    expect(safeReturnPath('https://evil.example')).toBe('/mijn');
    expect(safeReturnPath('/\\evil.example')).toBe('/mijn');
    expect(safeReturnPath('/\t/evil.example')).toBe('/mijn');
    expect(safeReturnPath('/\n/evil.example')).toBe('/mijn');
    expect(safeReturnPath('/team/beheer?x=1')).toBe('/team/beheer?x=1');
    expect(safeReturnPath(undefined, '/team')).toBe('/team');
  });
  it('log a network, not an address', () => {
    expect(ipPrefix('203.0.113.42')).toBe('203.0.113.0/24');
    expect(ipPrefix('::ffff:203.0.113.42')).toBe('203.0.113.0/24');
    expect(ipPrefix('2001:db8:1234:5678::1')).toBe('2001:db8:1234::/48');
    expect(ipPrefix('nonsense')).toBeNull();
  });
  it('tell a database that is down from other errors', () => {
    expect(
      isDatabaseUnavailable(
        new Error('Failed query', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1' }) }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('PGlite is closed'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });
  it('show the demo mailbox only in demo mode asked for, without a mail server, on a local origin, to this machine', () => {
    const demo = { DEMO_DATA: 'true' };
    expect(demoMailboxEnabled(parseConfig(demo))).toBe(true);
    expect(demoMailboxEnabled(parseConfig({}))).toBe(false); // the default start is no demo
    expect(demoMailboxEnabled(parseConfig({ ...demo, SMTP_URL: 'smtp://mail.example:25' }))).toBe(false);
    expect(demoMailboxEnabled(parseConfig({ ...demo, PUBLIC_ORIGIN: 'https://hog.example.nl' }))).toBe(false);
    expect(mayReadDemoMailbox('127.0.0.1', false, parseConfig(demo))).toBe(true);
    expect(mayReadDemoMailbox('::1', false, parseConfig(demo))).toBe(true);
    expect(mayReadDemoMailbox('192.0.2.7', false, parseConfig(demo))).toBe(false);
    expect(mayReadDemoMailbox('127.0.0.1', true, parseConfig(demo))).toBe(false); // through a proxy
  });
});

// Written to kill the mutants the first Stryker run left alive (docs/mutation.md).
describe('at the edges', () => {
  it('codes: always six digits, drawn at random', () => {
    const codes = Array.from({ length: 300 }, generateCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(290);
  });
  it('sealing: a text without IV or body is refused as an unknown format', () => {
    const key = keyForTests(Buffer.alloc(32, 3));
    const [v, id, iv] = seal('geheim', key).split('.') as [string, string, string];
    for (const broken of [`${v}.${id}`, `${v}.${id}.${iv}`, `${v}.${id}.${iv}.`, `${v}.${id}..${iv}`, `v2.${id}.${iv}.${iv}`])
      expect(() => unseal(broken, key), broken).toThrow('unknown sealed format');
  });
  it('passwords: exactly 10 and exactly 128 characters are fine; a common one in capitals is still common', () => {
    expect(passwordProblem('kwzptr8vqm')).toBeNull();
    expect(passwordProblem('kwzptr8vqm'.repeat(13).slice(0, 128))).toBeNull();
    expect(passwordProblem('ILOVEYOU12')).toBe('password_common');
  });
  it('passwords: a damaged hash is a plain no', async () => {
    expect(await verifyPassword('$argon2id$v=19$broken', 'een-lang-wachtwoord')).toBe(false);
  });
  it('addresses: text that only ends in an IPv4 address is no address', () => {
    for (const bad of ['garbage1.2.3.4', 'abcdefg10.0.0.1']) expect(ipPrefix(bad), bad).toBeNull();
  });
});
