import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/accounts.ts';
import { mailTo, signInAs, signInWithPassword } from './accounts.ts';
import { axeViolations } from './pages.ts';

// The report journey of issue 14, with and without JavaScript: the duo writes, the resident adds
// words and approves, shares the next steps with a GP, the GP opens the link with the code, the
// resident sees that look, withdraws, and the GP's reload is refused.
const KB = 1024;

async function context(browser: Browser, javaScriptEnabled: boolean) {
  const ctx = await browser.newContext({ javaScriptEnabled, baseURL: test.info().project.use.baseURL! });
  return ctx.newPage();
}

/** axe runs inside the page, so only where JavaScript is on; the JS-off run checks behaviour. */
async function expectAxeClean(page: Page, js = true) {
  if (!js) return;
  expect(await axeViolations(page), page.url()).toEqual([]);
}

/** Script bytes on the wire (compressed) from now on, counted by Chromium. */
async function scriptBytes(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  let total = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    if (types.get(e.requestId) === 'Script') total += e.encodedDataLength;
  });
  return { total: () => total };
}

async function writeAndSend(worker: Page, name: string, js: boolean) {
  await signInAs(worker, 'worker');
  await worker.goto('/team/verslag');
  const script = js ? await scriptBytes(worker) : null;
  await worker.getByRole('link', { name: new RegExp(name) }).click();
  await expect(worker.getByRole('heading', { level: 1 })).toContainText(name);
  if (script) {
    // The portal's first island: its page keeps to 35 KB of JavaScript on the wire (gzipped).
    await worker.waitForLoadState('networkidle');
    console.log(`report editor: ${script.total()} B of JavaScript`);
    expect(script.total()).toBeGreaterThan(0);
    expect(script.total()).toBeLessThanOrEqual(35 * KB);
  }
  await worker.getByLabel('Wat is er gebeurd?').fill('Ik raakte mijn werk kwijt. <script>alert(1)</script>');
  await worker.getByLabel('Wat maakt je kwetsbaar, en wat maakt je sterk?').fill('Ik wandel elke dag.');
  await worker.getByLabel('Waar wil je naartoe?').fill('Weer meedoen.');
  await worker.getByLabel('Wat heb je nodig?').fill('Iemand om mee te praten.');
  await worker.getByLabel('Waar ben je goed in?').fill('Doorzetten.');
  await worker.getByLabel('Wat zijn de volgende stappen?').fill('Naar de open dag van het herstelcollege.');
  // Nothing filled in, nothing drawn: an open score is not a 0 at the centre.
  const dots = worker.locator('[data-testid^="veld-score-dot-"]');
  await expect(dots).toHaveCount(0);
  if (js) await expect(worker.locator('astro-island:not([ssr])')).toHaveCount(1);
  await worker.getByLabel('Lichaam').fill('8');
  // By keyboard: the arrow keys step a number field, and the web follows.
  await worker.getByLabel('Meedoen').focus();
  for (let i = 0; i < 4; i++) await worker.keyboard.press('ArrowUp');
  await expect(worker.getByLabel('Meedoen')).toHaveValue('4');
  // With JavaScript the island redraws the web as the numbers change; without, the form posts them.
  if (js) await expect(dots).toHaveCount(2);
  await expectAxeClean(worker, js);
  await worker.getByRole('button', { name: 'Naar de inwoner' }).click();
  await expect(worker.getByText('Het verslag staat nu bij de inwoner.')).toBeVisible();
  // The scores were saved and the web drawn from them on the server.
  await expect(worker.getByRole('row', { name: /Lichaam 8/ })).toBeVisible();
}

