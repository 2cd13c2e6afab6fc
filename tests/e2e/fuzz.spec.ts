import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { protectedActions, publicActions } from '../../src/lib/server/auth/access.ts';
import { keyForTests, unseal } from '../../src/lib/server/crypto/seal.ts';
import { dayKeys, partKeys, signupSteps } from '../../src/lib/schemas/signup.ts';
import { limits } from '../../src/lib/server/auth/rate-limit-rules.ts';
import { freePort, startOwnServer, type OwnServer } from './own-server.ts';

// Property-based fuzzing of every action, as an anonymous visitor and as a signed-in resident:
// thousands of generated posts (known field names with hostile values, unknown keys, repeated
// keys, __proto__, NUL, very long text, broken bodies). No answer may be a 5xx, and afterwards
// the database may hold nothing the schemas forbid. The portal runs on its own data folder so
// the test can open that database when it has stopped.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 2000);
const actions = [...publicActions, ...Object.keys(protectedActions)];

/** The fields the forms really send, so generated values reach the checks behind the schemas. */
const fields = [
  'step',
  'email',
  'password',
  'current',
  'code',
  'token',
  'secret',
  'terug',
  'name',
  'organisation',
  'language',
  'roles[]',
  'callName',
  'birthYear',
  'postcode',
  'phone',
  'bestTimes',
  'voicemail',
  'sms',
  'senderNamed',
  'topic',
  'help',
  'place',
  'address',
  'otherPlace',
  'days[]',
  'parts[]',
  'start',
  'from',
  'withNaaste',
  'naasteName',
  'naasteRelation',
  'naasteContact',
  'inviteNaaste',
  'otherLanguage',
  'interpreter',
  'accessibility',
  'consent',
  'account',
  'accountPassword',
  'registration',
  'callMe',
  'change',
  'website',
  '__proto__',
  'constructor',
  'toString',
  'conversation',
  'intent',
  'happened',
  'resilience',
  'direction',
  'needs',
  'strengths',
  'nextSteps',
  'offers[]',
  'score-body',
  'score-daily',
  'report',
  'addition',
  'relation',
  'scope',
  'endsOn',
  'message',
  'notify',
  'share',
  'reference',
  'reason',
];
const good = [
  'ja',
  'nee',
  'asap',
  'from',
  'home',
  'walk',
  'other',
  'new',
  'none',
  'nl',
  'en',
  'other',
  ...dayKeys,
  ...partKeys,
  ...signupSteps,
  '7001 AB',
  '1990',
  '0612345678',
  'a@test.example',
  '2027-01-15',
];
const hostile = fc.oneof(
  fc.constantFrom(...good),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('\u0000', 'a\u0000b', '1900-01-01', '2999-12-31', '-1', '1e9', 'NaN', '__proto__', '{"a":1}', '<script>', "' or 1=1 --"),
  fc.integer({ min: 100, max: 5000 }).map((n) => 'x'.repeat(n)),
);
const entry = fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, fc.string({ maxLength: 20 })), hostile);
const post = fc.record({
  action: fc.constantFrom(...actions),
  via: fc.constantFrom('form', 'rpc'),
  entries: fc.array(entry, { maxLength: 40 }),
  repeat: fc.nat({ max: 3 }),
  raw: fc.option(fc.constantFrom('{"broken":', 'a=%E0%A4%A', 'a'.repeat(30_000), '\u0000'), { freq: 8 }),
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') },
    { weight: 2, arbitrary: fc.constant('multipart/form-data') },
    { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/plain') },
  ),
});

let server: OwnServer;
test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.beforeAll(async () => {
  server = await startOwnServer(await freePort());
});
test.afterAll(async () => server?.stop());

type Post = typeof post extends fc.Arbitrary<infer T> ? T : never;

