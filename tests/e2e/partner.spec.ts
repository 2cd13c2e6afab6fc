import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { axeViolations } from './pages.ts';
import { confirmAccountAndSignIn, demoAccountFor, signInAs } from './accounts.ts';

// Issue 12's journey: a buurtcoach signs a resident up with consent recorded and prints the
// letter; the resident confirms (code from the letter, or the mailed link), checks and changes
// the details and makes an account; the partner sees the status but not the topic; the resident
// ends the partner's access. With JavaScript on and off.
const partner = demoAccountFor('partner');
const TOPIC = 'Ik slaap slecht sinds de verhuizing';

/** axe runs as a script in the page, so only where the page may run one (the JS-on pass). */
async function expectAccessible(page: Page, js: boolean) {
  if (js) expect(await axeViolations(page)).toEqual([]);
}

async function signUpForResident(page: Page, email: string, js: boolean) {
  await page.goto('/partner');
  await page.getByRole('link', { name: 'Iemand aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Over de inwoner');
  await expectAccessible(page, js);
  await page.getByLabel('Wat is de voornaam van de inwoner?').fill('Noor');
  await page.getByLabel('In welk jaar is de inwoner geboren?').fill('1985');
  await page.getByLabel('Wat is de postcode van de inwoner?').fill('7001 AB');
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByLabel('E-mailadres').fill(email);
  for (const group of ['Mogen we een bericht inspreken', 'Mogen we de inwoner een sms sturen', 'Mag de naam van deze dienst'])
    await page
      .getByRole('group', { name: new RegExp(group) })
      .getByLabel('Ja')
      .check();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByLabel('Waarover wil de inwoner praten?').fill(TOPIC);
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByRole('group', { name: 'Kies een plek' }).getByLabel('Tijdens een wandeling buiten').check();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByLabel('Dinsdag').check();
  await page.getByLabel('Middag').check();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Akkoord van de inwoner');
  // Nothing chosen yet: each question names itself.
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Kies hoe de inwoner akkoord gaf.');
  await page.getByLabel('De inwoner is bij mij en is akkoord').check();
  await page.getByLabel('Met de inwoner zelf').check();
  await page
    .getByRole('group', { name: /Wil de inwoner dat jij ziet/ })
    .getByLabel('Ja')
    .check();
  await expectAccessible(page, js);
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Klopt alles?');
  await expect(page.getByText('De inwoner is bij mij en is akkoord')).toBeVisible();
  await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
  const status = page.getByRole('status');
  await expect(status).toContainText('De aanmelding is verstuurd');
  return (await status.textContent())!.match(/HOG-[A-Z0-9]{6}/)![0];
}

async function downloadLetter(page: Page, button: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).first().click()]);
  const pdf = await getDocumentProxy(new Uint8Array(await readFile((await download.path())!)));
  return (await extractText(pdf, { mergePages: true })).text;
}

/** The account the resident asked for is confirmed with the code from its own mail, then signed in. */
/** A planner finds a partner's sign-up, sees who made it, and agrees a moment on the phone. */
async function planByPhone(browser: Browser, baseURL: string, reference: string, js: boolean): Promise<string> {
  const planner = await (await browser.newContext({ baseURL, locale: 'nl-NL' })).newPage();
  await signInAs(planner, 'planner');
  await planner.goto(`/team?zoek=${reference}`);
  await expect(planner.getByRole('row', { name: new RegExp(reference) })).toContainText(`Partner, via ${partner.organisation}`);
  await planner.getByRole('link', { name: reference }).click();
  const summary = planner.locator('dl.hog-summary').first();
  await expect(summary).toContainText(`${partner.name}, ${partner.organisation}`);
  await expect(summary).toContainText('De inwoner');
  await expectAccessible(planner, js);
  // A moment months ahead (at most half a year) at a random minute, so no earlier run's conversation is in the way.
  const at = new Date(Date.now() + (60 + Math.floor(Math.random() * 110)) * 86_400_000);
  const date = at.toISOString().slice(0, 10);
  const time = `0${7 + Math.floor(Math.random() * 3)}:${String(Math.floor(Math.random() * 60)).padStart(2, '0')}`;
  await planner.locator('#veld-memberA').selectOption({ index: 1 });
  await planner.locator('#veld-memberB').selectOption({ index: 2 });
  await planner.getByRole('group', { name: 'Moment 1' }).getByLabel('Datum').fill(date);
  await planner.getByRole('group', { name: 'Moment 1' }).getByLabel('Tijd').fill(time);
  await planner.getByRole('button', { name: 'Momenten voorstellen' }).click();
  await expect(planner.getByRole('status')).toContainText('De momenten zijn voorgesteld.');
  const phone = planner.getByRole('region', { name: 'Telefonisch afgesproken' });
  await phone.getByLabel('Datum').fill(date);
  await phone.getByLabel('Tijd').fill(time);
  await phone.getByRole('button', { name: 'Afspraak opslaan' }).click();
  await expect(planner.getByRole('status')).toContainText('Het gesprek is afgesproken.');
  await planner.context().close();
  const [y, m, d] = date.split('-').map(Number);
  return `${new Intl.DateTimeFormat('nl', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d!))}, ${time}`;
}

