import ICAL from 'ical.js';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoAccounts } from '../../src/lib/server/demo/accounts.ts';
import { signInWith } from './accounts.ts';
import { axeViolations } from './pages.ts';

// Issue 21 (items 3, 7, 8) in an Amstelland-like region: the planner calls the resident and
// records the agreed moment, the resident sees it in /mijn with its calendar file, the duo (GGZ +
// social domain) writes an *advies*, the resident reads it. JavaScript off for every form.
// Depends on the demo region `amstelland` (host amstelland.localhost, preset amstelland: planner
// calls, duo GGZ + social domain that blocks, advies) the settings work seeds: planner@, the workers
// poh@ (counts as GGZ) and ervaring@ (peer expert), a social worker or buurtcoach in the team, and
// inwoner@ with a confirmed referral waiting to be planned.
test.use({ javaScriptEnabled: false });
test.setTimeout(240_000);

const port = process.env['E2E_PORT'] ?? 4329;
const origin = `http://amstelland.localhost:${port}`;
const account = (email: string) => {
  const found = demoAccounts.find((a) => a.email === email);
  if (!found) throw new Error(`the demo has no account ${email}`);
  return { ...found, password: DEMO_PASSWORD };
};

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: origin, javaScriptEnabled: false })).newPage();
  await signInWith(page, account(email));
  return page;
}

const clock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** A moment `minutes` from now on the Amsterdam clock, as the date and time fields want it. */
function inMinutes(minutes: number) {
  const p = Object.fromEntries(clock.formatToParts(new Date(Date.now() + minutes * 60_000)).map((x) => [x.type, x.value]));
  return { date: `${p['year']}-${p['month']}-${p['day']}`, time: `${p['hour']}:${p['minute']}` };
}

test('the planner records the agreed moment, the duo writes an advice, the resident reads it', async ({ browser }) => {
  const resident = await signedIn(browser, 'inwoner@amstelland.example');
  await resident.goto('/mijn');
  const reference = /HOG-[0-9A-Z]+/.exec((await resident.getByRole('article').first().textContent()) ?? '')![0];

  // The planner's page says how this sign-up is planned and offers the agreed moment first.
  const planner = await signedIn(browser, 'planner@amstelland.example');
  await planner.goto(`/team?zoek=${reference}`);
  await planner.getByRole('link', { name: reference }).click();
  await expect(planner.getByText('Bel de inwoner en leg het afgesproken moment vast.')).toBeVisible();
  const agreed = planner.getByRole('region', { name: 'Afgesproken moment vastleggen' });
  const optionFor = async (label: string | RegExp) => (await agreed.locator('#veld-agreedB option', { hasText: label }).first().getAttribute('value'))!;
  // Today, a few minutes ahead: the duo may record it as held on the day itself.
  const moment = inMinutes(4);
  const fill = async (second: string) => {
    await agreed.locator('#veld-agreedA').selectOption(await optionFor(account('poh@amstelland.example').name));
    await agreed.locator('#veld-agreedB').selectOption(second);
    await agreed.getByLabel('Datum').fill(moment.date);
    await agreed.getByLabel('Tijd').fill(moment.time);
    await agreed.getByRole('button', { name: 'Afspraak vastleggen' }).click();
  };
  // A GGZ professional and a peer expert is not the duo this sign-up asks for: refused, naming what it must contain.
  await fill(await optionFor(account('ervaring@amstelland.example').name));
  await expect(planner.getByRole('alert')).toContainText('Kies één GGZ-professional en één sociaal werker of buurtcoach.');
  await fill(await optionFor(/Sociaal werker|Buurtcoach/));
  await expect(planner.getByRole('status')).toContainText('Het gesprek is vastgelegd.');
  expect(await axeViolations(planner)).toEqual([]);

  // The resident sees the agreed moment in /mijn, with its calendar file; nothing to pick.
  await resident.goto('/mijn');
  const card = resident.getByRole('article', { name: new RegExp(reference) });
  await expect(card.getByRole('group', { name: 'Welk moment past jou?' })).toHaveCount(0);
  const ics = await card.getByRole('link', { name: /Zet de afspraak in je agenda/ }).getAttribute('href');
  const download = await resident.request.get(ics!);
  expect(download.headers()['content-type']).toContain('text/calendar');
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await download.text())).getFirstSubcomponent('vevent')!);
  const wall = Object.fromEntries(clock.formatToParts(event.startDate.toJSDate()).map((x) => [x.type, x.value]));
  expect(`${wall['hour']}:${wall['minute']}`).toBe(moment.time);

  // The duo records it as held and writes the advice with the resident's own form.
  const worker = await signedIn(browser, 'poh@amstelland.example');
  await worker.goto('/team/gesprekken');
  const conversation = worker.getByRole('article', { name: new RegExp(reference) });
  await conversation.getByLabel('Gehouden').check();
  await conversation.getByRole('button', { name: 'Opslaan' }).click();
  await expect(worker.getByRole('status')).toContainText('Opgeslagen.');
  await worker.goto('/team/verslag');
  await worker.getByRole('link', { name: new RegExp(reference) }).click();
  await expect(worker.getByText('Schrijf het advies samen met de inwoner.')).toBeVisible();
  await expect(worker.getByLabel('Wat is er gebeurd?')).toHaveCount(0);
  await worker.getByLabel('Waar gaat het om?').fill('Slecht slapen sinds de verhuizing.');
  await worker.getByLabel('Ons advies').fill('Samen met de huisarts kijken naar rust en een vaste dagindeling.');
  await worker.getByLabel('Waar ben je goed in?').fill('Doorzetten.');
  await worker.getByLabel('Wat zijn de volgende stappen?').fill('Een afspraak bij het wijkteam.');
  await worker.getByRole('button', { name: 'Naar de inwoner' }).click();
  await expect(worker.getByRole('status')).toBeVisible();

  await resident.goto('/mijn/verslag');
  await expect(resident.getByRole('heading', { name: 'Ons advies' }).first()).toBeVisible();
  await expect(resident.getByText('Samen met de huisarts kijken naar rust en een vaste dagindeling.').first()).toBeVisible();
  await expect(resident.getByRole('heading', { name: 'Wat is er gebeurd?' })).toHaveCount(0);
  expect(await axeViolations(resident)).toEqual([]);

  await Promise.all([resident, planner, worker].map((p) => p.context().close()));
});
