import { describe, expect, it } from 'vitest';
import { ipPrefix } from '../../src/lib/server/audit/ip.ts';
import { homeFor } from '../../src/lib/server/auth/home.ts';
import { safeReturnPath } from '../../src/lib/server/auth/return-path.ts';
import { firstOpenStep } from '../../src/lib/server/registrations/resume-link.ts';
import { waitingDays } from '../../src/lib/server/registrations/queue.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';

// Small pure rules that only the end-to-end suite touched, so mutation testing saw no test for them.
describe('the return path after signing in', () => {
  it('is a path on this site, or the fallback', () => {
    expect(safeReturnPath('/team?tab=1')).toBe('/team?tab=1');
    expect(safeReturnPath('/')).toBe('/');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', '/\t/evil.example', '/a b', 'team', '', null, undefined]) {
      expect(safeReturnPath(bad, '/fallback'), String(bad)).toBe('/fallback');
    }
    expect(safeReturnPath('//evil.example')).toBe('/mijn');
  });
});

describe('the network written to the access log', () => {
  it('is the /24 of an IPv4 address, also when mapped into IPv6', () => {
    expect(ipPrefix('192.0.2.77')).toBe('192.0.2.0/24');
    expect(ipPrefix('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
  });
  it('is the /48 of an IPv6 address, however it is shortened', () => {
    expect(ipPrefix('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(ipPrefix('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(ipPrefix('::1')).toBe('0:0:0::/48');
  });
  it('is nothing for no or a malformed address', () => {
    for (const bad of [undefined, null, '', 'localhost', '::ffff:not-an-ip', '999.1.1.1']) expect(ipPrefix(bad), String(bad)).toBeNull();
  });
});

describe('where someone lands after signing in', () => {
  it('is their own area: team first, then partner, else the resident page', () => {
    expect(homeFor(['admin'])).toBe('/team');
    expect(homeFor(['planner'])).toBe('/team');
    expect(homeFor(['worker'])).toBe('/team');
    expect(homeFor(['partner'])).toBe('/partner');
    // A referrer refers from the partner pages, in a referrer's words.
    expect(homeFor(['referrer'])).toBe('/partner');
    expect(homeFor(['partner', 'worker'])).toBe('/team');
    expect(homeFor(['resident'])).toBe('/mijn');
    expect(homeFor([])).toBe('/mijn');
  });
});

describe('a resumed sign-up', () => {
  it('goes on at the first step not yet filled in', () => {
    const about = { callName: 'Noor', birthYear: 1985, postcode: '7004 EF' };
    const contact = { email: 'n@test.example', voicemail: false, sms: false, senderNamed: false };
    expect(firstOpenStep({})).toBe(0);
    expect(firstOpenStep({ about })).toBe(1);
    expect(firstOpenStep({ about, contact } as SignupAnswers)).toBe(2);
    expect(firstOpenStep({ contact } as SignupAnswers)).toBe(0);
    const all = { about, contact, topic: {}, place: {}, when: {}, naaste: {} } as unknown as SignupAnswers;
    expect(firstOpenStep(all)).toBe(6);
  });
});

describe('the days a sign-up has waited in the planner queue', () => {
  it('are whole days since it came in, rounded down', () => {
    const came = new Date('2026-11-01T10:00:00Z');
    expect(waitingDays(came, new Date('2026-11-01T23:00:00Z'))).toBe(0);
    expect(waitingDays(came, new Date('2026-11-04T09:59:59Z'))).toBe(2);
    expect(waitingDays(came, new Date('2026-11-04T10:00:00Z'))).toBe(3);
  });
});
