import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/accounts.ts';
import { DEMO_SHARE } from '../../src/lib/server/demo/reports.ts';
import { signInWithPassword } from './accounts.ts';
import { axeViolations } from './pages.ts';

// Issue 22, items 12 and 13: a resident who does not know the address shares without e-mail (the
// link and the code shown once, copied or printed as a letter), and the person who gets it reads the
// report in their own language, with what it is about, who held the conversation and whom to call.

async function open(browser: Browser, javaScriptEnabled: boolean) {
  const ctx = await browser.newContext({ javaScriptEnabled, baseURL: test.info().project.use.baseURL! });
  if (javaScriptEnabled) await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  return ctx.newPage();
}

/** 320 and 1280 px: nothing sideways, and a picture to look at (in the output folder). */
async function shoot(page: Page, name: string) {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width}`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function shareWithoutEmail(resident: Page, js: boolean, name: string) {
  await signInWithPassword(resident, 'inwoner@oostveld.example', DEMO_PASSWORD);
  await resident.goto('/mijn/verslag/delen');
  // What is shared already comes first; the form to share with someone new after it.
  const list = resident.getByRole('heading', { name: 'Met wie deel je?' });
  const form = resident.getByRole('heading', { name: 'Met wie wil je delen?' });
  expect((await list.boundingBox())!.y).toBeLessThan((await form.boundingBox())!.y);
  if (js) {
    expect(await axeViolations(resident)).toEqual([]);
    await shoot(resident, 'delen-form');
  }
  await resident.getByLabel('Naam van de persoon').fill(name);
  await resident.getByLabel('Iemand die dicht bij mij staat').check();
  await resident.getByLabel('Ik geef de link zelf door').check();
  await resident.getByLabel('Het hele verslag').check();
  await resident.getByRole('button', { name: 'Delen', exact: true }).click();

  await expect(resident.getByText(`Je verslag is gedeeld met ${name}.`)).toBeVisible();
  const letter = resident.getByRole('region', { name: `Brief voor ${name}` });
  await expect(letter.getByText(`Beste ${name},`)).toBeVisible();
  const link = (await letter.getByTestId('share-link').textContent())!.trim();
  const code = (await letter.getByTestId('share-code').textContent())!.trim();
  expect(link).toMatch(/^https?:\/\/[^/]+\/gedeeld\/[a-z2-7]{20,64}$/);
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  // The code travels apart from the link: it is nowhere in it.
  expect(link.toUpperCase()).not.toContain(code.replace('-', ''));
  if (js) {
    await letter.getByRole('button', { name: 'Kopieer de link' }).click();
    await expect(letter.getByRole('status')).toHaveText('De link is gekopieerd.');
    expect(await resident.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expect(letter.getByRole('button', { name: 'Print de brief' })).toBeVisible();
    await expect(letter.getByText('Kies Afdrukken in je browser')).toBeHidden();
    expect(await axeViolations(resident)).toEqual([]);
    await shoot(resident, 'delen-letter');
    // On paper only the letter: no header, no heading of the page, no form.
    await resident.emulateMedia({ media: 'print' });
    await expect(resident.getByRole('heading', { level: 1 })).toBeHidden();
    await expect(form).toBeHidden();
    await expect(letter.getByTestId('share-code')).toBeVisible();
    await expect(letter.getByRole('button', { name: 'Kopieer de link' })).toBeHidden();
    await resident.screenshot({ path: test.info().outputPath('delen-letter-print.png'), fullPage: true });
    await resident.emulateMedia({ media: 'screen' });
  } else {
    // Without JavaScript: no buttons that would do nothing, the link as plain text to select.
    await expect(letter.getByRole('button')).toHaveCount(0);
    await expect(letter.getByText('Kies Afdrukken in je browser')).toBeVisible();
  }
  return { path: new URL(link).pathname, code };
}

async function readInEnglish(recipient: Page, path: string, code: string, js: boolean) {
  await recipient.goto(`/en${path}`);
  await expect(recipient.getByRole('heading', { level: 1 })).toHaveText('Enter your access code');
  await recipient.getByLabel('Access code').fill(code);
  await recipient.getByRole('button', { name: 'Open' }).click();
  // Still English after the code: the page, its labels and the address.
  await expect(recipient.getByRole('heading', { level: 1 })).toHaveText('Shared by Sam');
  expect(new URL(recipient.url()).pathname).toBe(`/en${path}`);
  await expect(recipient.locator('html')).toHaveAttribute('lang', 'en');
  // What this is, who held it, and whom to call: a GP has never heard of the portal.
  const about = recipient.getByRole('region', { name: 'About this report' });
  await expect(about).toContainText(/This report is about the recovery conversation Sam had on .+ with Rachid and Sanne \(.+\)\./);
  await expect(about).toContainText('A recovery conversation is an open talk');
  await expect(about.locator('a[href^="tel:"]')).toHaveCount(1);
  await expect(about.locator('a[href^="mailto:"]')).toHaveCount(1);
  // Labels from Sam's side, not as if the reader wrote them.
  await expect(recipient.getByText(/shares this with Lotte \w* ?\(someone close to Sam\)/)).toBeVisible();
  await expect(recipient.getByRole('heading', { name: 'Added by Sam' })).toBeVisible();
  await expect(recipient.getByText(/My addition|close to me|Gedeeld door|Mijn aanvulling/)).toHaveCount(0);
  await expect(recipient.getByRole('heading', { name: 'Whom can Sam contact after the conversation?' })).toBeVisible();
  await expect(recipient.getByText(/^After the conversation, Sam can contact Rachid and Sanne\./)).toBeVisible();
  // The report's own words are Dutch, and say so; the labels around them are English.
  await expect(recipient.getByText('De hond heet Bo.', { exact: false })).toHaveAttribute('lang', 'nl');
  await expect(recipient.getByRole('heading', { name: 'What are the next steps?' })).toBeVisible();
  await expect(recipient.locator('main [lang="nl"]').first()).toBeVisible();
  if (js) {
    expect(await axeViolations(recipient)).toEqual([]);
    await shoot(recipient, 'gedeeld-en');
  }
}

for (const js of [true, false]) {
  test(`sharing without e-mail, read in English after the code (JavaScript ${js ? 'on' : 'off'})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const name = js ? 'Lotte Js' : 'Lotte Zonder';
    const resident = await open(browser, js);
    const { path, code } = await shareWithoutEmail(resident, js, name);

    const recipient = await open(browser, js);
    await readInEnglish(recipient, path, code, js);

    // The resident sees that open, as a list of times, and the share in "wie keek".
    await resident.goto('/mijn/verslag/delen');
    const item = resident.getByRole('listitem').filter({ has: resident.getByRole('heading', { name: new RegExp(name) }) });
    await expect(item.getByText('Je gaf de link zelf door.')).toBeVisible();
    await expect(item.getByRole('list', { name: 'Geopend op:' }).getByRole('listitem')).toHaveCount(1);
    if (js) {
      expect(await axeViolations(resident)).toEqual([]);
      await shoot(resident, 'delen-list');
    }
    await resident.goto('/mijn/wie-keek');
    await expect(resident.getByText(/deelde je verslag met iemand en kreeg de link om zelf door te geven/i).first()).toBeVisible();
    await expect(resident.getByText(new RegExp(`${name} \\(Iemand die dicht bij mij staat\\) las je verslag`)).first()).toBeVisible();
  });
}

