import { expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoAccounts } from '../../src/lib/server/demo/accounts.ts';
import { confirmAccountAndSignIn, mailTo, signInWith } from './accounts.ts';
import { axeViolations } from './pages.ts';

// The steps of issue 21's referral journey that more than one spec walks: a referrer refers, the
// resident confirms by the mailed link, the planner records the moment agreed on the phone, the
// duo records it as held and writes the advice. Each spec adds its own checks around them.

/** A demo account by its address, with the demo password; an unknown address fails the test plainly. */
export function demoLogin(email: string) {
  const found = demoAccounts.find((a) => a.email === email);
  if (!found) throw new Error(`the demo has no account ${email}`);
  return { ...found, password: DEMO_PASSWORD };
}

/** A page of its own (a fresh browser context) signed in as a demo account, with its TOTP code. */
export async function signedIn(browser: Browser, baseURL: string, email: string, javaScriptEnabled = true): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, javaScriptEnabled, locale: 'nl-NL' })).newPage();
  await signInWith(page, demoLogin(email));
  return page;
}

export type Referral = { email: string; callName: string; postcode: string; place: string | RegExp; practice: string; reason: string };

/**
 * The referrer's steps, from /partner: the partner's steps in the referrer's words, with the
 * practice and the reason. `checks`: also the refused empty reason and axe on the consent step
 * (once per spec is enough). Returns the reference.
 */
export async function refer(gp: Page, r: Referral, checks = false): Promise<string> {
  await gp.goto('/partner');
  await expect(gp.getByRole('heading', { level: 1 })).toHaveText('Verwijzen');
  await gp.getByRole('link', { name: 'Iemand verwijzen' }).click();
  await gp.getByLabel('Wat is de voornaam van de inwoner?').fill(r.callName);
  await gp.getByLabel('In welk jaar is de inwoner geboren?').fill('1985');
  await gp.getByLabel('Wat is de postcode van de inwoner?').fill(r.postcode);
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await gp.getByLabel('E-mailadres').fill(r.email);
  for (const group of ['Mogen we een bericht inspreken', 'Mogen we de inwoner een sms sturen', 'Mag de naam van deze dienst'])
    await gp
      .getByRole('group', { name: new RegExp(group) })
      .getByLabel('Ja')
      .check();
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await gp.getByRole('group', { name: 'Kies een plek' }).getByLabel(r.place).check();
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
  await gp.getByLabel('Naam van je praktijk of organisatie').fill(r.practice);
  if (checks) {
    // The reason is required and kept short: each gets its own message.
    await gp.getByLabel('Waarom verwijs je de inwoner?').fill('');
    await gp.getByRole('button', { name: 'Volgende stap' }).click();
    await expect(gp.getByRole('alert').first()).toContainText('Vul kort in waarom je de inwoner verwijst.');
  }
  await gp.getByLabel('Waarom verwijs je de inwoner?').fill(r.reason);
  if (checks) expect(await axeViolations(gp)).toEqual([]);
  await gp.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(gp.getByRole('heading', { level: 1 })).toHaveText('Klopt alles?');
  await expect(gp.getByText(r.reason)).toBeVisible();
  await gp.getByRole('button', { name: 'Aanmelding versturen' }).click();
  const status = gp.getByRole('status');
  await expect(status).toContainText('De verwijzing is verstuurd');
  return (await status.textContent())!.match(/HOG-[A-Z0-9]{6}/)![0];
}

/**
 * The resident opens the mailed link in a browser without JavaScript and comes to the review
 * ("Klopt alles?"), which names who filled it in. `check` runs on that page before confirming.
 * With a password the resident makes an account, confirms its address and is left signed in on
 * /mijn; without one the sign-up is confirmed without an account. Returns the resident's page.
 */
