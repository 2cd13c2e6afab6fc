import { expect, test } from '@playwright/test';
import { axeViolations } from './pages.ts';

test('the language switch keeps the page', async ({ page }) => {
  await page.goto('/privacy');
  await page.getByRole('navigation', { name: 'Taal' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/privacy$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Nederlands' }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test('links stay in the chosen language', async ({ page }) => {
  await page.goto('/en');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Questions' }).click();
  await expect(page).toHaveURL(/\/en\/veelgestelde-vragen$/);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility' }).click();
  await expect(page).toHaveURL(/\/en\/toegankelijkheid$/);
});

// The header once had three arrangements (sign-in under the name in Dutch at 1280 px, at the far
// end at 200 %, the language in the middle): one place to look, in every language and at every width.
for (const width of [1280, 640, 320]) {
  for (const [address, language, signIn] of [
    ['/', 'Taal', 'Inloggen'],
    ['/en', 'Language', 'Sign in'],
  ] as const) {
    test(`the header keeps language and sign-in together at the end (${address}, ${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 700 });
      await page.goto(address);
      const header = await page.locator('.hog-header > .hog-wrap').boundingBox();
      const switcher = await page.getByRole('navigation', { name: language }).boundingBox();
      const signInLink = await page.getByRole('banner').getByRole('link', { name: signIn, exact: true }).boundingBox();
      const end = header!.x + header!.width;
      const padding = await page.locator('.hog-header > .hog-wrap').evaluate((e) => parseFloat(getComputedStyle(e).paddingInlineEnd));
      // Sign-in ends where the header's content ends; the language switch is just before it, on its line.
      expect(Math.abs(signInLink!.x + signInLink!.width - (end - padding))).toBeLessThan(2);
      expect(switcher!.x + switcher!.width).toBeLessThanOrEqual(signInLink!.x);
      expect(Math.abs(switcher!.y + switcher!.height / 2 - (signInLink!.y + signInLink!.height / 2))).toBeLessThan(8);
    });
  }
}

test('a /nl/ address leads to the plain Dutch address', async ({ page }) => {
  await page.goto('/nl/contact');
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/contact$/);
});

for (const [address, title] of [
  ['/bestaat-niet', 'Deze pagina bestaat niet'],
  ['/en/does-not-exist', 'This page does not exist'],
] as const) {
  test(`an unknown address (${address}) gets a translated 404 page`, async ({ page }) => {
    const response = await page.goto(address);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('a[href="tel:113"]')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('the skip link is the first stop for the keyboard and moves to the content', async ({ page }) => {
  await page.goto('/hoe-gaat-het');
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  // Hidden until focused, so it never covers the crisis numbers.
  await expect(skip).not.toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test.describe('on a small phone (320px, the same as 200% zoom on a 640px window)', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const address of ['/', '/en/privacy', '/hoe-gaat-het', '/aanmelden', '/aanmelden/over-jou', '/inloggen']) {
    test(`${address} needs no sideways scrolling`, async ({ page }) => {
      await page.goto(address);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(320);
    });
  }
});

test.describe('at 200% zoom', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test('the page reflows without sideways scrolling', async ({ page }) => {
    await page.goto('/veelgestelde-vragen');
    // Playwright cannot press the browser's zoom; CSS zoom on the root lays the page out the same
    // way (set through the DOM, which the page's CSP allows, unlike an injected <style>).
    await page.evaluate(() => {
      document.documentElement.style.zoom = '2';
    });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).zoom)).toBe('2');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
