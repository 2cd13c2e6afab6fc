import ICAL from 'ical.js';
import { expect, test } from '@playwright/test';
import { getAs, inMinutes, recordAgreedMoment, recordHeld, signedIn, wallClock, writeAdvice } from './journeys.ts';
import { axeViolationsWithScript, regionAddress } from './pages.ts';

// Issue 21 (items 3, 7, 8) in an Amstelland-like region: the planner calls the resident and
// records the agreed moment, the resident sees it in /mijn with its calendar file, the duo (GGZ +
// social domain) writes an *advies*, the resident reads it. JavaScript off for every form.
// Depends on the demo region `amstelland` (host amstelland.localhost, preset amstelland: planner
// calls, duo GGZ + social domain that blocks, advies): planner@, the GGZ worker ggz@ (Yara Mulder),
// the peer expert Koen Smits and the buurtcoach Ilse de Jong, and inwoner@ (Lisa) with a confirmed
// referral waiting to be planned. Its duo leaves out Daan Kuipers and Lotte Peeters, the duo of
// referral-journey.spec.ts, so the two specs' conversations today never clash when run together.
test.use({ javaScriptEnabled: false });
test.setTimeout(540_000);

const amstelland = regionAddress('amstelland', '');

test('the planner records the agreed moment, the duo writes an advice, the resident reads it', async ({ browser }) => {
  const resident = await signedIn(browser, amstelland, 'inwoner@amstelland.example', false);
  await resident.goto('/mijn');
  const reference = /HOG-[0-9A-Z]+/.exec((await resident.getByRole('article').first().textContent()) ?? '')![0];

  // The planner's page says how this sign-up is planned and offers the agreed moment first.
  const planner = await signedIn(browser, amstelland, 'planner@amstelland.example', false);
  await planner.goto(`/team?zoek=${reference}`);
  await planner.getByRole('link', { name: reference }).click();
  await expect(planner.getByText('Bel de inwoner en leg het afgesproken moment vast.')).toBeVisible();
  // Today, a few minutes ahead: the duo records it as held once it has started.
  const moment = inMinutes(4);
  // A GGZ professional and a peer expert is not the duo this sign-up asks for: refused, naming what it must contain.
  await recordAgreedMoment(planner, ['Yara Mulder', 'Koen Smits'], moment);
  await expect(planner.getByRole('alert')).toContainText('Kies één GGZ-professional en één sociaal werker of buurtcoach.');
  await recordAgreedMoment(planner, ['Yara Mulder', 'Ilse de Jong'], moment);
  await expect(planner.getByRole('status')).toContainText('Het gesprek is vastgelegd.');
  expect(await axeViolationsWithScript(planner)).toEqual([]);

  // The resident sees the agreed moment in /mijn, with its calendar file; nothing to pick.
  await resident.goto('/mijn');
  const card = resident.getByRole('article', { name: new RegExp(reference) });
  await expect(card.getByRole('group', { name: 'Welk moment past jou?' })).toHaveCount(0);
  const ics = await getAs(resident, (await card.getByRole('link', { name: /Zet in je agenda/ }).getAttribute('href'))!);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent('vevent')!);
  expect(wallClock(event.startDate.toJSDate()).time).toBe(moment.time);

  // The duo records it as held and writes the advice with the resident's own form.
  const worker = await signedIn(browser, amstelland, 'ggz@amstelland.example', false);
  await recordHeld(worker, reference);
  await writeAdvice(worker, reference, {
    about: 'Slecht slapen sinds de verhuizing.',
    advice: 'Samen met de huisarts kijken naar rust en een vaste dagindeling.',
    strengths: 'Doorzetten.',
    next: 'Een afspraak bij het wijkteam.',
  });

  await resident.goto('/mijn/verslag');
  await expect(resident.getByRole('heading', { name: 'Ons advies' }).first()).toBeVisible();
  await expect(resident.getByText('Samen met de huisarts kijken naar rust en een vaste dagindeling.').first()).toBeVisible();
  await expect(resident.getByRole('heading', { name: 'Wat is er gebeurd?' })).toHaveCount(0);
  expect(await axeViolationsWithScript(resident)).toEqual([]);

  await Promise.all([resident, planner, worker].map((p) => p.context().close()));
});
