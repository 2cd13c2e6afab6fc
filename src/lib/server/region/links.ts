import { config } from '../config.ts';
import type { Region } from './queries.ts';

/**
 * The address of a region's own pages: its first host name (with the portal's scheme and port),
 * or, without one, the national address that chooses it for the visit.
 */
export function regionHome(region: Pick<Region, 'slug' | 'hostNames'>, origin = config().publicOrigin): string {
  const url = new URL(origin);
  const host = region.hostNames[0];
  if (host) {
    url.hostname = host;
    return `${url.origin}/`;
  }
  return `${url.origin}/regio/${encodeURIComponent(region.slug)}`;
}