export async function confirmReferral(
  browser: Browser,
  baseURL: string,
  r: Pick<Referral, 'email' | 'practice'>,
  options: { password?: string; check?: (page: Page) => Promise<void> } = {},
): Promise<Page> {
  const resident = await (await browser.newContext({ baseURL, javaScriptEnabled: false, locale: 'nl-NL' })).newPage();
  const link = /\/bevestigen-aanmelding\/[a-z2-7]{32}/.exec(await mailTo(resident, r.email))![0];
  await resident.goto(link);
  await resident.getByRole('button', { name: 'Bekijk mijn aanmelding' }).click();
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Klopt alles? Bevestig je aanmelding');
  await expect(resident.getByText(`van ${r.practice} heeft dit voor je ingevuld.`, { exact: false })).toBeVisible();
  await options.check?.(resident);
  await resident.getByLabel(/Het team mag gebruiken/).check();
  if (options.password) {
    await resident.getByLabel(/Ja, maak een account/).check();
    await resident.getByLabel('Kies een wachtwoord voor je account').fill(options.password);
  } else {
    await resident.getByLabel(/Nee, zonder account/).check();
  }
  await resident.getByRole('button', { name: 'Aanmelding bevestigen' }).click();
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Je aanmelding is bevestigd');
  if (options.password) await confirmAccountAndSignIn(resident, r.email, options.password);
  return resident;
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

/** A moment on the Amsterdam clock as the date and time fields want it. */
export function wallClock(at: Date) {
  const p = Object.fromEntries(clock.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p['year']}-${p['month']}-${p['day']}`, time: `${p['hour']}:${p['minute']}` };
}

/**
 * A moment `minutes` from now. The duo records how it went from its start on (planning/rules.ts
 * mayRecordOutcome), so a journey plans a few minutes ahead and `recordHeld` waits for the start.
 */
export const inMinutes = (minutes: number) => wallClock(new Date(Date.now() + minutes * 60_000));

/**
 * On the planner's page of a sign-up: "Bel de inwoner", the duo (each chosen by a part of its
 * option's text, such as the name) and the moment agreed on the phone. The caller checks the answer.
 */
export async function recordAgreedMoment(planner: Page, duo: readonly [string | RegExp, string | RegExp], moment: { date: string; time: string }) {
  const agreed = planner.getByRole('region', { name: 'Afgesproken moment vastleggen' });
  for (const [i, member] of duo.entries()) {
    const select = agreed.locator(i === 0 ? '#veld-agreedA' : '#veld-agreedB');
    await select.selectOption((await select.locator('option', { hasText: member }).first().getAttribute('value'))!);
  }
  await agreed.getByLabel('Datum').fill(moment.date);
  await agreed.getByLabel('Tijd').fill(moment.time);
  await agreed.getByRole('button', { name: 'Afspraak vastleggen' }).click();
}

/**
 * A duo member records on /team/gesprekken that the conversation of this sign-up was held: once it
 * has started, when the page offers it (looked at again every 10 s, for at most 6 minutes).
 */
export async function recordHeld(worker: Page, reference: string) {
  const conversation = worker.getByRole('article', { name: new RegExp(reference) });
  await expect(async () => {
    await worker.goto('/team/gesprekken');
    await expect(conversation.getByLabel('Gehouden')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 360_000, intervals: [10_000] });
  await conversation.getByLabel('Gehouden').check();
  await conversation.getByRole('button', { name: 'Opslaan' }).click();
  await expect(worker.getByRole('status')).toContainText('Opgeslagen.');
}

export type Advice = { about: string; advice: string; strengths: string; next: string };

/**
 * The duo writes the *advies* (issue 21, item 8: the region's report form, not the four questions)
 * and sends it to the resident. `check` runs on the filled-in form before sending.
 */
export async function writeAdvice(worker: Page, reference: string, a: Advice, check?: (page: Page) => Promise<void>) {
  await worker.goto('/team/verslag');
  await worker.getByRole('link', { name: new RegExp(reference) }).click();
  await expect(worker.getByText('Schrijf het advies samen met de inwoner.')).toBeVisible();
  await expect(worker.getByLabel('Wat is er gebeurd?')).toHaveCount(0);
  await worker.getByLabel('Waar gaat het om?').fill(a.about);
  await worker.getByLabel('Ons advies').fill(a.advice);
  await worker.getByLabel('Waar ben je goed in?').fill(a.strengths);
  await worker.getByLabel('Wat zijn de volgende stappen?').fill(a.next);
  await check?.(worker);
  await worker.getByRole('button', { name: 'Naar de inwoner' }).click();
  await expect(worker.getByRole('status')).toBeVisible();
}

/**
 * A GET as the signed-in page, for a download or a status code: the page's own cookies, sent by
 * Node to the server at 127.0.0.1 with the region's host name in the Host header. `page.request`
 * alone cannot: Node does not map *.localhost to the server (only the browser does, by the
 * config's host rules), and the browser reports no response for a download.
 */
export async function getAs(page: Page, address: string) {
  const url = new URL(address, page.url());
  const cookie = (await page.context().cookies(url.href)).map((c) => `${c.name}=${c.value}`).join('; ');
  return page.request.get(`http://127.0.0.1:${url.port}${url.pathname}${url.search}`, { headers: { host: url.host, cookie }, maxRedirects: 0 });
}
