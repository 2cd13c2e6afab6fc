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
