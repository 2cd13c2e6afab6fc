import { expect, test } from '@playwright/test';
import { signInAs } from './accounts.ts';
import { confirmReferral, demoLogin, inMinutes, recordAgreedMoment, refer, signedIn, wallClock } from './journeys.ts';
import { axeViolationsWithScript, regionAddress } from './pages.ts';

// Issue 23 in the demo region Amstelland (the planner calls and records the agreed moment): the
// planner and the duo read what the resident told, and a conversation later today cannot be
// recorded as held, neither by the form (there is none yet) nor by posting it anyway. Then the
// planner of Oostveld finds a held sign-up by its code. JavaScript off: every step works without it.
// The duo Yara Mulder (who signs in) and Ilse de Jong meets in profile-planning.spec.ts minutes
// from now; this conversation is hours later, so the two never clash.
test.use({ javaScriptEnabled: false });
test.setTimeout(240_000);

const amstelland = regionAddress('amstelland', '');
const PRACTICE = demoLogin('huisarts@amstelland.example').organisation!;
const run = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

/** Later today on the Amsterdam clock: two and a half hours ahead, or 23:50 when that is tomorrow. */
function laterToday() {
  const later = inMinutes(150);
  const today = wallClock(new Date()).date;
  return later.date === today ? later : { date: today, time: '23:50' };
}

test('the duo reads what the resident told and cannot record a conversation later today as held', async ({ browser }) => {
  const gp = await signedIn(browser, amstelland, 'huisarts@amstelland.example', false);
  const mila = {
    email: `mila-${run}@amstelland.example`,
    callName: 'Mila',
    postcode: '7203 AB',
    place: 'Tijdens een wandeling buiten',
    practice: PRACTICE,
    reason: 'Voelt zich vaak alleen sinds de verhuizing.',
  };
  const reference = await refer(gp, mila);
  await gp.context().close();
  await (await confirmReferral(browser, amstelland, mila)).context().close();

  // The planner reads the resident's answers in the team's words, then records a moment later today.
  const planner = await signedIn(browser, amstelland, 'planner@amstelland.example', false);
  await planner.goto(`/team?zoek=${reference}`);
  await planner.getByRole('link', { name: reference }).click();
  const told = planner.getByRole('region', { name: 'Wat de inwoner vertelde' });
  await expect(told).toContainText('Naam die de inwoner wil');
  await expect(told).toContainText('Mila');
  await expect(told).toContainText('Bericht inspreken');
  await expect(planner.getByText('Hoe mogen we je noemen?')).toHaveCount(0);
  expect(await axeViolationsWithScript(planner)).toEqual([]);
  await recordAgreedMoment(planner, ['Yara Mulder', 'Ilse de Jong'], laterToday());
  await expect(planner.getByRole('status')).toContainText('Het gesprek is vastgelegd.');
  await planner.context().close();

  // The duo sees it as upcoming, with the resident's answers and whether the naaste comes; no outcome to pick.
  const worker = await signedIn(browser, amstelland, 'ggz@amstelland.example', false);
  await worker.goto('/team/gesprekken');
  const upcoming = worker.getByRole('region', { name: 'Komende gesprekken' });
  const card = upcoming.getByRole('article', { name: new RegExp(reference) });
  await expect(card).toBeVisible();
  await expect(card.getByRole('region', { name: 'Wat de inwoner vertelde' })).toContainText('Mila');
  await expect(card).toContainText('Komt de naaste mee?');
  await expect(card).toContainText('Nee, de inwoner komt alleen.');
  await expect(card.getByRole('radio')).toHaveCount(0);
  await expect(
    worker.getByRole('region', { name: 'Begonnen of voorbij: leg vast hoe het ging' }).getByRole('article', { name: new RegExp(reference) }),
  ).toHaveCount(0);
  expect(await axeViolationsWithScript(worker)).toEqual([]);

  // Posting "held" anyway, as a stale page or a crafted form would: refused, in words.
  const conversation = (await card.getByRole('heading', { level: 3 }).getAttribute('id'))!.replace('gesprek-', '');
  // As getAs in journeys.ts: Node reaches the server at 127.0.0.1 with the region's host name.
  const url = new URL('/team/gesprekken?_action=planning.outcome', worker.url());
  const cookie = (await worker.context().cookies(url.href)).map((c) => `${c.name}=${c.value}`).join('; ');
  const refused = await worker.request.post(`http://127.0.0.1:${url.port}${url.pathname}${url.search}`, {
    headers: { host: url.host, origin: url.origin, cookie },
    form: { conversation, version: '1', outcome: 'held' },
    maxRedirects: 0,
  });
  expect(refused.status()).toBeLessThan(500);
  expect(await refused.text()).toContain('Dit gesprek is nog niet begonnen.');
  await worker.goto('/team/gesprekken');
  await expect(worker.getByRole('region', { name: 'Komende gesprekken' }).getByRole('article', { name: new RegExp(reference) })).toBeVisible();
  await worker.context().close();
});

test('the code search finds a held sign-up, and says so when a code is not of this region', async ({ page }) => {
  await signInAs(page, 'planner');
  // HOG-DEM1V: a demo resident of Oostveld whose conversation was held (demo/reports.ts).
  await page.goto('/team');
  await page.getByLabel('Zoek op code').fill('HOG-DEM1V');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await expect(page.getByText('Gevonden met code HOG-DEM1V:')).toBeVisible();
  const row = page.getByRole('row', { name: /HOG-DEM1V/ });
  // Held, or further on: another test may already have sent its report to the resident.
  await expect(row).toContainText(/Gesprek geweest|Verslag klaar|Verslag goedgekeurd/);
  await row.getByRole('link', { name: 'HOG-DEM1V' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelding HOG-DEM1V');
  await page.goto('/team?zoek=HOG-ZZZZZZ');
  await expect(page.getByText('Er is geen aanmelding met code HOG-ZZZZZZ in deze regio.')).toBeVisible();
});
