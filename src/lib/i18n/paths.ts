import { defaultLocale, isLocale, locales } from './locales.ts';

/** `/en/privacy` → { lang: 'en', path: '/privacy' }; `/privacy` → the default language. */
export function splitLocale(pathname: string): { lang: string; path: string; prefixed: boolean } {
  const [, first, ...rest] = pathname.split('/');
  if (isLocale(first)) return { lang: first, path: `/${rest.join('/')}`, prefixed: true };
  return { lang: defaultLocale, path: pathname, prefixed: false };
}

/** The address of a Dutch path in a language: `localizePath('/privacy', 'en')` → `/en/privacy`. */
export function localizePath(path: string, lang: string): string {
  if (lang === defaultLocale || !locales.includes(lang)) return path;
  return path === '/' ? `/${lang}` : `/${lang}${path}`;
}
