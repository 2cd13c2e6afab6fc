import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './pages.ts';
import { mailTo, newResident, signInAs } from './accounts.ts';
import { signedIn, wallClock } from './journeys.ts';
import { finishSignUp, goTo } from './signup-steps.ts';

// Issue 22, items 5–7: after the last step the resident is told what happens now and where to go;
// once planned, /mijn and the mail say who comes and where; /mijn puts the current state and the
// one next step first, and keeps no line that stopped being true. Without JavaScript, as the
// forms must work so; axe runs in a context with scripts.
test.use({ javaScriptEnabled: false });
test.setTimeout(180_000);

const next = (page: Page) => page.getByRole('button', { name: 'Volgende stap' }).click();

/** Every id on the page once, and every label pointing at exactly one element. */
async function idsAreUnique(page: Page) {
  const { repeated, lostLabels } = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    const lostLabels = [...document.querySelectorAll('label[for]')]
      .map((l) => l.getAttribute('for')!)
      .filter((id) => document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length !== 1);
    return { repeated, lostLabels };
  });
  expect(repeated, 'ids used more than once').toEqual([]);
  expect(lostLabels, 'labels without exactly one field').toEqual([]);
}

async function axeWithScript(page: Page, address: string) {
  const context = await page
    .context()
    .browser()!
    .newContext({ storageState: await page.context().storageState(), javaScriptEnabled: true, locale: 'nl-NL' });
  const copy = await context.newPage();
  await copy.goto(address);
  expect(await axeViolations(copy), address).toEqual([]);
  await context.close();
}

test('the confirmation is a page of its own: what happens now, the mail it knows of, links onward, safe to reload', async ({ page, browser, baseURL }) => {
  const email = `klaar-${Date.now()}@oostveld.example`;
  await goTo(page, 'contact');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Telefoonnummer').fill('0612345678');
  for (const group of ['Mogen we een bericht inspreken', 'Mogen we je een sms sturen', 'Mag de naam van deze dienst'])
    await page
      .getByRole('group', { name: new RegExp(group) })
      .getByLabel('Ja')
      .check();
  await next(page);
  await next(page);
  await page.getByRole('group', { name: 'Kies een plek' }).getByLabel('Tijdens een wandeling buiten').check();
  await next(page);
  await page.getByLabel('Dinsdag').check();
  await page.getByLabel('Middag').check();
  await next(page);
  const reference = await finishSignUp(page);

  // Redirected after the post: a clean address, not "?_action=signup.finish".
  await expect(page).toHaveURL(/\/aanmelden\/klaar$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je aanmelding is verstuurd');
  // Oostveld's way: the team calls or mails (both were given), then the resident picks a moment.
  const steps = page.getByRole('list').filter({ hasText: 'iemand van het team' });
  await expect(page.getByRole('heading', { name: 'Wat gebeurt er nu?' })).toBeVisible();
  await expect(steps).toContainText(/Binnen ongeveer \d+ dagen belt of mailt iemand van het team je\./);
  await expect(steps).toContainText('Je kiest zelf het moment dat jou past.');
  // It knows an address was given: no question about it.
  await expect(page.getByText('Heb je een e-mailadres ingevuld?')).toHaveCount(0);
  await expect(page.getByText('We sturen je ook een e-mail met je aanmeldcode.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Veelgestelde vragen' }).last()).toHaveAttribute('href', '/veelgestelde-vragen');
  await expect(page.getByRole('link', { name: 'Naar de startpagina' })).toHaveAttribute('href', '/');
  // No account: no link to an overview it cannot open.
  await expect(page.getByRole('link', { name: /Mijn overzicht/ })).toHaveCount(0);

  // A reload shows the same, and sends nothing again.
  await page.reload();
  await expect(page.locator('main .hog-code')).toHaveText(reference);
  await page.goto('/en/aanmelden/klaar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your sign-up has been sent');
  await expect(page.locator('main .hog-code')).toHaveText(reference);
  await expect(page.getByText('We also send you an email with your sign-up code.')).toBeVisible();
  await axeWithScript(page, '/aanmelden/klaar');
  expect(await mailTo(page, email)).toContain(reference);
  await page.goto('/demo/postvak');
  await expect(page.locator('article', { hasText: `Aan: ${email}` })).toHaveCount(1);

  // Another browser at the same address sees no code and no sign-up.
  const other = await (await browser.newContext({ baseURL: baseURL! })).newPage();
  await other.goto('/aanmelden/klaar');
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Je aanmelding');
  await expect(other.locator('main')).not.toContainText(/HOG-[A-Z0-9]{6}/);
  await other.context().close();
});