async function send(p: Post, cookie: string) {
  const url = p.via === 'rpc' ? `${server.origin}/_actions/${p.action}` : `${server.origin}/aanmelden/contact?_action=${p.action}`;
  const headers: Record<string, string> = { origin: server.origin, cookie };
  let body: BodyInit;
  if (p.raw !== null) {
    body = p.raw;
    headers['content-type'] = p.contentType;
  } else if (p.contentType === 'multipart/form-data') {
    const form = new FormData();
    for (let r = 0; r <= p.repeat; r++) for (const [k, v] of p.entries) form.append(k, v);
    body = form;
  } else {
    const params = new URLSearchParams();
    for (let r = 0; r <= p.repeat; r++) for (const [k, v] of p.entries) params.append(k, v);
    body = p.contentType === 'application/json' ? JSON.stringify(Object.fromEntries(params)) : params;
    headers['content-type'] = p.contentType;
  }
  const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual' });
  await response.arrayBuffer();
  return response.status;
}

async function signInResident(): Promise<string> {
  const response = await fetch(`${server.origin}/_actions/auth.signIn`, {
    method: 'POST',
    headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'inwoner@oostveld.example', password: 'oostveld-demo-2026' }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

test('no generated post to any action gets a 5xx', async () => {
  const resident = await signInResident();
  const statuses = new Map<number, number>();
  // A draft cookie from a valid first step, so later steps and "finish" reach the database.
  const step1 = await fetch(`${server.origin}/_actions/signup.saveStep`, {
    method: 'POST',
    headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ step: 'over-jou', callName: 'Fuzz', birthYear: '1990', postcode: '7001 AB' }),
  });
  const draft = step1.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  await fc.assert(
    fc.asyncProperty(post, fc.constantFrom('', resident, draft, `${resident}; ${draft}`), async (p, cookie) => {
      const status = await send(p, cookie);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      return status < 500;
    }),
    { numRuns: RUNS },
  );
  console.log(`fuzz: ${RUNS} posts, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
});

test('the database holds nothing the schemas forbid', async () => {
  await server.stop();
  const key = keyForTests(Buffer.from(readFileSync(path.join(server.dataDir, 'encryption.key'), 'utf8').trim(), 'base64'));
  const db = await PGlite.create(path.join(server.dataDir, 'pglite'));
  try {
    const rows = async (q: string) => (await db.query<Record<string, unknown>>(q)).rows;
    const withinBounds = (value: unknown, where: string) => {
      const walk = (v: unknown): void => {
        if (typeof v === 'string') {
          expect(v.length, where).toBeLessThanOrEqual(4000);
          // eslint-disable-next-line no-control-regex -- looking for exactly these characters
          expect(v, where).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
        } else if (Array.isArray(v)) {
          expect(v.length, where).toBeLessThanOrEqual(7);
          v.forEach(walk);
        } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(value);
    };
    const drafts = await rows('select sealed_answers from signup_drafts');
    expect(drafts.length).toBeGreaterThan(0); // at least the one the fuzzing went on from
    for (const draft of drafts) {
      const answers = JSON.parse(unseal(String(draft['sealed_answers']), key));
      withinBounds(answers, 'draft');
      const days: string[] = answers.when?.days ?? [];
      expect(new Set(days).size).toBe(days.length);
      for (const d of days) expect(dayKeys).toContain(d);
      if (answers.when?.from) expect(Math.abs(Date.parse(answers.when.from) - Date.now())).toBeLessThan(367 * 86_400_000);
    }
    for (const r of await rows('select sealed_details, availability, birth_year from registrations')) {
      withinBounds(JSON.parse(unseal(String(r['sealed_details']), key)), 'registration');
      withinBounds(r['availability'], 'availability');
      expect(Number(r['birth_year'])).toBeGreaterThanOrEqual(1900);
    }
    for (const u of await rows('select email, name from users')) {
      expect(String(u['email']).length).toBeLessThanOrEqual(254);
      withinBounds(u, 'user');
    }
    const perRecipient = new Map<string, number>();
    for (const m of await rows('select sealed_message from mail_outbox where sealed_message is not null')) {
      const to = JSON.parse(unseal(String(m['sealed_message']), key)).to as string;
      perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
    for (const [to, count] of perRecipient) expect(count, to).toBeLessThanOrEqual(limits.mailPerRecipient.max);
  } finally {
    await db.close();
  }
});
