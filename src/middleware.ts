import { defineMiddleware, sequence } from 'astro:middleware';
import { defaultLocale } from './lib/i18n/locales.ts';
import { localizePath, splitLocale } from './lib/i18n/paths.ts';
import { ipPrefix } from './lib/server/audit/ip.ts';
import { sessionCookieName } from './lib/server/auth/cookie.ts';
import { AuthRequired, PermissionDenied, TwoFactorRequired } from './lib/server/auth/guards.ts';
import { validateSessionToken } from './lib/server/auth/sessions.ts';
import { getDb } from './lib/server/db/client.ts';
import { refuseRequest } from './lib/server/http/request-limits.ts';
import { clientAddress, trustList } from './lib/server/http/client-address.ts';
import { mapFailures } from './lib/server/http/failures.ts';
import { config } from './lib/server/config.ts';
import { describeError } from './lib/server/http/report-error.ts';
import { regionCookie, siteRegion } from './lib/server/region/site.ts';
import type { BlockList } from 'node:net';

// Locale and session only, plus mapping the guards' typed errors to responses in one place
// (any other error: mapFailures).
// Authorization never happens here: pages and actions call their guards themselves.

const locale = defineMiddleware((context, next) => {
  if (context.locals.lang) return next(); // a rewrite below passes through here again
  const { lang, path, prefixed } = splitLocale(context.url.pathname);
  if (prefixed && lang === defaultLocale) return context.redirect(`${path}${context.url.search}`, 301);
  context.locals.lang = lang;
  context.locals.path = path;
  return lang === defaultLocale ? next() : next(`${path}${context.url.search}`);
});

// Before anything reads a body: a post that is too large, has no length or is not a form is
// answered here, so it costs the server nothing.
const requestLimits = defineMiddleware((context, next) => {
  if (context.locals.refusedStatus) return next(); // the rewrite below passes through here again
  const refusal = refuseRequest(context.request.method, context.url, context.request.headers);
  if (!refusal) return next();
  context.locals.refusedStatus = refusal.status;
  return context.rewrite('/niet-verwerkt');
});

let trusted: BlockList | undefined;
const proxies = () => (trusted ??= trustList(config().trustedProxies));

/**
 * Nothing that can hold personal data is kept by a browser or a shared cache: no page of a
 * signed-in person (a 403 page included), and no page at all unless it says itself that it is
 * public (info pages).
 */
function cacheHeaders(response: Response, locals: App.Locals): Response {
  if (locals.user) response.headers.set('cache-control', 'private, no-store');
  else if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
  return response;
}

const session = defineMiddleware(async (context, next) => {
  // A rewrite (403, outage page) passes through here again with the session already known.
  if (context.locals.user !== undefined) return cacheHeaders(await next(), context.locals);
  const { locals, cookies } = context;
  locals.user = null;
  locals.session = null;
  locals.twoFactorPending = false;
  locals.ipPrefix = ipPrefix(clientAddress(context.clientAddress, context.request.headers.get('x-forwarded-for'), proxies()));
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
  return cacheHeaders(await next(), locals);
});

// The region whose public pages this request shows (region/site.ts). Read from memory; a database
// that was never reachable gives the national pages, which still show the crisis numbers.
const region = defineMiddleware(async (context, next) => {
  if (context.locals.region !== undefined) return next(); // a rewrite passes through here again
  try {
    const site = await siteRegion(context.request.headers.get('host'), context.cookies.get(regionCookie())?.value);
    context.locals.region = site.region;
    context.locals.regionFromHost = site.fromHost;
  } catch (error) {
    console.error(`region: cannot read the regions: ${describeError(error)}`);
    context.locals.region = null;
    context.locals.regionFromHost = false;
  }
  return next();
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
    throw error;
  }
});

export const onRequest = sequence(locale, requestLimits, mapFailures, guardErrors, region, session);