test('a signed-in resident is led on to /mijn; a phone-only sign-up is told to write the code down', async ({ page, browser, baseURL }) => {
  await newResident(page);
  await goTo(page, 'meenemen');
  await finishSignUp(page);
  await expect(page).toHaveURL(/\/aanmelden\/klaar$/);
  await expect(page.getByRole('link', { name: 'Bekijk je aanmelding in Mijn overzicht' })).toHaveAttribute('href', '/mijn');

  const phoneOnly = await (await browser.newContext({ baseURL: baseURL!, javaScriptEnabled: false })).newPage();
  await goTo(phoneOnly, 'meenemen');
  await finishSignUp(phoneOnly);
  await expect(phoneOnly.getByText(/Binnen ongeveer \d+ dagen belt iemand van het team je\./)).toBeVisible();
  await expect(phoneOnly.getByText('Je hebt geen e-mailadres ingevuld. Schrijf je aanmeldcode daarom op.')).toBeVisible();
  await phoneOnly.context().close();
});

test('once planned, /mijn and the mail name the duo and the place; stale lines go', async ({ page, browser, baseURL }) => {
  const run = Date.now().toString(36);
  const naaste = `naaste-${run}@oostveld.example`;
  const resident = await newResident(page);
  await goTo(page, 'plek');
  await page.getByRole('group', { name: 'Kies een plek' }).getByLabel('Bij mij thuis').check();
  await page.getByLabel('Je adres').fill('Dorpsstraat 1, Oostveld');
  await next(page);
  await page.getByLabel('Dinsdag').check();
  await page.getByLabel('Middag').check();
  await next(page);
  await page.getByRole('group', { name: 'Wil je iemand meenemen?' }).getByLabel('Ja').check();
  await page.getByLabel('Naam van wie je meeneemt').fill('Lotte');
  await page.getByLabel('E-mailadres of telefoonnummer').fill(naaste);
  await page
    .getByRole('group', { name: /Zullen wij deze persoon uitnodigen/ })
    .getByLabel('Ja')
    .check();
  const reference = await finishSignUp(page);

  await page.goto('/mijn');
  const article = page.getByRole('article', { name: new RegExp(reference) });
  await expect(article).toContainText('Wij sturen Lotte een uitnodiging als de datum bekend is.');
  await expect(article).toContainText('Bij mij thuis: Dorpsstraat 1, Oostveld');
  await expect(article.locator('.utrecht-paragraph--lead').first()).toHaveText('We hebben je aanmelding. Iemand van het team neemt contact met je op.');

  // The planner proposes one moment with the demo duo (a nurse and a buurtcoach), weeks ahead at an odd minute.
  const planner = await signedIn(browser, baseURL!, 'planner@oostveld.example');
  await planner.goto(`/team?zoek=${reference}`);
  await planner.getByRole('link', { name: reference }).click();
  const option = (name: string) => planner.locator('#veld-memberA option', { hasText: name }).getAttribute('value');
  await planner.locator('#veld-memberA').selectOption((await option('Sanne Hoekstra'))!);
  await planner.locator('#veld-memberB').selectOption((await option('Tom Gerritsen'))!);
  const moment = wallClock(new Date(Date.now() + (20 + Math.floor(Math.random() * 40)) * 86_400_000));
  const time = `${String(9 + Math.floor(Math.random() * 7)).padStart(2, '0')}:${String(Math.floor(Math.random() * 12) * 5).padStart(2, '0')}`;
  await planner.getByRole('group', { name: 'Moment 1' }).getByLabel('Datum').fill(moment.date);
  await planner.getByRole('group', { name: 'Moment 1' }).getByLabel('Tijd').fill(time);
  await planner.getByRole('button', { name: 'Momenten voorstellen' }).click();
  await expect(planner.getByRole('status')).toContainText('De momenten zijn voorgesteld.');
  await planner.context().close();

  // The one next step is first: choose a moment.
  await page.goto('/mijn');
  await expect(article.locator('.utrecht-paragraph--lead').first()).toHaveText('Kies een moment voor je gesprek. Dat doe je hieronder.');
  await idsAreUnique(page);
  await article.getByRole('button', { name: 'Kies dit moment' }).click();
  await expect(page.getByRole('status')).toContainText('Je gesprek is afgesproken.');

  // The agreed appointment: when, where (their own address) and with whom, above the timeline.
  await expect(article.locator('.utrecht-paragraph--lead').first()).toHaveText('Je gesprek is afgesproken. Hieronder staat wanneer, waar en met wie.');
  const agreed = article.getByRole('region', { name: 'Gesprek 1: afgesproken' });
  await expect(agreed.locator('dt', { hasText: 'Waar' }).locator('+ dd')).toHaveText('Bij jou thuis, Dorpsstraat 1, Oostveld');
  await expect(agreed.locator('dt', { hasText: 'Met wie' }).locator('+ dd')).toHaveText('Sanne (verpleegkundige) en Tom (buurtcoach)');
  const top = async (locator: ReturnType<Page['locator']>) => (await locator.boundingBox())!.y;
  expect(await top(agreed)).toBeLessThan(await top(article.getByRole('list', { name: 'Hoe staat het ervoor?' })));
  expect(await top(agreed)).toBeLessThan(await top(article.getByRole('heading', { name: 'Wat je ons hebt verteld' })));
  // Lotte was invited when the date was set: the "when the date is known" line is gone.
  await expect(article).not.toContainText('als de datum bekend is');
  await expect(article).toContainText('We hebben Lotte een uitnodiging gestuurd.');
  // The move form's label points at its own field.
  await expect(article.getByLabel(/Wil je het gesprek verzetten/)).toHaveAttribute('name', 'message');
  await idsAreUnique(page);
  await axeWithScript(page, '/mijn');

  // The mail that confirms the appointment names the duo too.
  await page.goto('/demo/postvak');
  const confirmed = page.locator('article', { hasText: `Aan: ${resident.email}` }).filter({ hasText: 'Je gesprek is afgesproken:' });
  await expect(confirmed).toHaveCount(1);
  await expect(confirmed).toContainText('Je praat met Sanne (verpleegkundige) en Tom (buurtcoach).');

  // After a cancel no invitation is coming: the line about Lotte says nothing of one.
  await page.goto('/mijn');
  await article.getByRole('link', { name: 'Afmelden voor dit gesprek' }).click();
  await page.getByRole('button', { name: 'Ja, meld me af' }).click();
  await expect(page.getByRole('status')).toContainText('Je bent afgemeld.');
  await expect(article).toContainText('Afgemeld');
  await expect(article).not.toContainText('uitnodiging');
});

