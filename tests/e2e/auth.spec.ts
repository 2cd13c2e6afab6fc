import { expect, test } from '@playwright/test';
import { axeViolations } from './pages.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/accounts.ts';
import { demoAccountFor, giveTotpCode, mailTo, signInAs, signInWithPassword, unusedTotpCode } from './accounts.ts';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a resident account, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });
    test('is made, confirmed from the mailbox, signed out and in again', async ({ page }) => {
      const email = `nieuw-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@oostveld.example`;
      await page.goto('/account-maken');
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByLabel('Wachtwoord').fill('kort');
      await page.getByRole('button', { name: 'Account maken' }).click();
      await expect(page.getByRole('alert')).toContainText('Gebruik minstens 10 tekens.');
      await expect(page.getByLabel('E-mailadres')).toHaveValue(email); // what was typed is kept
      await page.getByLabel('Wachtwoord').fill('wachtwoord123');
      await page.getByRole('button', { name: 'Account maken' }).click();
      await expect(page.getByRole('alert')).toContainText('heel vaak gebruikt');
      await page.getByLabel('Wachtwoord').fill('een zin die ik onthoud');
      await page.getByRole('button', { name: 'Account maken' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bevestig je e-mailadres');

      const code = /^Code: (\d{6})$/m.exec(await mailTo(page, email))?.[1];
      expect(code).toBeTruthy();
      await page.goto('/account-bevestigen');
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByLabel('Code').fill(code!);
      await page.getByRole('button', { name: 'Bevestigen' }).click();
      await expect(page.getByRole('status')).toContainText('Je e-mailadres is bevestigd');

      await signInWithPassword(page, email, 'een zin die ik onthoud');
      await expect(page).toHaveURL(/\/mijn$/);
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await expect(page.getByText('Je bent uitgelogd.')).toBeVisible();
      expect((await page.goto('/mijn'))?.url()).toMatch(/\/inloggen\?terug=%2Fmijn$/);
      await signInWithPassword(page, email, 'een zin die ik onthoud');
      await expect(page).toHaveURL(/\/mijn$/);
    });
  });
}

test('a team member signs in with a code from the app', async ({ page }) => {
  // The whole way, not signInAs: that may hand over a session this worker already made.
  const worker = demoAccountFor('worker');
  await signInWithPassword(page, worker.email);
  await giveTotpCode(page, worker.email, worker.totpSecret!);
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team');
});

test('five wrong passwords slow the next try down, without saying whether the account exists', async ({ page }) => {
  const email = `traag-${Date.now()}@oostveld.example`;
  for (let i = 0; i < 5; i++) {
    await signInWithPassword(page, email, `verkeerd-${i}-wachtwoord`);
    await expect(page.getByRole('alert')).toContainText('Het e-mailadres of het wachtwoord klopt niet.');
  }
  await signInWithPassword(page, email, 'verkeerd-6-wachtwoord');
  await expect(page.getByRole('alert')).toContainText('Je hebt het te vaak geprobeerd.');
});

test('forgot password answers the same for any address', async ({ page }) => {
  for (const email of ['inwoner@oostveld.example', 'bestaat-niet@oostveld.example']) {
    await page.goto('/wachtwoord-vergeten');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByRole('button', { name: 'Stuur de link' }).click();
    await expect(page.getByRole('status')).toHaveText('Als dit e-mailadres bij een account hoort, hebben we een link gestuurd. De link werkt 1 uur.');
  }
});

test('a used or made-up link is refused kindly', async ({ page }) => {
  await page.goto('/wachtwoord-herstellen/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  await page.getByLabel('Nieuw wachtwoord').fill('een heel nieuw wachtwoord');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze link werkt niet meer.');
});

