import { expect, test, type Page } from '@playwright/test';
import type { Role } from '../../src/lib/roles.ts';
import { actionExpectations, mayUse, pageExpectations, roles } from '../expectations/access.ts';
import { demoAccountFor, giveTotpCode, newResident, newStaff, signInAs, signInWithPassword, unusedTotpCode } from './accounts.ts';

// Walks the domain's expectations (tests/expectations/access.ts, not the route table) in both
// directions: refused roles get 401/403 or are sent to sign in, allowed roles really get through.
// A page about one thing ([id]) is walked with an id nobody has: allowed roles get the same 404 as
// for someone else's, refused roles are refused before anything is looked up.
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const pages = Object.entries(pageExpectations).map(([path, allowed]) => [path.replace('[id]', UNKNOWN), allowed] as const);
const allowedStatus = (path: string) => (path.includes(UNKNOWN) ? 404 : 200);
const actions = Object.entries(actionExpectations);

const post = (page: Page, name: string, baseURL: string) => page.request.post(`/_actions/${name}`, { headers: { origin: baseURL }, multipart: { x: '1' } });

test.describe('signed out', () => {
  for (const [path] of pages) {
    test(`${path} sends you to sign in, and back afterwards`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status()).toBe(302);
      expect(response.headers()['location']).toBe(`/inloggen?terug=${encodeURIComponent(path)}`);
    });
  }
  for (const [name] of actions) {
    test(`action ${name} answers 401`, async ({ request, baseURL }) => {
      const response = await request.post(`/_actions/${name}`, { headers: { origin: baseURL! }, multipart: { x: '1' } });
      expect(response.status()).toBe(401);
    });
  }
});

/** Every page and action as a signed-in person with exactly these roles; `spare`: actions not posted. */
async function walk(page: Page, held: readonly Role[], baseURL: string, spare: readonly string[] = []) {
  for (const [path, allowed] of pages) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), `${held.join('+')} on ${path}`).toBe(mayUse(allowed, held) ? allowedStatus(path) : 403);
    // "Signed-in pages are sent private, no-store": no shared cache may keep someone's page.
    expect(response.headers()['cache-control'], path).toBe('private, no-store');
  }
  for (const [name, allowed] of actions) {
    if (spare.includes(name)) continue;
    const response = await post(page, name, baseURL);
    if (mayUse(allowed, held)) {
      // Through the guard: the action answers itself (a validation error for this empty form).
      expect(response.status(), `${held.join('+')} on ${name}`).toBe(200);
      expect(await response.text(), `${held.join('+')} on ${name}`).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
    } else {
      expect(response.status(), `${held.join('+')} on ${name}`).toBe(403);
    }
  }
}

// New accounts with exactly one role each, so an action like "sign out elsewhere" cannot disturb
// other tests that use the demo accounts, and no role hides behind another.
for (const role of roles) {
  test(`a new ${role} account reaches exactly what the domain allows`, async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    if (role === 'resident') {
      await newResident(page);
      await walk(page, [role], baseURL!);
      return;
    }
    await signInAs(page, 'admin');
    const staff = await newStaff(page, browser, baseURL!, role);
    await walk(staff.page, [role], baseURL!);
    await staff.page.context().close();
  });
}

test('the demo planner, who is also a worker, reaches what either role allows', async ({ page, baseURL }) => {
  await signInAs(page, 'planner');
  await walk(page, demoAccountFor('planner').roles, baseURL!);
});

// No region admin can make a platform account, so the demo one walks. It spares "sign out
// elsewhere": other specs are signed in to this account at the same time.
test('the demo platform admin reaches landelijk beheer and its own account, nothing of a region', async ({ page, baseURL }) => {
  await signInAs(page, 'platform');
  await walk(page, ['platform'], baseURL!, ['account.signOutOthers']);
});

test('a TOTP code counts once: the same code in another browser is refused', async ({ page, browser, baseURL }) => {
  const account = demoAccountFor('worker');
  await signInWithPassword(page, account.email);
  const code = await unusedTotpCode(account.email, account.totpSecret!);
  await page.getByLabel('Code uit de app of herstelcode').fill(code);
  await page.getByRole('button', { name: 'Doorgaan' }).click();
  await expect(page).toHaveURL(/\/team$/);

  const other = await (await browser.newContext({ baseURL: baseURL! })).newPage();
  await signInWithPassword(other, account.email);
  await other.getByLabel('Code uit de app of herstelcode').fill(code);
  await other.getByRole('button', { name: 'Doorgaan' }).click();
  await expect(other).toHaveURL(/\/inloggen\/code(\?|$)/);
  await expect(other.getByRole('alert')).toContainText('Deze code klopt niet of werkt niet meer.');
  // A fresh code still works: the refusal was about the replay, not the account.
  await giveTotpCode(other, account.email, account.totpSecret!);
  await expect(other).toHaveURL(/\/team$/);
  await other.context().close();
});

test('the 403 page is translated and passes the frame checks', async ({ page }) => {
  await signInAs(page, 'resident');
  const response = await page.goto('/en/team');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await expect(page.locator('a[href="tel:113"]')).toBeVisible();
});