test("the demo resident's /mijn: the next appointment first, the report one link away, every id once", async ({ page }) => {
  await signInAs(page, 'resident');
  await page.goto('/mijn');
  const planned = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Gesprek 1: afgesproken' }) });
  await expect(planned.locator('dt', { hasText: 'Met wie' }).locator('+ dd')).toHaveText('Sanne (verpleegkundige) en Tom (buurtcoach)');
  await expect(planned.locator('dt', { hasText: 'Waar' }).locator('+ dd')).toHaveText('Bibliotheek De Leeshoek, Marktplein 3, 7002 CD Oostveld');
  await expect(planned).not.toContainText('als de datum bekend is');

  const ready = page.getByRole('article').filter({ hasText: 'Je verslag is klaar.' }).first();
  await expect(ready.getByRole('link', { name: 'Lees je verslag' })).toHaveAttribute('href', '/mijn/verslag');
  await expect(ready.getByRole('list', { name: 'Hoe staat het ervoor?' }).getByRole('link', { name: 'Verslag klaar' })).toHaveAttribute(
    'href',
    '/mijn/verslag',
  );
  // The sign-up with the next appointment comes before the newer one whose report is ready.
  expect((await planned.boundingBox())!.y).toBeLessThan((await ready.boundingBox())!.y);
  // Two sign-ups, each with a form to write in (move, follow-up): each field has its own id.
  expect(await page.locator('textarea').count()).toBeGreaterThan(1);
  await idsAreUnique(page);
});

for (const lang of ['nl', 'en'] as const) {
  for (const width of [320, 1280]) {
    test(`screenshots of /mijn and the confirmation at ${width} px (${lang})`, async ({ page, browser, baseURL }) => {
      const at = (path: string) => (lang === 'en' ? `/en${path}` : path);
      await page.setViewportSize({ width, height: 900 });
      await signInAs(page, 'resident');
      await page.goto(at('/mijn'));
      await page.screenshot({ path: test.info().outputPath(`mijn-${lang}-${width}.png`), fullPage: true });
      const fresh = await (await browser.newContext({ baseURL: baseURL!, javaScriptEnabled: false, viewport: { width, height: 900 } })).newPage();
      await goTo(fresh, 'meenemen');
      await finishSignUp(fresh);
      await fresh.goto(at('/aanmelden/klaar'));
      await expect(fresh.locator('main .hog-code')).toBeVisible();
      await fresh.screenshot({ path: test.info().outputPath(`klaar-${lang}-${width}.png`), fullPage: true });
      // Nothing wider than the screen.
      expect(await fresh.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await fresh.context().close();
    });
  }
}
