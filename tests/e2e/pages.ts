import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const languages = ['nl', 'en'] as const;

/** WCAG 2.2 AA, the target the accessibility statement names. */
export async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export const addressIn = (path: string, lang: string) => (lang === 'nl' ? path : path === '/' ? `/${lang}` : `/${lang}${path}`);

/** An address on a demo region's own host name (`oostveld.localhost`), on the port the suite runs on. */
export const regionAddress = (slug: 'oostveld' | 'westmark' | 'amstelland' | 'beekdal', path: string) =>
  `http://${slug}.localhost:${process.env['E2E_PORT'] ?? 4329}${path}`;

/**
 * axe runs as a script in the page, and a page without JavaScript runs none. Such a page is checked
 * at the same address in a context that allows scripts (said outright: a spec's `use` applies to
 * this context too), with the same cookies, so the same person and the same draft see the same
 * page. For pages a GET shows; a form's answer to a POST is not one.
 */
export async function axeViolationsWithScript(page: Page, address = page.url()) {
  const context = await page
    .context()
    .browser()!
    .newContext({ storageState: await page.context().storageState(), javaScriptEnabled: true, locale: 'nl-NL' });
  try {
    const copy = await context.newPage();
    await copy.goto(address);
    return await axeViolations(copy);
  } finally {
    await context.close();
  }
}
