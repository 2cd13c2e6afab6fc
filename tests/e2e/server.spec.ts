import { expect, test } from '@playwright/test';

test('GET /health reports the database', async ({ request }) => {
  const response = await request.get('/health');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
});

for (const address of ['/', '/favicon.svg', '/health', '/bestaat-niet']) {
  test(`${address} carries the security headers`, async ({ request }) => {
    const headers = (await request.get(address)).headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    // Served over plain http in the test: HSTS would be wrong here.
    expect(headers['strict-transport-security']).toBeUndefined();
  });
}

test('pages allow scripts and styles only from the portal itself', async ({ request }) => {
  const csp = (await request.get('/')).headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toMatch(/https?:\/\//);
  expect(csp).not.toContain("'unsafe-inline'");
});

test('a form post from another origin is refused', async ({ request }) => {
  const response = await request.post('/contact', {
    headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    data: 'a=b',
  });
  expect(response.status()).toBe(403);
});

test('a form post without an Origin header is refused', async ({ request }) => {
  const response = await request.post('/inloggen?_action=auth.signIn', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: 'email=a%40b.nl&password=x',
  });
  expect(response.status()).toBe(403);
});
