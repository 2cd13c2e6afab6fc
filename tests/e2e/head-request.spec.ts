import { expect, test, type APIRequestContext } from '@playwright/test';
import { demoAccountFor } from './accounts.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/accounts.ts';
import { DEMO_SHARE } from '../../src/lib/server/demo/reports.ts';

// Issue 20, item 5: a HEAD on a shared report (a link checker, a mail scanner) is not a look at it:
// "wie keek" shows only the real views of the person the resident shared it with. Plain HTTP, as a
// link checker would send it; no browser needed.
const form = 'application/x-www-form-urlencoded';
const origin = () => `http://127.0.0.1:${process.env['E2E_PORT'] ?? 4329}`;

/** The reads "wie keek" shows for the demo share's recipient: one per look, repeats in a minute as "N keer". */
async function views(resident: APIRequestContext): Promise<number> {
  const html = await (await resident.get('/mijn/wie-keek')).text();
  const looks = html.split('<li class="hog-looks__item').filter((look) => look.includes('Dokter Jansen') && look.includes('las je verslag'));
  return looks.reduce((sum, look) => sum + Number(/(\d+) keer/.exec(look)?.[1] ?? 1), 0);
}

test('a HEAD request on a shared report logs no view; a GET does', async ({ playwright }) => {
  const recipient = await playwright.request.newContext({ baseURL: origin() });
  const token = DEMO_SHARE.path.split('/').at(-1)!;
  const opened = await recipient.post(`${DEMO_SHARE.path}?_action=sharing.open`, {
    headers: { origin: origin(), 'content-type': form },
    data: new URLSearchParams({ token, code: DEMO_SHARE.code }).toString(),
  });
  expect(await opened.text()).toContain('Gedeeld door');

  const resident = await playwright.request.newContext({ baseURL: origin() });
  const signedIn = await resident.post('/inloggen?_action=auth.signIn', {
    headers: { origin: origin(), 'content-type': form },
    data: new URLSearchParams({ email: demoAccountFor('resident').email, password: DEMO_PASSWORD }).toString(),
  });
  expect(signedIn.status()).toBeLessThan(400);
  const before = await views(resident);
  expect(before).toBeGreaterThan(0);

  // With the same pass cookie as the reader: a HEAD that could have read the report.
  for (let i = 0; i < 3; i++) {
    const head = await recipient.head(DEMO_SHARE.path);
    expect(head.status()).toBe(200);
    expect(head.headers()['cache-control']).toBe('no-store');
  }
  expect(await views(resident)).toBe(before);

  expect(await (await recipient.get(DEMO_SHARE.path)).text()).toContain('Gedeeld door');
  expect(await views(resident)).toBe(before + 1);
});
