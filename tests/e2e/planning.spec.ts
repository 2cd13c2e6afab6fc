import ICAL from 'ical.js';
import { expect, test, type Page } from '@playwright/test';
import { newResident, newStaff, signInAs } from './accounts.ts';
import { recordHeld } from './journeys.ts';
import { finishSignUp, goTo } from './signup-steps.ts';

// The "Done when" journey of planning, with JavaScript off for everyone who fills in a form:
// admin adds a member and a place, the planner records contact and proposes two moments to a duo,
// the resident picks one in /mijn, the naaste says yes through the link, the .ics files and the
// reminder are in the demo mailbox, the duo records the conversation as held, the resident asks
// for a follow-up. (axe: every-route.spec.ts visits each planning page in both languages.)
test.use({ javaScriptEnabled: false });
// The duo records "held" only from the start (five minutes ahead here): waiting for it is part of the journey.
test.setTimeout(600_000);

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

async function mailbox(page: Page) {
  await page.goto('/demo/postvak');
  return page.locator('article');
}

test('from sign-up to a held conversation and a follow-up', async ({ page, browser, baseURL }) => {
  const run = Date.now().toString(36);
  const naaste = `naaste-${run}@oostveld.example`;

  // The admin adds a new HOG worker to the team (tied to their account) and a place.
  const adminContext = await browser.newContext({ baseURL: baseURL! });
  const admin = await adminContext.newPage();
  await signInAs(admin, 'admin');
  const worker = await newStaff(admin, browser, baseURL!, 'worker');
  await admin.goto('/team/beheer/planning');
  const addMember = async (name: string, email: string) => {
    await admin.getByLabel('Naam', { exact: true }).fill(name);
    await admin.getByLabel('E-mailadres').fill(email);
    await admin.getByRole('group', { name: 'Vak' }).getByLabel('Buurtcoach').check();
    await admin
      .getByRole('group', { name: /Telt deze persoon/ })
      .getByLabel('Nee')
      .check();
    await admin.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await expect(admin.getByRole('status')).toContainText(`${name} is toegevoegd.`);
  };
  await addMember(`Wessel ${run}`, worker.account.email);
  await addMember(`Fenna ${run}`, `fenna-${run}@oostveld.example`);
  await admin.getByLabel('Naam van de plek').fill(`Buurthuis ${run}`);
  await admin.getByRole('group', { name: 'Wat voor plek?' }).getByLabel('Wijkcentrum').check();
  await admin.getByRole('button', { name: 'Plek toevoegen' }).click();
  await expect(admin.getByRole('status')).toContainText(`Buurthuis ${run} is toegevoegd.`);

  // A resident signs up and asks us to invite their naaste.
  const resident = await newResident(page);
  await goTo(page, 'meenemen');
  await page.getByRole('group', { name: 'Wil je iemand meenemen?' }).getByLabel('Ja').check();
  await page.getByLabel('Naam van wie je meeneemt').fill('Kees');
  await page.getByLabel('E-mailadres of telefoonnummer').fill(naaste);
  await page
    .getByRole('group', { name: /Zullen wij deze persoon uitnodigen/ })
    .getByLabel('Ja')
    .check();
  const reference = await finishSignUp(page);

  // The planner finds it by its code, records contact and proposes two moments to the new duo.
  const plannerContext = await browser.newContext({ baseURL: baseURL! });
  const planner = await plannerContext.newPage();
  await signInAs(planner, 'planner');
  await planner.goto(`/team?zoek=${reference}`);
  await planner.getByRole('link', { name: reference }).click();
  await expect(planner.getByRole('heading', { level: 1 })).toHaveText(`Aanmelding ${reference}`);
  await planner.getByLabel('Korte notitie').fill('Gebeld, wil graag snel.');
  await planner.getByRole('button', { name: 'Contact gehad opslaan' }).click();
  await expect(planner.getByRole('status')).toContainText('Het contact is opgeslagen.');
  const option = (name: string) => planner.locator('#veld-memberA option', { hasText: name }).getAttribute('value');
  await planner.locator('#veld-memberA').selectOption((await option(`Wessel ${run}`))!);
  await planner.locator('#veld-memberB').selectOption((await option(`Fenna ${run}`))!);
  const [first, second] = [inMinutes(3), inMinutes(5)];
  await planner.getByRole('group', { name: 'Moment 1' }).getByLabel('Datum').fill(first.date);
  await planner.getByRole('group', { name: 'Moment 1' }).getByLabel('Tijd').fill(first.time);
  await planner.getByRole('group', { name: 'Moment 2' }).getByLabel('Datum').fill(second.date);
  await planner.getByRole('group', { name: 'Moment 2' }).getByLabel('Tijd').fill(second.time);
  await planner.getByRole('button', { name: 'Momenten voorstellen' }).click();
  await expect(planner.getByRole('status')).toContainText('De momenten zijn voorgesteld.');

  // The resident picks the second moment in /mijn, without JavaScript.
  await page.goto('/mijn');
  const article = page.getByRole('article', { name: new RegExp(reference) });
  const choices = article.getByRole('group', { name: 'Welk moment past jou?' }).getByRole('radio');
  await expect(choices).toHaveCount(2);
  await choices.nth(1).check();
  await article.getByRole('button', { name: 'Kies dit moment' }).click();
  await expect(page.getByRole('status')).toContainText('Je gesprek is afgesproken.');
  const ics = await page
    .getByRole('article', { name: new RegExp(reference) })
    .getByRole('link', { name: 'Zet in je agenda' })
    .getAttribute('href');
  const download = await page.request.get(ics!);
  expect(download.headers()['content-type']).toContain('text/calendar');

  // The naaste answers yes through the link in their mail (no account).
  const mails = await mailbox(page);
  // The invitation says who invites them (the resident's call name), not "iemand".
  const invitation = mails.filter({ hasText: `Aan: ${naaste}` }).filter({ hasText: 'Een uitnodiging van Sam' });
  const invitationText = (await invitation.locator('pre').first().textContent()) ?? '';
  expect(invitationText).toMatch(/^Hallo Kees,\n\nSam wil graag dat je meekomt/);
  const link = /https?:\/\/\S+\/naaste\/[a-z0-9]+/.exec(invitationText)![0];
  await page.goto(new URL(link).pathname);
  await expect(page.getByText('Sam nodigt je uit om mee te komen naar een gesprek:')).toBeVisible();
  await page.getByLabel('Ja, ik kom mee').check();
  await page.getByRole('button', { name: 'Antwoord versturen' }).click();
  // Minutes before the conversation: no promise of a reminder "a day before" that cannot come.
  await expect(page.getByRole('status')).toContainText('Dank je. Het gesprek begint al snel, daarom krijg je geen herinnering per e-mail.');

  // Calendar files for the resident, both of the duo and the naaste, all at the chosen moment.
  const starts = new Set<string>();
  for (const to of [worker.account.email, `fenna-${run}@oostveld.example`, naaste]) {
    const mail = (await mailbox(page))
      .filter({ hasText: `Aan: ${to}` })
      .filter({ has: page.locator('details') })
      .first();
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse((await mail.locator('details pre').textContent())!)).getFirstSubcomponent('vevent')!);
    starts.add(event.startDate.toJSDate().toISOString());
  }
  expect(starts.size).toBe(1);
  const wall = clock.formatToParts(new Date([...starts][0]!));
  expect(wall.find((p) => p.type === 'hour')!.value + ':' + wall.find((p) => p.type === 'minute')!.value).toBe(second.time);

  // The resident's reminder (due at once: the moment is within 24 hours) reaches the resident; the
  // naaste, who said yes minutes before, was told no reminder would come, and none does.
  await expect
    .poll(
      async () =>
        (await mailbox(page))
          .filter({ hasText: 'Herinnering' })
          .filter({ hasText: `Aan: ${resident.email}` })
          .count(),
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
  await expect((await mailbox(page)).filter({ hasText: 'Herinnering' }).filter({ hasText: `Aan: ${naaste}` })).toHaveCount(0);

  // The duo records the conversation as held.
  await recordHeld(worker.page, reference);

  // The resident asks for a follow-up.
  await page.goto('/mijn');
  await page
    .getByRole('article', { name: new RegExp(reference) })
    .getByRole('button', { name: 'Vraag om een vervolggesprek' })
    .click();
  await expect(page.getByRole('status')).toContainText('Je vraag is verstuurd.');

  // The duo proposes the follow-up itself (eight days ahead, clear of the demo's planned conversation).
  await worker.page.goto('/team/gesprekken');
  await worker.page.getByRole('link', { name: `Vervolggesprek plannen voor ${reference}` }).click();
  const later = { date: inMinutes(8 * 24 * 60).date, time: '10:00' };
  await worker.page.getByRole('group', { name: 'Moment 1' }).getByLabel('Datum').fill(later.date);
  await worker.page.getByRole('group', { name: 'Moment 1' }).getByLabel('Tijd').fill(later.time);
  await worker.page.getByRole('button', { name: 'Momenten voorstellen' }).click();
  await expect(worker.page.getByRole('status')).toContainText('Het vervolggesprek is voorgesteld.');
  await page.goto('/mijn');
  await expect(
    page
      .getByRole('article', { name: new RegExp(reference) })
      .getByRole('group', { name: 'Welk moment past jou?' })
      .getByRole('radio'),
  ).toHaveCount(1);

  await Promise.all([adminContext.close(), plannerContext.close(), worker.page.context().close()]);
});

test('a second planner acting on a stale version is told what changed', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL!, javaScriptEnabled: false });
  const planner = await context.newPage();
  await signInAs(planner, 'planner');
  await planner.goto('/team');
  await planner.getByRole('table').getByRole('link').first().click();
  const other = await context.newPage();
  await other.goto(planner.url());
  await planner.getByRole('button', { name: 'Contact gehad opslaan' }).click();
  await expect(planner.getByRole('status')).toContainText('Het contact is opgeslagen.');
  await other.getByRole('button', { name: 'Contact gehad opslaan' }).click();
  await expect(other.getByRole('alert')).toContainText('Iemand anders heeft deze aanmelding net veranderd (contact)');
  await context.close();
});
