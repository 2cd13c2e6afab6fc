import type { AstroCookies } from 'astro';
import { cookieName, cookieOptions } from '../http/cookies.ts';
import { hostName, regionDirectory } from './directory.ts';
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

/** Remembers the region for the rest of the visit; on a region's own host there is nothing to remember. */
export function rememberRegion(cookies: AstroCookies, region: Region, fromHost: boolean): void {
  if (fromHost) return;
  const { maxAge: _forTheVisitOnly, ...options } = cookieOptions(0);
  cookies.set(regionCookie(), region.slug, options);
}
