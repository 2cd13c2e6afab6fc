import type { AstroCookies } from 'astro';
import { cookieName, cookieOptions } from '../http/cookies.ts';
import { hostName, regionDirectory, type Directory } from './directory.ts';
import type { Region } from './queries.ts';

// Which region the public pages of a request show. A region's own host name decides it outright;
// on any other host (the national one) the region the visitor chose for this visit does, by its
// postcode or from the list of regions; otherwise there is none, and the pages are national.
// The choice is a cookie for this visit only (no Max-Age): it holds a region's slug, nothing about
// the person, and the visitor asked for it, so it needs no consent banner.

export const regionCookie = () => cookieName('hog_regio');

export type SiteRegion = { region: Region | null; fromHost: boolean };

export async function siteRegion(host: string | null, chosenSlug: string | undefined): Promise<SiteRegion> {
  const directory = await regionDirectory();
  const own = directory.byHost.get(hostName(host));
  if (own) return { region: own, fromHost: true };
  const chosen = chosenSlug ? directory.bySlug.get(chosenSlug) : undefined;
  return { region: chosen?.active ? chosen : null, fromHost: false };
}

// The cookie as the page cache sees it: the only cookie of a visitor who chose a region.
const onlyRegionCookie = /^(?:__Host-)?hog_regio=([a-z0-9-]{1,60})$/;

/**
 * Which region's page a request without a session gets, decided without waiting (page cache):
 * the region's id, 'national', or null when it cannot be told yet (regions not read; other cookies).
 */
export function siteKey(directory: Directory | undefined, host: string | undefined, cookie: string | undefined): string | null {
  if (!directory) return null;
  const own = directory.byHost.get(hostName(host));
  if (own) return cookie ? null : own.id;
  if (!cookie) return 'national';
  const slug = onlyRegionCookie.exec(cookie.trim())?.[1];
  const chosen = slug ? directory.bySlug.get(slug) : undefined;
  return chosen?.active ? chosen.id : null;
}

/** Remembers the region for the rest of the visit; on a region's own host there is nothing to remember. */
export function rememberRegion(cookies: AstroCookies, region: Region, fromHost: boolean): void {
  if (fromHost) return;
  const { maxAge: _forTheVisitOnly, ...options } = cookieOptions(0);
  cookies.set(regionCookie(), region.slug, options);
}
