import { describe, expect, it } from 'vitest';
import { formObject, MAX_FORM_FIELDS, TooManyFields } from '../../src/lib/form-data.ts';
import { refuseRequest } from '../../src/lib/server/http/request-limits.ts';
import { clientAddress, trustList } from '../../src/lib/server/http/client-address.ts';
import { whenSchema } from '../../src/lib/schemas/signup.ts';
import { inviteSchema } from '../../src/lib/schemas/auth.ts';
import { parseLocalized } from '../../src/lib/i18n/zod.ts';

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe('form data', () => {
  it('reads lists and single values in one pass', () => {
    expect(
      formObject(
        form([
          ['days[]', 'ma'],
          ['naam', 'Sam'],
          ['days[]', 'di'],
          ['naam', 'tweede'],
          ['leeg', ''],
        ]),
      ),
    ).toEqual({ days: ['ma', 'di'], naam: 'Sam' });
  });

  it('takes time in proportion to its size, not its square', () => {
    const timed = (n: number) => {
      const data = form(Array.from({ length: n }, (_, i) => [`k${i}[]`, 'x']));
      const start = performance.now();
      try {
        formObject(data);
      } catch {
        // too many fields: refused after counting, which is what is timed
      }
      return performance.now() - start;
    };
    timed(2000); // warm up
    // 20,000 keys took 2.5 s with a lookup per key; refused at the field limit it is instant.
    expect(timed(20_000)).toBeLessThan(50);
  });

  it('refuses more fields than any form has', () => {
    const entries = Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i): [string, string] => [`f${i}`, 'x']);
    expect(() => formObject(form(entries))).toThrow(TooManyFields);
    expect(() => formObject(form(entries.slice(1)))).not.toThrow();
  });

  it('drops control characters no keyboard types (NUL would fail the save), keeps line breaks', () => {
    expect(
      formObject(
        form([
          ['name', 'Sam\u0000my'],
          ['text', 'een\nb\u0007ij\ttwee'],
        ]),
      ),
    ).toEqual({ name: 'Sammy', text: 'een\nbij\ttwee' });
  });

  it('ignores keys that are no field name, like __proto__', () => {
    const out = formObject(
      form([
        ['__proto__', 'x'],
        ['constructor', 'y'],
        ['__proto__[]', 'z'],
        ['a.b', 'c'],
        ['naam', 'Sam'],
      ]),
    );
    expect(Object.keys(out).sort()).toEqual(['constructor', 'naam']);
    expect(out['constructor']).toBe('y');
  });
});

describe('request limits before the body is read', () => {
  const url = (s: string) => new URL(s, 'http://portal.test');
  const headers = (h: Record<string, string>) => new Headers(h);
  const form = 'application/x-www-form-urlencoded';

  it('refuse a post larger than its action takes, with 413', () => {
    expect(
      refuseRequest('POST', url('/aanmelden/contact?_action=signup.saveStep'), headers({ 'content-type': form, 'content-length': String(60_000) })),
    ).toBeNull();
    expect(
      refuseRequest('POST', url('/aanmelden/contact?_action=signup.saveStep'), headers({ 'content-type': form, 'content-length': String(1_000_000) })),
    ).toEqual({ status: 413 });
    expect(refuseRequest('POST', url('/inloggen?_action=auth.signIn'), headers({ 'content-type': form, 'content-length': String(60_000) }))).toEqual({
      status: 413,
    });
    expect(
      refuseRequest('POST', url('/_actions/auth.signIn'), headers({ 'content-type': 'multipart/form-data; boundary=x', 'content-length': '9999999' })),
    ).toEqual({ status: 413 });
  });

  it('refuse a post with no length (411) and an action called with anything but a form (415)', () => {
    expect(refuseRequest('POST', url('/inloggen?_action=auth.signIn'), headers({ 'content-type': form, 'transfer-encoding': 'chunked' }))).toEqual({
      status: 411,
    });
    expect(refuseRequest('POST', url('/_actions/auth.signIn'), headers({ 'content-type': 'application/json', 'content-length': '5' }))).toEqual({
      status: 415,
    });
    expect(refuseRequest('POST', url('/_actions/auth.signIn'), headers({ 'content-length': '5' }))).toEqual({ status: 415 });
  });

  it('let reads through', () => {
    expect(refuseRequest('GET', url('/'), headers({ 'content-length': '99999999' }))).toBeNull();
  });
});

describe('the visitor address behind a proxy', () => {
  const none = trustList([]);
  const proxy = trustList(['127.0.0.1', '10.0.0.0/8']);

  it('is the peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', none)).toBe('203.0.113.9');
  });

  it('is the first untrusted hop from the right behind a trusted proxy', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.1', proxy)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:127.0.0.1', '6.6.6.6, 198.51.100.1, 10.1.2.3', proxy)).toBe('198.51.100.1');
    expect(clientAddress('127.0.0.1', null, proxy)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', 'nonsense', proxy)).toBe('127.0.0.1');
    expect(clientAddress('203.0.113.9', '198.51.100.1', proxy)).toBe('203.0.113.9'); // not from our proxy
  });
});

describe('bounds in the schemas', () => {
  const today = new Date();
  // The date as the resident's calendar shows it (tests run in Europe/Amsterdam).
  const iso = (days: number) => new Date(today.getTime() + days * 86_400_000).toLocaleDateString('sv-SE');
  const when = (over: Record<string, unknown>) => parseLocalized(whenSchema, { days: ['ma'], parts: ['middag'], start: 'from', from: iso(7), ...over }, 'nl');

  it('take each day and part of the day at most once', () => {
    expect(when({}).ok).toBe(true);
    expect(when({ days: ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] }).ok).toBe(true);
    expect(when({ days: Array.from({ length: 70_000 }, () => 'ma') }).ok).toBe(false);
    expect(when({ days: ['ma', 'ma'] }).ok).toBe(false);
    expect(when({ parts: ['ochtend', 'middag', 'avond', 'avond'] }).ok).toBe(false);
  });

  it('take a start date from today up to a year ahead, not from 1900 or 2999', () => {
    expect(when({ from: iso(0) }).ok).toBe(true);
    expect(when({ from: iso(300) }).ok).toBe(true);
    expect(when({ from: '1900-01-01' })).toEqual({
      ok: false,
      errors: [{ field: 'from', message: 'Kies een datum vanaf vandaag, niet later dan over een jaar.' }],
    });
    expect(when({ from: iso(400) }).ok).toBe(false);
    expect(when({ from: iso(-2) }).ok).toBe(false);
  });

  it('take only days that exist, written as a date field sends them, with one message', () => {
    const year = today.getFullYear() + 1;
    const dateMessage = [{ field: 'from', message: 'Vul een datum in, zoals 15-03-2027.' }];
    for (const bad of [`${year}-02-30`, `${year}-04-31`, `${year}-13-01`, `${year}-1-5`, '15-03-2027', 'morgen']) {
      expect(when({ from: bad }), bad).toEqual({ ok: false, errors: dateMessage });
    }
  });

  it('bound the roles of an invitation', () => {
    const invite = { email: 'a@test.example', name: 'A', roles: ['partner', 'referrer', 'worker', 'planner', 'admin', 'admin'] };
    expect(inviteSchema.safeParse(invite).success).toBe(false);
  });
});