async function residentPage(browser: Browser, baseURL: string, javaScriptEnabled: boolean) {
  return (await browser.newContext({ baseURL, javaScriptEnabled, locale: 'nl-NL' })).newPage();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a buurtcoach signs a resident up, the resident confirms and stays in control', async ({ page, browser, baseURL }) => {
      test.setTimeout(300_000);
      const email = `noor-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@oostveld.example`;
      await signInAs(page, 'partner');
      const reference = await signUpForResident(page, email, javaScriptEnabled);
      const letter = await downloadLetter(page, 'Brief maken (PDF)');
      expect(letter).toContain(reference);
      expect(letter).toContain('/bevestigen-aanmelding');
      const code = /bevestigingscode:\s*(\d{6})/.exec(letter)![1]!;

      const resident = await residentPage(browser, baseURL!, javaScriptEnabled);
      if (javaScriptEnabled) {
        // With a mail address the resident also gets a single-use link; it opens the same review.
        await resident.goto('/demo/postvak');
        const mail = resident.locator('article', { hasText: `Aan: ${email}` }).first();
        const link = /\/bevestigen-aanmelding\/[a-z2-7]{32}/.exec((await mail.locator('pre').textContent()) ?? '')![0];
        await resident.goto(link);
        await expectAccessible(resident, javaScriptEnabled);
        await resident.getByRole('button', { name: 'Bekijk mijn aanmelding' }).click();
      } else {
        await resident.goto('/bevestigen-aanmelding');
        await expectAccessible(resident, javaScriptEnabled);
        await resident.getByLabel('Aanmeldcode').fill(reference.toLowerCase());
        await resident.getByLabel('Bevestigingscode').fill(code);
        await resident.getByRole('button', { name: 'Bekijk mijn aanmelding' }).click();
      }
      await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Klopt alles? Bevestig je aanmelding');
      await expect(resident.getByText(`${partner.name} van ${partner.organisation} heeft dit voor je ingevuld.`, { exact: false })).toBeVisible();
      await expect(resident.getByText(TOPIC)).toBeVisible();
      await expectAccessible(resident, javaScriptEnabled);
      // The resident changes a detail with the same steps as their own sign-up.
      await resident.getByRole('link', { name: 'Wijzig: Wanneer kun je?' }).click();
      await resident.getByLabel('Donderdag').check();
      await resident.getByRole('button', { name: 'Opslaan' }).click();
      await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Klopt alles? Bevestig je aanmelding');
      await expect(resident.getByText('Dinsdag, Donderdag')).toBeVisible();
      await resident.getByLabel(/Het team mag gebruiken/).check();
      await resident.getByLabel(/Ja, maak een account/).check();
      await resident.getByLabel('Kies een wachtwoord voor je account').fill('noor kiest een lange zin');
      await resident.getByRole('button', { name: 'Aanmelding bevestigen' }).click();
      await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Je aanmelding is bevestigd');

      // The code was used up: a second time gets a calm page.
      const again = await residentPage(browser, baseURL!, javaScriptEnabled);
      await again.goto('/bevestigen-aanmelding');
      await again.getByLabel('Aanmeldcode').fill(reference);
      await again.getByLabel('Bevestigingscode').fill(code);
      await again.getByRole('button', { name: 'Bekijk mijn aanmelding' }).click();
      await expect(again.getByRole('status')).toContainText('al bevestigd');
      await again.context().close();

      await page.goto('/partner');
      const row = page.getByRole('row', { name: new RegExp(reference) });
      await expect(row).toContainText('Noor');
      await expect(row).toContainText('Bevestigd, wacht op contact');
      await expect(page.getByText(TOPIC)).toHaveCount(0);
      await expect(page.getByText(email)).toHaveCount(0);

      // The planner sees who made it and whom to contact, and plans it by phone; the partner, kept
      // informed, then sees the date and time of the conversation (and not the place or the duo).
      const moment = await planByPhone(browser, baseURL!, reference, javaScriptEnabled);
      await page.goto('/partner');
      await expect(page.getByRole('row', { name: new RegExp(reference) })).toContainText(moment);

      await confirmAccountAndSignIn(resident, email, 'noor kiest een lange zin');
      const article = resident.getByRole('article', { name: new RegExp(reference) });
      await expect(article).toContainText(`Aangemeld door ${partner.name}, ${partner.organisation}.`);
      await expectAccessible(resident, javaScriptEnabled);
      await article.getByRole('button', { name: `Toegang van ${partner.name} stoppen` }).click();
      await expect(resident.getByRole('status')).toContainText('De partner ziet je aanmelding niet meer.');
      await expect(resident.getByRole('button', { name: `Toegang van ${partner.name} stoppen` })).toHaveCount(0);

      await page.goto('/partner');
      await expect(page.getByText(reference)).toHaveCount(0);
      await resident.context().close();
    });
  });
}

