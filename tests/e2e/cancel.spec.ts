import { expect, test } from '@playwright/test';
import { axeViolations } from './pages.ts';
import { demoAccountFor, signInAs } from './accounts.ts';
import { finishSignUp, goTo } from './signup-steps.ts';

// Cancelling asks once on its own page, mails, and can be undone: all without JavaScript.
test.use({ javaScriptEnabled: false });

test('a resident cancels after "Weet je het zeker?", gets a discreet mail, and undoes it', async ({ page, browser, baseURL }) => {
  await signInAs(page, 'resident');
  await goTo(page, 'meenemen', 'nl', false);
  const reference = await finishSignUp(page);
  await page.goto('/mijn');
  const article = page.getByRole('article', { name: new RegExp(reference) });
  await article.getByRole('link', { name: 'Afmelden voor dit gesprek' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weet je het zeker?');
  await expect(page.getByText(reference)).toBeVisible();
  await page.getByRole('link', { name: 'Nee, ik wil me niet afmelden' }).click();
  await expect(article).toContainText('Ontvangen (nu)');

  await article.getByRole('link', { name: 'Afmelden voor dit gesprek' }).click();
  await page.getByLabel('Bel me eerst, dan praten we erover').check();
  await page.getByRole('button', { name: 'Ja, meld me af' }).click();
  await expect(page.getByRole('status')).toContainText('Je bent afgemeld.');
  await expect(article).toContainText('Afgemeld');
  await article.getByRole('button', { name: 'Afmelding terugdraaien' }).click();
  await expect(page.getByRole('status')).toContainText('Je afmelding is teruggedraaid.');
  await expect(article).toContainText('Ontvangen (nu)');
  // The current state has its own mark, not the empty circle of the states still to come.
  const mark = (selector: string) =>
    article
      .locator(selector)
      .first()
      .evaluate((el) => getComputedStyle(el, '::before').content);
  expect(await mark('li[aria-current="step"]')).not.toBe(await mark('li[data-state="todo"]'));

  await page.goto('/demo/postvak');
  const email = demoAccountFor('resident').email;
  const mails = page.locator('article', { hasText: `Aan: ${email}` }).filter({ hasText: reference });
  await expect(mails.filter({ hasText: 'Je afspraak is afgezegd' })).toHaveCount(1);
  await expect(mails.filter({ hasText: 'Je afmelding is teruggedraaid' })).toHaveCount(1);
  for (const text of await mails.allTextContents()) {
    expect(text).not.toMatch(/herstel(?!len)|ggz|Team Herstelgesprek/i);
    expect(text).toContain('Groet, Sam');
    expect(text).toContain('Van: Sam ·');
  }

  // axe runs as a script in the page, so the confirmation page is checked with JavaScript on.
  const context = await browser.newContext({ baseURL: baseURL!, storageState: await page.context().storageState(), javaScriptEnabled: true });
  const withScript = await context.newPage();
  await withScript.goto('/mijn');
  const id = await withScript
    .getByRole('article', { name: new RegExp(reference) })
    .getByRole('link', { name: 'Afmelden voor dit gesprek' })
    .getAttribute('href');
  await withScript.goto(id!);
  expect(await axeViolations(withScript)).toEqual([]);
  await context.close();
});

test('another resident’s sign-up cannot be reached from the confirmation page', async ({ page }) => {
  await signInAs(page, 'resident');
  await page.goto('/mijn/afmelden?aanmelding=00000000-0000-4000-8000-000000000000');
  await expect(page.getByText('We kunnen deze aanmelding niet vinden')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ja, meld me af' })).toHaveCount(0);
});

test('the review says whether the naaste will be invited', async ({ page }) => {
  await goTo(page, 'meenemen');
  await page.getByRole('group', { name: 'Wil je iemand meenemen?' }).getByLabel('Ja').check();
  await page.getByLabel('Naam van wie je meeneemt').fill('Kim');
  await page
    .getByRole('group', { name: /Zullen wij deze persoon uitnodigen/ })
    .getByLabel('Nee')
    .check();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  const section = page.getByRole('region', { name: 'Iemand meenemen' });
  await expect(section.getByText('Zullen wij deze persoon uitnodigen als de datum bekend is?')).toBeVisible();
  await expect(section.locator('dd').nth(1)).toHaveText('Nee');
});
