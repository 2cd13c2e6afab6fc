import { defineMiddleware, sequence } from 'astro:middleware';
import { defaultLocale } from './lib/i18n/locales.ts';
import { localizePath, splitLocale } from './lib/i18n/paths.ts';
import { ipPrefix } from './lib/server/audit/ip.ts';
import { sessionCookieName } from './lib/server/auth/cookie.ts';
import { AuthRequired, PermissionDenied, TwoFactorRequired } from './lib/server/auth/guards.ts';
import { validateSessionToken } from './lib/server/auth/sessions.ts';
import { getDb } from './lib/server/db/client.ts';
import { isDatabaseUnavailable } from './lib/server/db/errors.ts';

// Locale and session only, plus mapping the guards' typed errors to responses in one place.
// Authorization never happens here: pages and actions call their guards themselves.

const locale = defineMiddleware((context, next) => {
  if (context.locals.lang) return next(); // a rewrite below passes through here again
  const { lang, path, prefixed } = splitLocale(context.url.pathname);
  if (prefixed && lang === defaultLocale) return context.redirect(`${path}${context.url.search}`, 301);
  context.locals.lang = lang;
  context.locals.path = path;
  return lang === defaultLocale ? next() : next(`${path}${context.url.search}`);
});

const session = defineMiddleware(async (context, next) => {
  if (context.locals.user !== undefined) return next();
  const { locals, cookies } = context;
  locals.user = null;
  locals.session = null;
  locals.twoFactorPending = false;
  locals.ipPrefix = ipPrefix(context.clientAddress);
  const token = cookies.get(sessionCookieName())?.value;
  if (token) {
    const valid = await validateSessionToken(getDb(), token);
    if (valid) {
      locals.user = valid.user;
      locals.session = valid.session;
      locals.twoFactorPending = valid.twoFactorPending;
    } else {
      cookies.delete(sessionCookieName(), { path: '/' });
    }
  }
  const response = await next();
  // Sessions are private: never let a shared cache keep a signed-in page.
  if (locals.user) response.headers.set('cache-control', 'private, no-store');
  return response;
});

const guardErrors = defineMiddleware(async (context, next) => {
  const back = () => encodeURIComponent(`${context.url.pathname}${context.url.search}`);
  const to = (path: string) => localizePath(path, context.locals.lang ?? defaultLocale);
  try {
    return await next();
  } catch (error) {
    if (error instanceof AuthRequired) return context.redirect(`${to('/inloggen')}?terug=${back()}`);
    if (error instanceof TwoFactorRequired) return context.redirect(to(error.setup ? '/inloggen/instellen' : '/inloggen/code'));
    if (error instanceof PermissionDenied) return context.rewrite('/geen-toegang');
    if (isDatabaseUnavailable(error)) {
      console.error('database unavailable:', error);
      return context.rewrite('/niet-beschikbaar');
    }
    throw error;
  }
});

export const onRequest = sequence(locale, guardErrors, session);