test.describe('limits', () => {
  test.use({ javaScriptEnabled: false });

  test("a letter for an id that is not the partner's is 404; five wrong codes lock the letter until a new one", async ({ page, browser, baseURL }) => {
    test.setTimeout(180_000);
    await signInAs(page, 'partner');
    const reference = await signUpForResident(page, `slot-${Date.now()}@oostveld.example`, false);
    const unknown = await page.request.post('/partner/brief', { headers: { origin: baseURL! }, form: { registration: crypto.randomUUID() } });
    expect(unknown.status()).toBe(404);

    const resident = await residentPage(browser, baseURL!, false);
    for (let i = 0; i < 5; i++) {
      await resident.goto('/bevestigen-aanmelding');
      await resident.getByLabel('Aanmeldcode').fill(reference);
      await resident.getByLabel('Bevestigingscode').fill('000000');
      await resident.getByRole('button', { name: 'Bekijk mijn aanmelding' }).click();
    }
    await expect(resident.getByRole('status')).toContainText('te vaak fout');
    // A new letter (a new code) works again, and the earlier code no longer does.
    const letter = await downloadLetter(page, `Maak een nieuwe brief (PDF) voor ${reference}`);
    const code = /bevestigingscode:\s*(\d{6})/.exec(letter)![1]!;
    await resident.goto('/bevestigen-aanmelding');
    await resident.getByLabel('Aanmeldcode').fill(reference);
    await resident.getByLabel('Bevestigingscode').fill(code);
    await resident.getByRole('button', { name: 'Bekijk mijn aanmelding' }).click();
    await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Klopt alles? Bevestig je aanmelding');
    await resident.context().close();
  });

  test('a resident or the team cannot make a letter; signed out is sent to sign in', async ({ page, baseURL }) => {
    const anonymous = await page.request.post('/partner/brief', {
      headers: { origin: baseURL! },
      form: { registration: crypto.randomUUID() },
      maxRedirects: 0,
    });
    expect(anonymous.status()).toBe(302);
    await signInAs(page, 'resident');
    const resident = await page.request.post('/partner/brief', { headers: { origin: baseURL! }, form: { registration: crypto.randomUUID() } });
    expect(resident.status()).toBe(403);
  });
});

test('the new pages fit 320 px without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/bevestigen-aanmelding');
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(await fits()).toBe(true);
  await signInAs(page, 'partner');
  for (const path of ['/partner', '/partner/aanmelden/over-jou']) {
    await page.goto(path);
    expect(await fits(), path).toBe(true);
  }
});
