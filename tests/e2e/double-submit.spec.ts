import { expect, test, type APIRequestContext } from '@playwright/test';
import { demoAccountFor } from './accounts.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/accounts.ts';

// Issue 20, item 3, over HTTP: the share form posted twice at once with the same hidden `once` key
// (a double click) makes one share and answers both posts with the same access code.
// tests/integration/double-submit.test.ts does the same for every action that makes something.
const form = 'application/x-www-form-urlencoded';
const origin = () => `http://127.0.0.1:${process.env['E2E_PORT'] ?? 4329}`;
const field = (html: string, name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];

async function signedInResident(request: APIRequestContext) {
  const response = await request.post('/inloggen?_action=auth.signIn', {
    headers: { origin: origin(), 'content-type': form },
    data: new URLSearchParams({ email: demoAccountFor('resident').email, password: DEMO_PASSWORD }).toString(),
  });
  expect(response.status()).toBeLessThan(400);
}

test('the share form posted twice at once makes one share, and both answers show the same code', async ({ playwright }) => {
  const resident = await playwright.request.newContext({ baseURL: origin() });
  await signedInResident(resident);
  for (let round = 0; round < 5; round++) {
    const page = await (await resident.get('/mijn/verslag/delen')).text();
    const once = field(page, 'once');
    expect(once).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const name = `Dubbel Klik ${round}`;
    const data = new URLSearchParams({
      once: once!,
      report: field(page, 'report')!,
      name,
      relation: 'huisarts',
      email: `dubbel-${round}@oostveld.example`,
      scope: 'next_steps',
      endsOn: field(page, 'endsOn')!,
      message: '',
    }).toString();
    const post = () => resident.post('/mijn/verslag/delen?_action=sharing.create', { headers: { origin: origin(), 'content-type': form }, data });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status())).toEqual([200, 200]);
    const codes = await Promise.all(answers.map(async (a) => /data-testid="share-code"[^>]*>\s*([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await a.text())?.[1]));
    expect(codes[0]).toBeTruthy();
    expect(codes[1]).toBe(codes[0]);
    const list = await (await resident.get('/mijn/verslag/delen')).text();
    expect(list.split(`Stop delen met ${name}`).length - 1).toBe(1);
  }
});