test('the recipient page in Dutch keeps Dutch, and the demo share says what it is', async ({ browser }) => {
  const recipient = await open(browser, true);
  await recipient.goto(DEMO_SHARE.path);
  await recipient.getByLabel('Toegangscode').fill(DEMO_SHARE.code);
  await recipient.getByRole('button', { name: 'Openen' }).click();
  await expect(recipient.getByRole('heading', { level: 1 })).toHaveText('Gedeeld door Sam');
  await expect(recipient.locator('html')).toHaveAttribute('lang', 'nl');
  const about = recipient.getByRole('region', { name: 'Over dit verslag' });
  await expect(about).toContainText(/Dit verslag gaat over het herstelgesprek dat Sam op \d{1,2} \w+ \d{4} had met Rachid en Sanne \(.+\)\./);
  await expect(about).toContainText('Een herstelgesprek is een open gesprek');
  await expect(recipient.getByText('Bericht van Sam:')).toBeVisible();
  // On a Dutch page Dutch text needs no mark of its own.
  await expect(recipient.locator('main [lang]')).toHaveCount(0);
  expect(await axeViolations(recipient)).toEqual([]);
  await shoot(recipient, 'gedeeld-nl');
  // The same share in English: the resident's message is marked Dutch too.
  await recipient.goto(`/en${DEMO_SHARE.path}`);
  await expect(recipient.getByRole('heading', { level: 1 })).toHaveText('Shared by Sam');
  await expect(recipient.locator('blockquote', { hasText: 'Dit is wat ik afsprak na mijn gesprek.' })).toHaveAttribute('lang', 'nl');
});
