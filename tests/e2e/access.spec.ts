import { expect, test } from '@playwright/test';
import { protectedActions, protectedPages } from '../../src/lib/server/auth/access.ts';
import { roleNames } from '../../src/lib/roles.ts';
import { signInAs } from './accounts.ts';

// Walks the one route table for every role: a protected page or action that is not in the table,
// or that forgets its guard, fails here.
const pages = Object.values(protectedPages);
const actions = Object.entries(protectedActions);

test.describe('signed out', () => {
  for (const { path } of pages) {
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

for (const role of roleNames) {
  test.describe(`as ${role}`, () => {
    test.describe.configure({ mode: 'serial' });
    test('every page and action answers as the route table says', async ({ page, baseURL }) => {
      await signInAs(page, role);
      for (const { path, roles } of pages) {
        const response = await page.request.get(path, { maxRedirects: 0 });
        expect(response.status(), `${role} on ${path}`).toBe((roles as readonly string[]).includes(role) ? 200 : 403);
      }
      for (const [name, roles] of actions) {
        if ((roles as readonly string[]).includes(role)) continue; // allowed actions are tested with their pages
        const response = await page.request.post(`/_actions/${name}`, { headers: { origin: baseURL! }, multipart: { x: '1' } });
        expect(response.status(), `${role} on ${name}`).toBe(403);
      }
    });
  });
}

test('the 403 page is translated and passes the frame checks', async ({ page }) => {
  await signInAs(page, 'resident');
  const response = await page.goto('/en/team');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access');
  await expect(page.locator('a[href="tel:113"]')).toBeVisible();
});
