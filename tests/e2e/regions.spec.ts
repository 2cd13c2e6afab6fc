import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoAccounts } from '../../src/lib/server/demo/accounts.ts';
import { signInWith } from './accounts.ts';
import { regionAddress } from './pages.ts';
import { finishSignUp, goTo } from './signup-steps.ts';

// One deployment, two demo regions (Oostveld 7001-7009, Westmark 7101-7105). The national host
// (127.0.0.1 here) asks for the postcode; each region's own host shows only that region.

async function signUpWith(browser: Browser, baseURL: string, postcode: string): Promise<string> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await goTo(page, 'meenemen', 'nl', true, postcode);
  const reference = await finishSignUp(page);
  await context.close();
  return reference;
}

async function plannerOf(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const account = demoAccounts.find((a) => a.email === email)!;
  const page = await (await browser.newContext({ baseURL })).newPage();
  await signInWith(page, { ...account, password: DEMO_PASSWORD });
  return page;
}

test('the same postcode step on the national host sends two residents to two regions, and each planner sees only their own', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const inOostveld = await signUpWith(browser, baseURL!, '7003 AB');
  const inWestmark = await signUpWith(browser, baseURL!, '7102 CD');
  for (const [email, own, other] of [
    ['planner@oostveld.example', inOostveld, inWestmark],
    ['planner@westmark.example', inWestmark, inOostveld],
  ] as const) {
    const planner = await plannerOf(browser, baseURL!, email);
    await planner.goto(`/team?zoek=${own}`);
    await expect(planner.getByRole('link', { name: own })).toBeVisible();
    await planner.goto(`/team?zoek=${other}`);
    await expect(planner.getByRole('link', { name: other })).toHaveCount(0);
    await planner.context().close();
  }
});

test("a region's own host shows its own places and contact, never the other region's", async ({ page }) => {
  await page.goto(regionAddress('westmark', '/'));
  await expect(page.getByRole('heading', { name: 'Herstelhuis Westmark', exact: true })).toBeVisible();
  await expect(page.getByText('Stadskamer Oostveld')).toHaveCount(0);
  await expect(page.getByRole('contentinfo')).toContainText('Regio Westmark');
  await page.goto(regionAddress('westmark', '/contact'));
  await expect(page.getByRole('main')).toContainText('0315 000 000');
  await page.goto(regionAddress('oostveld', '/contact'));
  await expect(page.getByRole('main')).toContainText('0314 000 000');
  await expect(page.getByRole('main')).not.toContainText('0315 000 000');
  // A postcode of the other region on a region's own host is not taken in: the right region is named.
  await page.goto(regionAddress('oostveld', '/aanmelden/over-jou'));
  await page.getByLabel('Hoe mogen we je noemen?').fill('Sam');
  await page.getByLabel('In welk jaar ben je geboren?').fill('1990');
  await page.getByLabel('Wat is je postcode?').fill('7101 AB');
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('main')).toContainText('Je postcode hoort bij Regio Westmark');
  await expect(page.getByRole('link', { name: 'Ga naar de website van Regio Westmark' })).toHaveAttribute('href', /westmark\.localhost/);
});

test.describe('the national home page, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('asks for the postcode, then shows that region for the rest of the visit; outside every region it says where else to go', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'In welke regio woon je?' })).toBeVisible();
    await expect(page.getByText('Stadskamer Oostveld')).toHaveCount(0);
    await page.getByLabel('Je postcode').fill('9999 ZZ');
    await page.getByRole('button', { name: 'Laat mijn regio zien' }).click();
    await expect(page.getByText('Voor jouw postcode kun je je hier nog niet aanmelden')).toBeVisible();
    await expect(page.getByText('We hebben je postcode niet bewaard.')).toBeVisible();
    await page.getByLabel('Je postcode').fill('7101');
    await page.getByRole('button', { name: 'Laat mijn regio zien' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'Herstelhuis Westmark', exact: true })).toBeVisible();
    await page.goto('/contact');
    await expect(page.getByRole('main')).toContainText('0315 000 000');
    // Or from the list of regions.
    await page.goto('/regio/oostveld');
    await expect(page.getByRole('heading', { name: 'Stadskamer Oostveld', exact: true })).toBeVisible();
    expect((await page.goto('/regio/bestaat-niet'))?.status()).toBe(404);
  });
});