async function journey(browser: Browser, js: boolean, email: string, name: string) {
  const worker = await context(browser, js);
  await writeAndSend(worker, name, js);

  const resident = await context(browser, js);
  // "Naar de inwoner" mails the resident: why, and what to do, with the link to the report.
  await resident.goto('/demo/postvak');
  const ready = resident.locator('article', { hasText: `Aan: ${email}` }).first();
  await expect(ready.getByRole('heading')).toHaveText('Het verslag van je herstelgesprek staat klaar');
  const readyText = (await ready.locator('pre').textContent()) ?? '';
  expect(readyText.startsWith(`Hallo ${name},\n\nDe twee mensen van je herstelgesprek hebben het verslag geschreven en naar jou gestuurd.`)).toBe(true);
  expect(readyText).toContain('Klopt het? Keur het dan goed. Wil je iets anders? Vraag dan om een wijziging.');
  expect(readyText).toContain('Daarna bepaal jij wie het verslag mag lezen.');
  const readyLink = /https?:\/\/\S+\/mijn\/verslag$/m.exec(readyText)![0];
  await signInWithPassword(resident, email, DEMO_PASSWORD);
  await resident.goto(new URL(readyLink).pathname);
  await expect(resident.getByText('Ik raakte mijn werk kwijt. <script>alert(1)</script>')).toBeVisible();
  await resident.getByLabel('Mijn aanvulling').fill('Mijn hond heet Bo.');
  await resident.getByRole('button', { name: 'Aanvulling bewaren' }).click();
  await expect(resident.getByText('Je aanvulling is bewaard.')).toBeVisible();
  await expectAxeClean(resident, js);
  await resident.getByRole('button', { name: 'Verslag goedkeuren' }).click();
  await expect(resident.getByText('Je hebt het verslag goedgekeurd.')).toBeVisible();
  const [download] = await Promise.all([resident.waitForEvent('download'), resident.getByRole('link', { name: 'Download als PDF' }).click()]);
  const pdf = await extractText(await getDocumentProxy(new Uint8Array(readFileSync((await download.path())!))), { mergePages: true });
  expect(pdf.text).toContain('Ik raakte mijn werk kwijt. <script>alert(1)</script>');
  expect(pdf.text).toContain('Mijn hond heet Bo.');

  const gp = `huisarts-${Date.now()}-${js ? 'js' : 'nojs'}@oostveld.example`;
  await resident.goto('/mijn/verslag/delen');
  await resident.getByLabel('Naam van de persoon').fill('Dokter Jansen');
  await resident.getByLabel('Huisarts').check();
  await resident.getByLabel('E-mailadres van de persoon').fill(gp);
  await expect(resident.getByLabel('Alleen de volgende stappen')).toBeChecked();
  const until = await resident.getByLabel('Tot wanneer mag deze persoon het lezen?').inputValue();
  expect(new Date(until).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
  await resident.getByRole('button', { name: 'Delen', exact: true }).click();
  const code = (await resident.getByTestId('share-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expectAxeClean(resident, js);

  const recipient = await context(browser, js);
  const link = /\/gedeeld\/[a-z2-7]+/.exec(await mailTo(recipient, gp))![0];
  await recipient.goto(link);
  await recipient.getByLabel('Toegangscode').fill('AAAA-BBBB');
  await recipient.getByRole('button', { name: 'Openen' }).click();
  await expect(recipient.getByText('Deze toegangscode klopt niet.')).toHaveCount(2);
  await recipient.getByLabel('Toegangscode').fill(code);
  await recipient.getByRole('button', { name: 'Openen' }).click();
  await expect(recipient.getByRole('heading', { level: 1 })).toHaveText(`Gedeeld door ${name.split(' ')[0]}`);
  await expect(recipient.getByText('Naar de open dag van het herstelcollege.')).toBeVisible();
  // Only the next steps were shared.
  await expect(recipient.getByText('Wat is er gebeurd?')).toHaveCount(0);
  const response = await recipient.reload();
  expect(response!.headers()['cache-control']).toBe('no-store');
  expect(response!.headers()['referrer-policy']).toBe('no-referrer');
  expect(response!.headers()['x-robots-tag']).toContain('noindex');
  await expectAxeClean(recipient, js);

  await resident.goto('/mijn/wie-keek');
  await expect(
    resident
      .getByRole('listitem')
      .filter({ hasText: /Dokter Jansen \(Huisarts\) las je verslag\./ })
      .first(),
  ).toBeVisible();
  await expect(resident.getByText(/planning\.|registration\.|invitation\./)).toHaveCount(0);
  await expectAxeClean(resident, js);
  await resident.goto('/mijn/verslag/delen');
  await expect(resident.getByText(/Geopend op:/)).toBeVisible();
  await resident.getByRole('button', { name: 'Stop delen met Dokter Jansen' }).click();
  await expect(resident.getByText('Je deelt het verslag niet meer met deze persoon.')).toBeVisible();

  const refused = await recipient.reload();
  expect(refused!.status()).toBe(404);
  await expect(recipient.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet meer');
}

test('the report journey with JavaScript', async ({ browser }) => {
  test.setTimeout(180_000);
  await journey(browser, true, 'kim@oostveld.example', 'Kim');
});

test('the report journey without JavaScript', async ({ browser }) => {
  test.setTimeout(180_000);
  await journey(browser, false, 'noor@oostveld.example', 'Noor');
});

test('the demo share: wrong, tampered and unknown links look the same', async ({ page }) => {
  const bodies: string[] = [];
  for (const address of ['/gedeeld/onbekendelinkdiewerktniet', '/gedeeld/%27%3Cscript%3E', '/gedeeld/demogedeeldverslagoostveldx']) {
    const response = await page.goto(address);
    expect(response!.status(), address).toBe(404);
    bodies.push((await page.getByRole('main').textContent()) ?? '');
  }
  expect(new Set(bodies).size).toBe(1);
  await page.goto('/gedeeld/demogedeeldverslagoostveld');
  await page.getByLabel('Toegangscode').fill('demo code');
  await page.getByRole('button', { name: 'Openen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gedeeld door Sam');
  // The recipient reaches nothing else of the resident.
  expect((await page.goto('/mijn/verslag'))!.url()).toContain('/inloggen');
});

test('the report pages without an island ship no JavaScript and pass axe', async ({ browser }) => {
  const resident = await context(browser, true);
  await resident.setViewportSize({ width: 320, height: 640 });
  await signInWithPassword(resident, 'inwoner@oostveld.example', DEMO_PASSWORD);
  for (const address of ['/mijn/verslag', '/mijn/verslag/delen', '/mijn/wie-keek', '/en/mijn/verslag']) {
    await resident.goto(address);
    // 320 px wide: nothing sticks out sideways (who looked is a list of sentences, nothing to clip).
    expect(await resident.evaluate(() => document.documentElement.scrollWidth), address).toBeLessThanOrEqual(320);
    await expect(resident.locator('script[src], astro-island')).toHaveCount(0);
    // The spider web is drawn on the server here, with its table beside it.
    if (address.endsWith('/verslag')) await expect(resident.getByRole('img', { name: /Scores|scores/ })).toBeVisible();
    await expectAxeClean(resident);
  }
});

test('outside the duo and the resident, nobody reads a report', async ({ browser }) => {
  const partner = await context(browser, true);
  await signInAs(partner, 'partner');
  for (const address of ['/team/verslag', '/mijn/verslag', '/mijn/verslag/delen', '/mijn/wie-keek'])
    expect((await partner.goto(address))!.status(), address).toBe(403);
  const admin = await context(browser, true);
  await signInAs(admin, 'admin');
  expect((await admin.goto('/team/verslag'))!.status()).toBe(403);
});

// Issue 22: without `novalidate` an empty send showed only Chromium's own bubble, in English on a
// Dutch page, and no list of what was missing. Now our summary and a message at each field.
for (const [lang, words] of [
  [
    'nl',
    {
      path: '/mijn/verslag/delen',
      submit: 'Delen',
      title: 'Kijk dit nog even na',
      name: 'Naam van de persoon',
      nameMessage: 'Vul de naam in van de persoon met wie je deelt.',
      relationMessage: 'Kies wie deze persoon voor jou is.',
      emailMessage: 'Vul een e-mailadres in, zoals naam@voorbeeld.nl.',
    },
  ],
  [
    'en',
    {
      path: '/en/mijn/verslag/delen',
      submit: 'Share',
      title: 'Please check this',
      name: 'Name of the person',
      nameMessage: 'Enter the name of the person you share with.',
      relationMessage: 'Choose who this person is to you.',
      emailMessage: 'Enter an e-mail address, like name@example.com.',
    },
  ],
] as const) {
  test(`an empty share form gets the portal's own error summary and field messages (${lang})`, async ({ browser }) => {
    const resident = await context(browser, true);
    await signInWithPassword(resident, 'inwoner@oostveld.example', DEMO_PASSWORD);
    await resident.goto(words.path);
    await resident.getByRole('button', { name: words.submit, exact: true }).click();
    const summary = resident.getByRole('alert');
    await expect(summary.getByRole('heading')).toHaveText(words.title);
    await expect(summary.getByRole('link', { name: words.nameMessage })).toHaveAttribute('href', '#veld-name');
    await expect(summary.getByRole('link', { name: words.relationMessage })).toHaveAttribute('href', '#veld-relation');
    await expect(summary.getByRole('link', { name: words.emailMessage })).toHaveAttribute('href', '#veld-email');
    // The message at the field itself, tied to it for a screen reader.
    await expect(resident.getByLabel(words.name)).toHaveAccessibleDescription(words.nameMessage);
    await expectAxeClean(resident);
  });
}
