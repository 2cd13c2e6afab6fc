import { expect, test } from '@playwright/test';
import { axeViolations } from './pages.ts';
import { demoAccountFor, signInAs } from './accounts.ts';
import { finishSignUp, goTo } from './signup-steps.ts';

const en = (path: string, lang: 'nl' | 'en') => (lang === 'en' ? `/en${path}` : path);

// Issue 10: the sign-up and /mijn as a new resident meets them, at 320 px and 1280 px, with and
// without JavaScript, in Dutch and English.
test.describe('at 320 × 640', () => {
  test.use({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
  for (const lang of ['nl', 'en'] as const) {
    test(`the first field of every sign-up step is in view, below a one-line crisis bar (${lang})`, async ({ page }) => {
      const firstField = async () => {
        const field = page.locator('#stap-formulier').locator('input:not([type=hidden]):not(#website), textarea').first();
        const box = (await field.boundingBox())!;
        expect(box.y + box.height, await page.title()).toBeLessThanOrEqual(640);
      };
      await page.goto(en('/aanmelden/over-jou', lang));
      await firstField();
      // Crisis numbers are on the page and visible without JavaScript, in a short bar.
      for (const tel of ['113', '08000113', '112']) await expect(page.locator(`.hog-crisis__line a[href="tel:${tel}"]`)).toBeVisible();
      expect((await page.locator('.hog-crisis').boundingBox())!.height).toBeLessThanOrEqual(90);
      await goTo(page, 'contact', lang);
      await firstField();
      await goTo(page, 'meenemen', lang);
      await firstField();
    });
  }

  test('the reference code stays on one line', async ({ page }) => {
    await goTo(page, 'meenemen');
    await finishSignUp(page);
    const code = page.locator('.hog-code');
    await expect(code).toHaveText(/^HOG-[A-Z0-9]{6}$/);
    const lineHeight = await code.evaluate((el) => parseFloat(getComputedStyle(el.parentElement!).lineHeight));
    expect((await code.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
  });

  test('the fuller crisis text folds open without JavaScript', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: '113.nl' })).toBeHidden();
    await page.getByText('Meer hulp').click();
    await expect(page.getByRole('link', { name: '113.nl' })).toBeVisible();
  });

  test('the compact frame stays clean for axe, folded and open', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL: baseURL!, viewport: { width: 320, height: 640 }, javaScriptEnabled: true });
    const page = await context.newPage();
    await page.goto('/aanmelden/over-jou');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByText('Meer hulp').click();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

for (const width of [320, 1280]) {
  test(`radio and checkbox labels sit beside their 24 px controls at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await goTo(page, 'plek');
    for (const path of ['/aanmelden/plek', '/aanmelden/wanneer', '/aanmelden/contact', '/aanmelden/controleren']) {
      await page.goto(path);
      for (const input of await page.locator('input[type=radio], input[type=checkbox]').all()) {
        const control = (await input.boundingBox())!;
        const label = (await page.locator(`label[for="${await input.getAttribute('id')}"]`).boundingBox())!;
        expect(control.width).toBeGreaterThanOrEqual(24);
        expect(control.height).toBeGreaterThanOrEqual(24);
        expect(label.x, `${path} ${await input.getAttribute('id')}`).toBeGreaterThan(control.x + control.width);
        expect(Math.abs(label.y - control.y)).toBeLessThan(8); // first line level with the control, not below it
      }
    }
  });
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(`conditional fields and errors, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('"Een andere taal" needs "Welke taal?", and a naaste needs a name and a choice about the invitation', async ({ page }) => {
      await goTo(page, 'meenemen');
      await page.getByRole('group', { name: 'In welke taal wil je het gesprek?' }).getByLabel('Een andere taal').check();
      await page.getByRole('group', { name: 'Wil je iemand meenemen?' }).getByLabel('Ja').check();
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      const summary = page.getByRole('alert');
      await expect(summary.getByRole('heading')).toHaveText('Er ontbreekt nog iets');
      for (const message of ['Vul de naam in van wie je meeneemt.', 'Kies of wij deze persoon een uitnodiging sturen.', 'Vul in welke taal je wilt praten.']) {
        await expect(summary.getByRole('link', { name: message })).toBeVisible();
      }
      if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]); // axe runs as a script in the page
    });

    test('the contact step shows every problem at once, each naming its question', async ({ page }) => {
      await goTo(page, 'contact');
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      const links = page.getByRole('alert').getByRole('link');
      await expect(links).toHaveText([
        'Kies of we een bericht mogen inspreken.',
        'Kies of we je een sms mogen sturen.',
        'Kies of de naam van de dienst in een e-mail of sms mag staan.',
        'Vul een e-mailadres of een telefoonnummer in. Dan kunnen we je bereiken.',
      ]);
    });
  });
}

test('without JavaScript a value typed for an answer not chosen is pointed out, not dropped', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL!, javaScriptEnabled: false });
  const page = await context.newPage();
  await goTo(page, 'meenemen');
  await page.getByLabel('Welke taal?').fill('Tigrinya');
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('alert')).toContainText("Je koos geen andere taal. Maak 'Welke taal?' leeg, of kies 'Een andere taal'.");
  await context.close();
});

test('with JavaScript a field whose answer is not chosen is hidden and disabled', async ({ page }) => {
  await goTo(page, 'meenemen');
  await expect(page.getByLabel('Welke taal?')).toBeHidden();
  await expect(page.getByLabel('Welke taal?')).toBeDisabled();
  await page.getByRole('group', { name: 'In welke taal wil je het gesprek?' }).getByLabel('Een andere taal').check();
  await expect(page.getByLabel('Welke taal?')).toBeEnabled();
});

test('places read once, in the resident’s language', async ({ page }) => {
  await goTo(page, 'plek', 'en');
  const group = page.getByRole('group', { name: 'Choose a place' });
  await expect(group.getByLabel('Online, by video call')).toBeVisible();
  await expect(group).not.toContainText('(Herstelcentrum)');
  await goTo(page, 'plek');
  await expect(page.getByRole('group', { name: 'Kies een plek' })).not.toContainText(/\(herstelcentrum\)/i);
});

test('a signed-in resident finds the e-mail filled in; the page is called as the menu calls it', async ({ page }) => {
  await signInAs(page, 'resident');
  await goTo(page, 'contact');
  await expect(page.getByLabel('E-mailadres')).toHaveValue(demoAccountFor('resident').email);
  await page.goto('/mijn');
  const menu = await page.getByRole('banner').getByRole('link', { name: 'Mijn overzicht' }).textContent();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(menu!);
});

test('the "not for you" page leads back to fix a typo', async ({ page }) => {
  await page.goto('/aanmelden/over-jou');
  await page.getByLabel('Hoe mogen we je noemen?').fill('Alex');
  await page.getByLabel('In welk jaar ben je geboren?').fill('1990');
  await page.getByLabel('Wat is je postcode?').fill('1011 AB');
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByRole('link', { name: /typfout/ }).click();
  await expect(page).toHaveURL(/\/aanmelden\/over-jou$/);
});
