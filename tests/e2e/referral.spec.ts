import { expect, test } from '@playwright/test';
import { newStaff } from './accounts.ts';
import { confirmReferral, refer, signedIn } from './journeys.ts';
import { axeViolations, regionAddress } from './pages.ts';
import { expectReflowAndKeyboard } from './reflow-and-keyboard.ts';

// Issue 21's referral, in the demo region that works by referral only (Beekdal): a GP, invited by
// the region's admin, signs in with the authenticator app and refers a resident with a short
// reason; the resident confirms by the mailed link with JavaScript off; the planner reads the
// reason. And a resident who comes to the public sign-up there is told how to be referred.
// The whole journey, to the advice the GP reads, is referral-journey.spec.ts (Amstelland).
const REASON = 'Somber sinds de scheiding, slaapt slecht. Wil graag praten over werk en thuis.';
const PRACTICE = 'Huisartsenpraktijk De Linde';

test('a GP refers a resident, the resident confirms without JavaScript, the planner reads the reason', async ({ browser }) => {
  test.setTimeout(300_000);
  const beekdal = regionAddress('beekdal', '');
  const admin = await signedIn(browser, beekdal, 'beheer@beekdal.example');
  const { page: gp } = await newStaff(admin, browser, beekdal, 'referrer');
  await admin.context().close();
  const email = `noor-verwezen-${Date.now()}@beekdal.example`;
  // Beekdal offers its mental-health centre and online, the Breburg preset's places.
  const referral = { email, callName: 'Noor', postcode: '7301 AB', place: 'GGZ-centrum Beekdal', practice: PRACTICE, reason: REASON };
  const reference = await refer(gp, referral, true);
  const row = gp.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText('Wacht op bevestiging van de inwoner');

  await (await confirmReferral(browser, beekdal, referral)).context().close();

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
