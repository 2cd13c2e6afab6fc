import { gzipSync } from 'node:zlib';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { publicPages } from '../../src/lib/routes.ts';
import { signupFlow } from '../../scripts/bench/flow.ts';
import { addressIn, axeViolations, languages } from './pages.ts';
import { signInAs } from './accounts.ts';

const KB = 1024;

/** Bytes on the wire (headers and compressed bodies) for one navigation, counted by Chromium. */
async function transferred(context: BrowserContext, page: Page, address: string) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  const bytes: { type: string; size: number }[] = [];
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => bytes.push({ type: types.get(e.requestId) ?? 'Other', size: e.encodedDataLength }));
  await page.goto(address);
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  const total = bytes.reduce((s, b) => s + b.size, 0);
  const script = bytes.filter((b) => b.type === 'Script').reduce((s, b) => s + b.size, 0);
  return { total, script, count: bytes.length };
}

test.describe('bytes on the wire', () => {
  for (const lang of languages) {
    for (const path of publicPages) {
      const address = addressIn(path, lang);
      test(`${address}: at most 20 KB on a first view, 6 KB on a repeat view, no JavaScript`, async ({ browser, baseURL }) => {
        const context = await browser.newContext({ baseURL: baseURL! });
        const page = await context.newPage();
        const first = await transferred(context, page, address);
        const repeat = await transferred(context, page, address);
        console.log(`${address}: first view ${first.total} B in ${first.count} responses, repeat view ${repeat.total} B`);
        expect(first.total).toBeGreaterThan(0);
        expect(first.total).toBeLessThanOrEqual(20 * KB);
        expect(repeat.total).toBeLessThanOrEqual(6 * KB);
        expect(first.script + repeat.script).toBe(0);
        await context.close();
      });
    }
  }
});

test('built assets are compressed and cached for a year; pages are compressed', async ({ request, page }) => {
  await page.goto('/');
  const css = await page.locator('link[rel=stylesheet]').getAttribute('href');
  expect(css).toMatch(/^\/_astro\/.+\.css$/);
  for (const [encoding, expected] of [
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
  ] as const) {
    const asset = await request.get(css!, { headers: { 'accept-encoding': encoding } });
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers()['content-encoding']).toBe(expected);
    const html = await request.get('/', { headers: { 'accept-encoding': encoding } });
    expect(html.headers()['content-encoding']).toBe(expected);
    expect(html.headers()['vary']).toMatch(/accept-encoding/i);
  }
  const etag = (await request.get(css!)).headers()['etag']!;
  expect((await request.get(css!, { headers: { 'if-none-match': etag } })).status()).toBe(304);
  // No style is inlined any more, so the policy needs no hash of one.
  expect(await page.locator('style').count()).toBe(0);
});

test('the sign-up script ships only with steps that have fields to check', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('/aanmelden/over-jou');
  expect(scripts).toHaveLength(1);
  await page.getByLabel('Hoe mogen we je noemen?').fill('Robin');
  await page.getByLabel('In welk jaar ben je geboren?').fill('1990');
  await page.getByLabel('Wat is je postcode?').fill('7001ab');
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page).toHaveURL(/\/aanmelden\/contact$/);
  await page.goto('/aanmelden/controleren');
  await expect(page.getByText('Stap 7 van 7')).toBeVisible();
  // The review has nothing to check: only the few lines that hide the password while "Nee, zonder
  // account" is chosen (scripts/reveal.ts), written into the page.
  await expect(page.locator('script[src]')).toHaveCount(0);
  const inline = await page.locator('script').allTextContents();
  expect(inline).toHaveLength(1);
  expect(gzipSync(inline[0]!).length).toBeLessThan(1024);
});

test('the planner queue shows the total and fits the window at 1280 px', async ({ page, request, baseURL }) => {
  // A sign-up of our own, made the way the bench does it (the forms, without a browser).
  for (const step of signupFlow()) {
    const response = step.body
      ? await request.post(step.path, { data: step.body, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL! }, maxRedirects: 0 })
      : await request.get(step.path);
    expect(step.expect ?? [200]).toContain(response.status());
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, 'planner');
  await page.goto('/team');
  await expect(page.getByText(/^Er (is 1 open aanmelding|zijn \d+ open aanmeldingen)\.$/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Bench|HOG-/ }).first()).toBeVisible();
  // The queue and the sign-ups waiting for confirmation: each table fits without sideways scrolling.
  const wraps = await page.locator('.hog-table-wrap').all();
  expect(wraps.length).toBeGreaterThan(0);
  for (const wrap of wraps) {
    const [scrollWidth, clientWidth] = await wrap.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  }
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('team-1280.png'), fullPage: true });
});
