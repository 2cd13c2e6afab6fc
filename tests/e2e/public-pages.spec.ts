import { expect, test } from '@playwright/test';
import { publicPages } from '../../src/lib/routes.ts';
import { addressIn, axeViolations, languages, regionAddress } from './pages.ts';

for (const lang of languages) {
  for (const path of publicPages) {
    const address = addressIn(path, lang);
    test(`${address} works, shows the crisis numbers and passes axe`, async ({ page, baseURL }) => {
      const foreign: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).origin !== baseURL) foreign.push(request.url());
      });
      const response = await page.goto(address);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);

      const crisis = page.getByRole('complementary').first();
      await expect(crisis.locator('a[href="tel:113"]')).toHaveText('113');
      await expect(crisis.locator('a[href="tel:08000113"]')).toHaveText('0800-0113');
      await expect(crisis.locator('a[href="tel:112"]')).toHaveText('112');

      // Public pages have no interaction, so they ship no JavaScript at all.
      await expect(page.locator('script')).toHaveCount(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(foreign).toEqual([]);
    });
  }
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  for (const lang of languages) {
    for (const path of publicPages) {
      const address = addressIn(path, lang);
      test(`${address} reads the same`, async ({ page }) => {
        expect((await page.goto(address))?.status()).toBe(200);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('a[href="tel:113"]')).toBeVisible();
        await expect(page.getByRole('contentinfo')).toBeVisible();
      });
    }
  }
});

test("a region's home page names what the conversation is not, and lists the places", async ({ page }) => {
  // Oostveld's own host name (browsers send every *.localhost to this machine).
  await page.goto(regionAddress('oostveld', '/'));
  await expect(page.getByText('Het is geen behandeling.')).toBeVisible();
  await expect(page.getByText('Je krijgt geen diagnose of label.')).toBeVisible();
  await expect(page.getByText(/geen manier om sneller bij de GGZ te komen/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Stadskamer Oostveld', exact: true })).toBeVisible();
  await expect(page.getByText(/^Herstelcentrum: Lindelaan 12/)).toBeVisible(); // the kind beside the name, once
  await expect(page.getByText(/tussen 18 en 65 jaar die in Regio Oostveld woont/)).toBeVisible();
});
