import { defineMiddleware } from 'astro:middleware';
import { defaultLocale } from './lib/i18n/locales.ts';
import { splitLocale } from './lib/i18n/paths.ts';

// Locale only: the language comes from the address, so a page exists once and answers under
// every prefix. Authorization never happens here; pages and actions guard themselves.
export const onRequest = defineMiddleware((context, next) => {
  if (context.locals.lang) return next(); // a rewrite below passes through here again
  const { lang, path, prefixed } = splitLocale(context.url.pathname);
  if (prefixed && lang === defaultLocale) {
    return context.redirect(`${path}${context.url.search}`, 301);
  }
  context.locals.lang = lang;
  context.locals.path = path;
  return lang === defaultLocale ? next() : next(`${path}${context.url.search}`);
});
