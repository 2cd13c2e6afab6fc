import { expect, test, type Page } from '@playwright/test';
import { mailTo, signInAs, signInWithPassword, unusedTotpCode } from './accounts.ts';
import { finishSignUp, goTo } from './signup-steps.ts';

// Landelijk beheer makes a region on the running portal, its first admin accepts the invitation and
// sets up a place and a member, and a resident on the national host signs up there: no restart.
// Without JavaScript throughout, as every form must work that way.
test.use({ javaScriptEnabled: false });
// Three sign-ins with TOTP codes (each may wait for a fresh 30-second step) and a whole sign-up.
test.setTimeout(300_000);

const run = Date.now().toString(36).slice(-5);
// Outside the demo regions (7001-7009, 7101-7105); a run of the spec uses one fresh data folder.
const area = String(8100 + (Date.now() % 800));
const regionName = `Regio Zuidhoek ${run}`;
const host = `zuidhoek-${run}.localhost`;
const adminEmail = `beheer-${run}@zuidhoek.example`;
const callName = `Zuidhoeker${run}`;

const newContext = async (page: Page, baseURL: string) => (await page.context().browser()!.newContext({ baseURL, javaScriptEnabled: false })).newPage();

test('landelijk beheer makes a region whose admin sets it up and where a resident then signs up', async ({ page, baseURL }) => {
  await signInAs(page, 'platform');
  await expect(page).toHaveURL(/\/landelijk$/);
  await page.getByLabel('Naam van de regio').fill(regionName);
  await page.getByLabel('Korte naam voor in het webadres').fill(`zuidhoek-${run}`);
  await page.getByLabel('Telefoonnummer van het team').fill('0413 555 666');
  await page.getByLabel('E-mailadres van het team').fill(`team@zuidhoek.example`);
  // An area Oostveld has: refused with Oostveld's name, and what was typed stays.
  await page.getByLabel('Postcodegebieden').fill(`${area}, 7003`);
  await page.getByLabel('Eigen adressen (mag leeg blijven)').fill(host);
  await page.getByRole('button', { name: 'Regio maken' }).click();
  await expect(page.getByRole('alert')).toContainText('7003 hoort al bij Regio Oostveld.');
  await expect(page.getByLabel('Naam van de regio')).toHaveValue(regionName);
  await page.getByLabel('Postcodegebieden').fill(area);
  await page.getByRole('button', { name: 'Regio maken' }).click();
  await expect(page.getByRole('status')).toContainText(`${regionName} is gemaakt.`);
  const row = page.getByRole('row', { name: new RegExp(regionName) });
  await expect(row).toContainText(area);
  await expect(row).toContainText(host);
  await expect(row).toContainText('Staat aan');

  await page.getByRole('link', { name: `Nodig nu de eerste beheerder van ${regionName} uit` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(regionName);
  await page.getByLabel('Naam van de beheerder').fill('Zoë Beheer');
  await page.getByLabel('E-mailadres van de beheerder').fill(adminEmail);
  await page.getByRole('button', { name: 'Uitnodiging sturen' }).click();
  await expect(page.getByRole('status')).toContainText(`We hebben een uitnodiging gestuurd naar ${adminEmail}.`);
  const regionPage = new URL(page.url()).pathname;

  // The invited admin: the link from the mail, a password, the authenticator app.
  const admin = await newContext(page, baseURL!);
  const link = /http\S+\/uitnodiging\/[a-z2-7]{32}/.exec(await mailTo(admin, adminEmail))![0];
  await admin.goto(link);
  await admin.getByLabel('Nieuw wachtwoord').fill('zuidhoek kiest een lange zin');
  await admin.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(admin.getByRole('status')).toContainText('Je wachtwoord is opgeslagen.');
  await signInWithPassword(admin, adminEmail, 'zuidhoek kiest een lange zin');
  await expect(admin).toHaveURL(/\/inloggen\/instellen$/);
  const secret = (await admin.getByTestId('totp-secret').textContent())!.trim();
  await admin.getByLabel('Code', { exact: true }).fill(await unusedTotpCode(adminEmail, secret));
  await admin.getByRole('button', { name: 'Instellen' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Bewaar je herstelcodes');

  await admin.goto('/team/beheer/planning');
  await admin.getByLabel('Naam van de plek').fill(`Buurthuis Zuidhoek ${run}`);
  await admin.getByRole('group', { name: 'Wat voor plek?' }).getByLabel('Wijkcentrum').check();
  await admin.getByRole('button', { name: 'Plek toevoegen' }).click();
  await expect(admin.getByRole('status')).toContainText(`Buurthuis Zuidhoek ${run} is toegevoegd.`);
  await admin.getByLabel('Naam', { exact: true }).fill(`Ilse ${run}`);
  await admin.getByLabel('E-mailadres').fill(`ilse-${run}@zuidhoek.example`);
  await admin.getByRole('group', { name: 'Vak' }).getByLabel('Buurtcoach').check();
  await admin
    .getByRole('group', { name: /Telt deze persoon/ })
    .getByLabel('Nee')
    .check();
  await admin.getByRole('button', { name: 'Toevoegen', exact: true }).click();
  await expect(admin.getByRole('status')).toContainText(`Ilse ${run} is toegevoegd.`);

  // A resident on the national host: the postcode sends them to the new region and its new place.
  const resident = await newContext(page, baseURL!);
  await goTo(resident, 'plek', 'nl', true, `${area} KL`, callName);
  const places = resident.getByRole('group', { name: 'Kies een plek' });
  await expect(places.getByLabel(/Stadskamer Oostveld/)).toHaveCount(0);
  await places.getByLabel(new RegExp(`Buurthuis Zuidhoek ${run}`)).check();
  await resident.getByRole('button', { name: 'Volgende stap' }).click();
  await resident.getByLabel('Dinsdag').check();
  await resident.getByLabel('Middag').check();
  await resident.getByRole('button', { name: 'Volgende stap' }).click();
  const reference = await finishSignUp(resident);
  await expect(resident.getByRole('contentinfo')).toContainText(regionName);

  // The region's admin sees it in their queue; Oostveld's planner does not.
  await admin.goto('/team');
  await expect(admin.getByRole('table')).toContainText(reference);
  const oostveld = await newContext(page, baseURL!);
  await signInAs(oostveld, 'planner');
  await oostveld.goto(`/team?zoek=${reference}`);
  await expect(oostveld.getByText(`Er is geen aanmelding met code ${reference} in deze regio.`)).toBeVisible();
  await expect(oostveld.getByRole('link', { name: reference })).toHaveCount(0);

  // Landelijk beheer sees that there is one sign-up, never whose.
  for (const path of ['/landelijk', regionPage]) {
    await page.goto(path);
    const html = await page.content();
    expect(html, path).not.toContain(callName);
    expect(html, path).not.toContain(reference);
    expect(html, path).not.toContain(`${area} KL`);
  }
  await expect(page.getByText('Aanmeldingen: 1', { exact: true })).toBeVisible();
  await expect(page.getByText('Plekken die aan staan: 1', { exact: true })).toBeVisible();
  await expect(page.getByText('Teamleden die meedoen: 1', { exact: true })).toBeVisible();

  // The region's own host shows it.
  const own = await newContext(page, baseURL!);
  await own.goto(`http://${host}:${new URL(baseURL!).port}/`);
  await expect(own.getByRole('contentinfo')).toContainText(regionName);

  // Switched off: no new sign-up finds it, the sign-up stays; on again, it takes sign-ups again.
  await page.getByRole('button', { name: `Zet ${regionName} uit` }).click();
  await expect(page.getByRole('status')).toContainText(`${regionName} staat nu uit.`);
  await expect(page.getByText('Aanmeldingen: 1', { exact: true })).toBeVisible();
  const late = await newContext(page, baseURL!);
  await goTo(late, 'contact', 'nl', true, `${area} KL`);
  await expect(late).toHaveURL(/\/aanmelden\/buiten-de-regeling\?reden=outside_region$/);
  await page.getByRole('button', { name: `Zet ${regionName} aan` }).click();
  await expect(page.getByRole('status')).toContainText(`${regionName} staat nu aan.`);
  await goTo(late, 'contact', 'nl', true, `${area} KL`);
  await expect(late).toHaveURL(/\/aanmelden\/contact$/);
  for (const p of [admin, resident, oostveld, own, late]) await p.context().close();
});

test('a change that takes an area or host of another region names that region; an unknown region is a 404', async ({ page }) => {
  await signInAs(page, 'platform');
  await page.getByRole('link', { name: 'Regio Westmark beheren' }).click();
  await page.getByLabel('Postcodegebieden').fill('7101, 7001');
  await page.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
  await expect(page.getByRole('alert')).toContainText('7001 hoort al bij Regio Oostveld.');
  await expect(page.getByLabel('Postcodegebieden')).toHaveValue('7101, 7001');
  await page.getByLabel('Postcodegebieden').fill('7101 7102 7103 7104 7105');
  await page.getByLabel('Eigen adressen (mag leeg blijven)').fill('westmark.localhost, oostveld.localhost');
  await page.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
  await expect(page.getByRole('alert')).toContainText('oostveld.localhost is al het adres van Regio Oostveld.');
  await page.getByLabel('Eigen adressen (mag leeg blijven)').fill('westmark.localhost 127.0.0.1');
  await page.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
  await expect(page.getByRole('alert')).toContainText('127.0.0.1 is het landelijke adres van het portaal.');
  await page.getByLabel('Postcodegebieden').fill('7101-7105');
  await page.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
  await expect(page.getByRole('link', { name: /Vul postcodegebieden in van vier cijfers/ })).toBeVisible();

  const response = await page.goto('/landelijk/regio/00000000-0000-4000-8000-000000000000');
  expect(response?.status()).toBe(404);
  expect((await page.goto('/landelijk/regio/geen-id'))?.status()).toBe(404);
});
