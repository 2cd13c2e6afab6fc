import { expect, test } from '@playwright/test';
import { demoAccounts, DEMO_PASSWORD } from '../../src/lib/server/demo/accounts.ts';
import { newResident, signInAs, signInWith } from './accounts.ts';
import { finishSignUp, goTo } from './signup-steps.ts';

// Issue 19, item 5, with JavaScript off: a planner of Oostveld moves a sign-up to Westmark. From
// then on Oostveld's planner gets the 404 of an unknown id, Westmark's planner sees it, and the
// resident reads the move in "wie keek".
test.use({ javaScriptEnabled: false });
test.setTimeout(180_000);

test('a planner moves a sign-up to another region', async ({ page, browser, baseURL }) => {
  await newResident(page);
  await goTo(page, 'meenemen');
  await page.getByRole('group', { name: 'Wil je iemand meenemen?' }).getByLabel('Nee').check();
  const reference = await finishSignUp(page);

  const oost = await (await browser.newContext({ baseURL: baseURL! })).newPage();
  await signInAs(oost, 'planner');
  await oost.goto(`/team?zoek=${reference}`);
  await oost.getByRole('link', { name: reference }).click();
  const detail = new URL(oost.url()).pathname;
  await oost.getByLabel('Naar welke regio?').selectOption({ label: 'Regio Westmark' });
  await oost.getByRole('button', { name: 'Aanmelding verplaatsen' }).click();
  await expect(oost.getByRole('status')).toContainText(`Aanmelding ${reference} staat nu bij Regio Westmark.`);
  expect((await oost.goto(detail))!.status()).toBe(404);

  const west = await (await browser.newContext({ baseURL: baseURL! })).newPage();
  const westPlanner = demoAccounts.find((a) => a.email === 'planner@westmark.example')!;
  await signInWith(west, { ...westPlanner, password: DEMO_PASSWORD });
  await west.goto(detail);
  await expect(west.getByRole('heading', { level: 1 })).toHaveText(`Aanmelding ${reference}`);

  await page.goto('/mijn/wie-keek');
  await expect(page.getByText(/verplaatste je aanmelding naar een andere regio\./)).toBeVisible();
});
