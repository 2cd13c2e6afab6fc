import { expect, test } from '@playwright/test';
import { signInAs } from './accounts.ts';

const form = 'application/x-www-form-urlencoded';
const origin = () => `http://127.0.0.1:${process.env['E2E_PORT'] ?? 4329}`;

test('a post far larger than any form is refused unread with 413, and the server goes on at once', async ({ request }) => {
  const keys = Array.from({ length: 125_000 }, (_, i) => `k${i}=x`).join('&'); // ~1.2 MB, the freeze seen before
  const started = Date.now();
  const response = await request.post('/aanmelden/over-jou?_action=signup.saveStep', { headers: { origin: origin(), 'content-type': form }, data: keys });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain('Dit konden we niet opslaan');
  expect(Date.now() - started).toBeLessThan(3_000);
  expect((await request.get('/health')).status()).toBe(200);
});

test('a form with more fields than any of ours is refused with 413', async ({ request }) => {
  const many = Array.from({ length: 500 }, (_, i) => `k${i}=x`).join('&');
  const response = await request.post('/aanmelden/over-jou?_action=signup.saveStep', {
    headers: { origin: origin(), 'content-type': form },
    data: `step=over-jou&${many}`,
  });
  expect(response.status()).toBe(413);
});

test('an action called with JSON, broken or not, gets 415, never 500', async ({ request }) => {
  for (const data of ['{"email":', '{"email":"a@b.nl"}']) {
    const response = await request.post('/_actions/auth.signIn', { headers: { origin: origin(), 'content-type': 'application/json' }, data });
    expect(response.status()).toBe(415);
  }
});

test('step=__proto__ or constructor is an ordinary wrong answer, not a server error', async ({ request }) => {
  for (const step of ['__proto__', 'constructor', 'toString']) {
    const response = await request.post('/aanmelden/over-jou?_action=signup.saveStep', {
      headers: { origin: origin(), 'content-type': form },
      data: `step=${step}&callName=A`,
    });
    expect(response.status()).toBeLessThan(500);
  }
  const proto = await request.post('/inloggen?_action=auth.signIn', {
    headers: { origin: origin(), 'content-type': form },
    data: '__proto__=x&email=a%00b%40test.example',
  });
  expect(proto.status()).toBeLessThan(500);
});

test('pages that can show personal data are never stored by a cache', async ({ page, request }) => {
  // The review step shows name, phone and topic from the draft.
  await page.goto('/aanmelden/over-jou');
  const review = await page.request.get('/aanmelden/controleren');
  expect(review.headers()['cache-control']).toBe('no-store');
  expect((await request.get('/')).headers()['cache-control']).toBe('no-store');
  await signInAs(page, 'resident');
  for (const path of ['/mijn', '/account', '/aanmelden/controleren']) {
    expect((await page.request.get(path)).headers()['cache-control'], path).toBe('private, no-store');
  }
});

test('demo mode shows itself on every page; its mailbox is not served through a proxy', async ({ page, request }) => {
  for (const path of ['/', '/en', '/inloggen', '/aanmelden']) {
    await page.goto(path);
    await expect(page.getByRole('note').first()).toContainText(/Demo/);
  }
  expect((await request.get('/demo/postvak')).status()).toBe(200);
  expect((await request.get('/demo/postvak', { headers: { 'x-forwarded-for': '203.0.113.5' } })).status()).toBe(404);
});

test('signing in ends the session this browser held before', async ({ page, context, request }) => {
  await signInAs(page, 'resident');
  const first = (await context.cookies()).find((c) => c.name === 'hog_session')!;
  await signInAs(page, 'resident');
  // The first token, replayed on its own, opens nothing any more.
  const replay = await request.get('/sessie', { headers: { cookie: `hog_session=${first.value}` } });
  expect(await replay.json()).toMatchObject({ active: false });
});