test('the idle warning lets a resident continue without losing the page', async ({ page }) => {
  await page.clock.install();
  await signInAs(page, 'resident');
  await page.goto('/account');
  await page.getByLabel('Nieuw e-mailadres').fill('half-getypt@oostveld.example');
  await page.clock.fastForward('28:30');
  const warning = page.getByRole('alertdialog', { name: 'Ben je er nog?' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Ik ben er nog' })).toBeFocused();
  await warning.getByRole('button', { name: 'Ik ben er nog' }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByLabel('Nieuw e-mailadres')).toHaveValue('half-getypt@oostveld.example');
});

const publicAccountPages = ['/inloggen', '/account-maken', '/account-bevestigen', '/wachtwoord-vergeten', '/en/inloggen', '/en/account-maken'];
for (const path of publicAccountPages) {
  test(`${path} passes axe and ships no script`, async ({ page }) => {
    expect((await page.goto(path))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.locator('script')).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
  });
}

for (const role of ['resident', 'partner', 'admin'] as const) {
  test(`the signed-in pages of a ${role} pass axe`, async ({ page }) => {
    await signInAs(page, role);
    for (const path of ['/account', role === 'resident' ? '/mijn' : role === 'partner' ? '/partner' : '/team/beheer']) {
      expect((await page.goto(path))?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
}

test('an invited partner chooses a password, sets up the app and gets recovery codes', async ({ page, browser, baseURL }) => {
  await signInAs(page, 'admin');
  await page.goto('/team/beheer');
  const email = `nieuwe-coach-${Date.now()}@oostveld.example`;
  await page.getByLabel('Naam').fill('Nieuwe Coach');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Partner', { exact: true }).check();
  await page.getByRole('button', { name: 'Uitnodiging sturen' }).click();
  await expect(page.getByRole('status')).toContainText(`We hebben een uitnodiging gestuurd naar ${email}.`);
  const link = /http\S+\/uitnodiging\/[a-z2-7]{32}/.exec(await mailTo(page, email))?.[0];
  expect(link).toBeTruthy();

  const other = await browser.newContext({ baseURL: baseURL! });
  const invited = await other.newPage();
  await invited.goto(link!);
  expect(await axeViolations(invited)).toEqual([]);
  await invited.getByLabel('Nieuw wachtwoord').fill('coach kiest een lange zin');
  await invited.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(invited.getByRole('status')).toContainText('Je wachtwoord is opgeslagen.');
  await signInWithPassword(invited, email, 'coach kiest een lange zin');
  await expect(invited).toHaveURL(/\/inloggen\/instellen$/);
  expect(await axeViolations(invited)).toEqual([]);
  // Before the second factor nothing else opens.
  expect((await invited.goto('/partner'))?.url()).toMatch(/\/inloggen\/instellen$/);
  const secret = (await invited.getByTestId('totp-secret').textContent())!.trim();
  await invited.getByLabel('Code', { exact: true }).fill(await unusedTotpCode(email, secret));
  await invited.getByRole('button', { name: 'Instellen' }).click();
  await expect(invited.getByRole('heading', { level: 1 })).toHaveText('Bewaar je herstelcodes');
  await expect(invited.locator('.hog-codes li')).toHaveCount(10);
  await invited.getByRole('link', { name: 'Ik heb de codes bewaard. Verder' }).click();
  await expect(invited).toHaveURL(/\/partner$/);
  await other.close();
});

test('the code page and the re-authentication page pass axe, and re-authentication leads back', async ({ page }) => {
  const account = demoAccountFor('planner');
  await signInWithPassword(page, account.email);
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  expect(await axeViolations(page)).toEqual([]);
  await signInAs(page, 'planner');
  await page.goto('/bevestigen?terug=/team');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Wachtwoord of code uit de app').fill('niet het wachtwoord');
  await page.getByRole('button', { name: 'Doorgaan' }).click();
  await expect(page.getByRole('alert')).toContainText('Dit klopt niet.');
  await page.getByLabel('Wachtwoord of code uit de app').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Doorgaan' }).click();
  await expect(page).toHaveURL(/\/team$/);
  expect(await axeViolations(page)).toEqual([]);
});

test('the demo mailbox passes axe', async ({ page }) => {
  await page.goto('/demo/postvak');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Postvak (demo)');
  expect(await axeViolations(page)).toEqual([]);
});

test('the session cookie is HttpOnly and SameSite=Lax, and a new one comes with every sign-in', async ({ page, context }) => {
  await signInAs(page, 'resident');
  const first = (await context.cookies()).find((c) => c.name === 'hog_session');
  expect(first).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  await signInAs(page, 'resident');
  const second = (await context.cookies()).find((c) => c.name === 'hog_session');
  expect(second?.value).not.toBe(first?.value);
});
