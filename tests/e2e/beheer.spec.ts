import { expect, test } from '@playwright/test';
import { signInAs } from './accounts.ts';
import { axeViolations } from './pages.ts';
import { goTo } from './signup-steps.ts';

// The admin switches a member, a place and an offer off and on, without JavaScript; a switched-off
// place is no longer offered in the sign-up, and a draft that chose it before is sent back to the place step.
test.use({ javaScriptEnabled: false });
test.setTimeout(120_000);

test('the admin changes a member and switches a place and an offer off and on', async ({ page, browser, baseURL }) => {
  const run = Date.now().toString(36);
  const adminContext = await browser.newContext({ baseURL: baseURL!, javaScriptEnabled: false });
  const admin = await adminContext.newPage();
  await signInAs(admin, 'admin');
  await admin.goto('/team/beheer/planning');

  await admin.getByLabel('Naam', { exact: true }).fill(`Ilse ${run}`);
  await admin.getByLabel('E-mailadres').fill(`ilse-${run}@oostveld.example`);
  await admin.getByRole('group', { name: 'Vak' }).getByLabel('Buurtcoach').check();
  await admin
    .getByRole('group', { name: /Telt deze persoon/ })
    .getByLabel('Nee')
    .check();
  await admin.getByRole('button', { name: 'Toevoegen', exact: true }).click();
  const changeLink = admin.getByRole('link', { name: `Ilse ${run} wijzigen` });
  const changePage = (await changeLink.getAttribute('href'))!;
  await changeLink.click();
  await expect(admin.getByRole('heading', { name: `Ilse ${run} wijzigen` })).toBeVisible();
  await admin.getByLabel('Talen').fill('nl, zzz');
  await admin.getByRole('button', { name: 'Wijziging bewaren' }).click();
  // A refused form comes back on the same member, with the message at the question.
  await expect(admin.getByRole('link', { name: /Vul talen in/ })).toBeVisible();
  await admin
    .getByRole('group', { name: /nog in een duo/ })
    .getByLabel('Nee')
    .check();
  await admin
    .getByRole('group', { name: /Telt deze persoon/ })
    .getByLabel('Ja')
    .check();
  await admin.getByLabel('Talen').fill('nl, ar');
  await admin.getByRole('group', { name: 'Werkdagen' }).getByLabel('Zaterdag').check();
  await admin.getByRole('button', { name: 'Wijziging bewaren' }).click();
  await expect(admin.getByRole('status')).toContainText('De wijziging is bewaard.');
  await expect(admin.getByRole('listitem').filter({ hasText: `Ilse ${run}` })).toContainText('(nl, ar), staat uit');

  await admin.goto('/team/beheer/planning');
  await admin.getByLabel('Naam van de plek').fill(`Buurthuis ${run}`);
  await admin.getByRole('group', { name: 'Wat voor plek?' }).getByLabel('Wijkcentrum').check();
  await admin.getByRole('button', { name: 'Plek toevoegen' }).click();
  await admin.getByRole('button', { name: `Zet uit: Buurthuis ${run}` }).click();
  await expect(admin.getByRole('status')).toContainText('De wijziging is bewaard.');

  const places = () => page.getByRole('group', { name: 'Kies een plek' });
  await goTo(page, 'plek');
  await expect(places()).toBeVisible();
  await expect(places().getByLabel(new RegExp(`Buurthuis ${run}`))).toHaveCount(0);
  await admin.getByRole('button', { name: `Zet aan: Buurthuis ${run}` }).click();
  await page.reload();
  await expect(places().getByLabel(new RegExp(`Buurthuis ${run}`))).toHaveCount(1);

  // A draft that chose the place before it was switched off is not sent with it: back to the place step.
  await places()
    .getByLabel(new RegExp(`Buurthuis ${run}`))
    .check();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByLabel('Dinsdag').check();
  await page.getByLabel('Middag').check();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByLabel(/Het team mag gebruiken/).check();
  await admin.getByRole('button', { name: `Zet uit: Buurthuis ${run}` }).click();
  await expect(admin.getByRole('status')).toContainText('De wijziging is bewaard.');
  await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
  await expect(page).toHaveURL(/\/aanmelden\/plek\?terug=controleren/);
  await expect(page.getByRole('link', { name: /De plek die je koos, is er niet meer/ })).toBeVisible();
  await places().getByLabel('Tijdens een wandeling buiten').check();
  await page.getByRole('button', { name: 'Opslaan en terug naar het overzicht' }).click();
  await page.getByLabel(/Het team mag gebruiken/).check();
  await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
  await expect(page.getByText(/Je aanmeldcode is/)).toBeVisible();

  await admin.goto('/team/beheer/regio');
  await admin.getByRole('group', { name: 'Wat voor aanbod?' }).getByLabel('Herstelgroep').check();
  await admin.getByLabel('Naam (Nederlands)').fill(`Wandelgroep ${run}`);
  await admin.getByLabel('Korte uitleg (Nederlands)').fill('Samen wandelen en praten.');
  await admin.getByRole('button', { name: 'Aanbod toevoegen' }).click();
  await admin.getByRole('button', { name: `Zet uit: Wandelgroep ${run}` }).click();
  await expect(admin.getByRole('listitem').filter({ hasText: `Wandelgroep ${run}` })).toContainText('staat uit');
  await expect(admin.getByRole('button', { name: `Zet aan: Wandelgroep ${run}` })).toBeVisible();
  await adminContext.close();

  // axe runs in the page, so it needs JavaScript: a second look at the change form and the lists.
  const axeContext = await browser.newContext({ baseURL: baseURL!, javaScriptEnabled: true });
  const looker = await axeContext.newPage();
  await signInAs(looker, 'admin');
  for (const path of [`/team/beheer/planning${changePage.replace(/#.*/, '')}`, '/team/beheer/regio']) {
    await looker.goto(path);
    expect(await axeViolations(looker), path).toEqual([]);
  }
  await axeContext.close();
});
