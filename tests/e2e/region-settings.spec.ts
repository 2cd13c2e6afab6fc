import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInAs } from './accounts.ts';
import { axeViolations } from './pages.ts';
import { freePort, startOwnServer, type OwnServer } from './own-server.ts';

// The region admin starts from a practice, is told how many sign-ups are under way and saves; the
// sign-up then follows the new settings: one place (the step is skipped, with and without
// JavaScript), no age limit, and "Kan er iemand meekomen?" as its own question. On a server of its
// own: the shared demo's Oostveld must stay Doetinchem for every other spec.
let server: OwnServer;
test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer(await freePort());
});
test.afterAll(async () => server?.stop());

const open = (browser: Browser, javaScriptEnabled: boolean) => browser.newContext({ baseURL: server.origin, javaScriptEnabled });
const next = (page: Page) => page.getByRole('button', { name: 'Volgende stap' }).click();

test('the admin fills the form from a practice, corrects it, sees the sign-ups under way and saves', async ({ browser }) => {
  // With JavaScript, for axe; every form here is a plain GET or POST form all the same.
  const context = await open(browser, true);
  const admin = await context.newPage();
  await signInAs(admin, 'admin');
  await admin.goto('/team/beheer/regio');
  await expect(admin.getByText('Deze regio begon bij de werkwijze Doetinchem (open aanmelding).')).toBeVisible();
  await admin.getByRole('group', { name: 'Werkwijze', exact: true }).getByLabel('Maastricht (HOC)').check();
  await admin.getByRole('button', { name: 'Formulier invullen' }).click();
  await expect(admin).toHaveURL(/werkwijze=maastricht/);
  await expect(admin.getByText('Het formulier is ingevuld met de werkwijze Maastricht (HOC). Er is nog niets opgeslagen.')).toBeVisible();
  const places = admin.getByRole('group', { name: 'Welke plekken bieden jullie aan?' });
  await expect(places.getByLabel('Huisartsenpraktijk')).toBeChecked();
  await expect(places.getByLabel('Bij de inwoner thuis')).not.toBeChecked();
  await expect(admin.getByRole('group', { name: 'Is er een leeftijdsgrens?' }).getByLabel('Nee, geen leeftijdsgrens')).toBeChecked();
  expect(await axeViolations(admin)).toEqual([]);

  // Open access, but still "with consent" back to a referrer: refused, with the reason at the question.
  await admin
    .getByRole('group', { name: 'Wie kan iemand aanmelden?' })
    .getByLabel(/De inwoner zelf/)
    .check();
  await admin.getByRole('button', { name: 'Instellingen opslaan' }).click();
  await expect(admin.getByRole('link', { name: /Zonder verwijzingen is er geen verwijzer/ }).first()).toBeVisible();
  await admin.getByRole('group', { name: 'Wat krijgt de verwijzer terug?' }).getByLabel('Alleen wat de inwoner zelf deelt').check();
  await admin
    .getByRole('group', { name: /Bij wie kan de inwoner terecht/ })
    .getByLabel('Bij het duo')
    .check();
  await admin.getByRole('button', { name: 'Instellingen opslaan' }).click();

  // The demo has sign-ups under way: shown first, nothing saved yet.
  await expect(admin.getByRole('heading', { name: /Er lopen nog \d+ aanmeldingen/ })).toBeVisible();
  await expect(admin.getByText('Die houden de regels waarmee ze begonnen.', { exact: false })).toBeVisible();
  expect(await axeViolations(admin)).toEqual([]);
  const meanwhile = await context.newPage();
  await meanwhile.goto('/team/beheer/regio');
  await expect(meanwhile.getByText('Deze regio begon bij de werkwijze Doetinchem (open aanmelding).')).toBeVisible();
  await meanwhile.close();
  await admin.getByRole('button', { name: 'Ja, instellingen opslaan' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'De instellingen zijn opgeslagen.' })).toContainText(/lopende aanmeldingen houden hun eigen regels/);
  await expect(admin.getByText('Deze regio begon bij de werkwijze Maastricht (HOC).')).toBeVisible();
  await expect(places.getByLabel('Huisartsenpraktijk')).toBeChecked();
  await context.close();
});

for (const javaScriptEnabled of [false, true]) {
  test(`a sign-up in a region with one place skips the place step (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await open(browser, javaScriptEnabled);
    const page = await context.newPage();
    await page.goto('/aanmelden/over-jou');
    await page.getByLabel('Hoe mogen we je noemen?').fill('Wim');
    // No age limit any more: someone of 86 may sign up.
    await page.getByLabel('In welk jaar ben je geboren?').fill(String(new Date().getFullYear() - 86));
    await page.getByLabel('Wat is je postcode?').fill('7001 AB');
    await next(page);
    await page.getByLabel('Telefoonnummer').fill('0612345678');
    for (const g of ['Mogen we een bericht inspreken', 'Mogen we je een sms sturen', 'Mag de naam van deze dienst'])
      await page
        .getByRole('group', { name: new RegExp(g) })
        .getByLabel('Ja')
        .check();
    await next(page);
    await expect(page.getByText('Stap 3 van 6')).toBeVisible();
    await next(page);
    // Straight from the topic to "when": the place is the one GP practice.
    await expect(page.getByRole('heading', { name: 'Wanneer kun je?' })).toBeVisible();
    await expect(page.getByText('Stap 4 van 6')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Terug', exact: true })).toHaveAttribute('href', '/aanmelden/onderwerp');
    await page.getByLabel('Dinsdag').check();
    await page.getByLabel('Middag').check();
    await next(page);

    // The region asks "Kan er iemand meekomen?", with no answer chosen for the resident.
    const ask = page.getByRole('group', { name: 'Kan er iemand meekomen?' });
    await expect(ask.getByLabel('Ja')).not.toBeChecked();
    await expect(ask.getByLabel('Nee')).not.toBeChecked();
    if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
    await next(page);
    await expect(page.getByRole('link', { name: 'Kies of je iemand wilt meenemen.' })).toBeVisible();
    await ask.getByLabel('Nee').check();
    await next(page);

    await expect(page.getByRole('heading', { name: 'Klopt alles?' })).toBeVisible();
    const placeSection = page.getByRole('region', { name: 'Waar wil je praten?' });
    await expect(placeSection).toContainText('Huisartsenpraktijk Brinkhoek');
    await expect(placeSection.getByRole('link', { name: /Wijzig/ })).toHaveCount(0);

    // A place the region does not offer is refused by the server, whatever the page sent.
    await page.goto('/aanmelden/plek');
    await expect(page.getByText('In jouw regio is het gesprek op deze plek: Huisartsenpraktijk Brinkhoek.')).toBeVisible();
    const refused = await page.request.post('/aanmelden/plek?_action=signup.saveStep', {
      form: { step: 'plek', terug: '', place: 'walk' },
      headers: { origin: server.origin },
    });
    expect(refused.status()).toBe(200);
    expect(await refused.text()).toContain('Die plek kun je hier niet kiezen.');
    await context.close();
  });
}
