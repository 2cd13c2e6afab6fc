import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoAccounts } from '../../src/lib/server/demo/accounts.ts';
import { newStaff, signInWith } from './accounts.ts';
import { axeViolations, regionAddress } from './pages.ts';
import { expectReflowAndKeyboard } from './reflow-and-keyboard.ts';

// Issue 21's referral, in the demo region that works by referral only (Beekdal): a GP, invited by
// the region's admin, signs in with the authenticator app and refers a resident with a short
// reason; the resident confirms by the mailed link with JavaScript off; the planner reads the
// reason. And a resident who comes to the public sign-up there is told how to be referred.
const REASON = 'Somber sinds de scheiding, slaapt slecht. Wil graag praten over werk en thuis.';
const demo = (email: string) => ({ ...demoAccounts.find((a) => a.email === email)!, password: DEMO_PASSWORD });

async function signedIn(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, locale: 'nl-NL' })).newPage();
  await signInWith(page, demo(email));
  return page;
}

/** The referrer's steps: the partner's, in the referrer's words, with the practice and the reason. */
async function refer(gp: Page, email: string): Promise<string> {
  await gp.goto('/partner');
  await expect(gp.getByRole('heading', { level: 1 })).toHaveText('Verwijzen');
  await gp.getByRole('link', { name: 'Iemand verwijzen' }).click();
  await gp.getByLabel('Wat is de voornaam van de inwoner?').fill('Noor');
  await gp.getByLabel('In welk jaar is de inwoner geboren?').fill('1985');
  await gp.getByLabel('Wat is de postcode van de inwoner?').fill('7301 AB');
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await gp.getByLabel('E-mailadres').fill(email);
  for (const group of ['Mogen we een bericht inspreken', 'Mogen we de inwoner een sms sturen', 'Mag de naam van deze dienst'])
    await gp
      .getByRole('group', { name: new RegExp(group) })
      .getByLabel('Ja')
      .check();
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await gp.getByRole('group', { name: 'Kies een plek' }).getByLabel('Tijdens een wandeling buiten').check();
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await gp.getByLabel('Dinsdag').check();
  await gp.getByLabel('Middag').check();
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(gp.getByRole('heading', { level: 1 })).toHaveText('Akkoord en verwijzing');
  await gp.getByLabel('De inwoner is bij mij en is akkoord').check();
  await gp.getByLabel('Met de inwoner zelf').check();
  await gp
    .getByRole('group', { name: /Wil de inwoner dat jij ziet/ })
    .getByLabel('Ja')
    .check();
  // The reason is required and kept short: each gets its own message.
  await gp.getByLabel('Naam van je praktijk of organisatie').fill('Huisartsenpraktijk De Linde');
  await gp.getByLabel('Waarom verwijs je de inwoner?').fill('');
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(gp.getByRole('alert').first()).toContainText('Vul kort in waarom je de inwoner verwijst.');
  await gp.getByLabel('Waarom verwijs je de inwoner?').fill(REASON);
  expect(await axeViolations(gp)).toEqual([]);
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(gp.getByRole('heading', { level: 1 })).toHaveText('Klopt alles?');
  await expect(gp.getByText(REASON)).toBeVisible();
  await gp.getByRole('button', { name: 'Aanmelding versturen' }).click();
  const status = gp.getByRole('status');
  await expect(status).toContainText('De verwijzing is verstuurd');
  return (await status.textContent())!.match(/HOG-[A-Z0-9]{6}/)![0];
}

test('a GP refers a resident, the resident confirms without JavaScript, the planner reads the reason', async ({ browser }) => {
  test.setTimeout(300_000);
  const beekdal = regionAddress('beekdal', '');
  const admin = await signedIn(browser, beekdal, 'beheer@beekdal.example');
  const { page: gp } = await newStaff(admin, browser, beekdal, 'referrer');
  await admin.context().close();
  const email = `noor-verwezen-${Date.now()}@beekdal.example`;
  const reference = await refer(gp, email);
  const row = gp.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText('Wacht op bevestiging van de inwoner');

  const resident = await (await browser.newContext({ baseURL: beekdal, javaScriptEnabled: false, locale: 'nl-NL' })).newPage();
  await resident.goto('/demo/postvak');
  const mail = resident.locator('article', { hasText: `Aan: ${email}` }).first();
  const link = /\/bevestigen-aanmelding\/[a-z2-7]{32}/.exec((await mail.locator('pre').textContent()) ?? '')![0];
  await resident.goto(link);
  await resident.getByRole('button', { name: 'Bekijk mijn aanmelding' }).click();
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Klopt alles? Bevestig je aanmelding');
  await expect(resident.getByText('van Huisartsenpraktijk De Linde heeft dit voor je ingevuld.', { exact: false })).toBeVisible();
  await resident.getByLabel(/Het team mag gebruiken/).check();
  await resident.getByLabel(/Nee, zonder account/).check();
  await resident.getByRole('button', { name: 'Aanmelding bevestigen' }).click();
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Je aanmelding is bevestigd');
  await resident.context().close();

  await gp.goto('/partner');
  await expect(gp.getByRole('row', { name: new RegExp(reference) })).toContainText('Bevestigd, wacht op contact');
  await expect(gp.getByText(REASON)).toHaveCount(0);
  await gp.context().close();

  const planner = await signedIn(browser, beekdal, 'planner@beekdal.example');
  await planner.goto(`/team?zoek=${reference}`);
  await planner.getByRole('link', { name: reference }).click();
  const summary = planner.locator('dl.hog-summary').first();
  await expect(summary).toContainText('Verwezen door: Nieuw referrer, Huisartsenpraktijk De Linde');
  await expect(summary).toContainText(REASON);
  expect(await axeViolations(planner)).toEqual([]);
  await planner.context().close();
});

test('in a region that works by referral only, the public sign-up explains how to be referred', async ({ page }) => {
  // The region's home leads there instead of to a form it could not send.
  await page.goto(regionAddress('beekdal', '/'));
  await page.getByRole('link', { name: 'Hoe meld ik me aan?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden gaat hier via je huisarts');
  await expect(page.getByRole('main')).toContainText('Regio Beekdal');
  await expect(page.getByRole('main')).toContainText('0575 000 000');
  await expect(page.getByRole('main')).toContainText('Bel 113');
  await expect(page.getByRole('link', { name: 'Contact met het team' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await expectReflowAndKeyboard(page, page.url());
  // Public pages send no JavaScript of their own.
  expect(await page.locator('script[src]').count()).toBe(0);
  // The steps themselves lead there too, and so does a Beekdal postcode on the national host.
  await page.goto(regionAddress('beekdal', '/aanmelden/over-jou'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden gaat hier via je huisarts');
  await page.goto('/aanmelden/over-jou');
  await page.getByLabel('Hoe mogen we je noemen?').fill('Sam');
  await page.getByLabel('In welk jaar ben je geboren?').fill('1990');
  await page.getByLabel('Wat is je postcode?').fill('7302 CD');
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden gaat hier via je huisarts');
  await expect(page.getByRole('main')).toContainText('0575 000 000');
});
