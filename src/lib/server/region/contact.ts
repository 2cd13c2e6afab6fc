import type { Region } from './queries.ts';

/** The values page texts interpolate ({{regionName}}, {{phone}} ...), from the region's settings. */
export function regionValues(region: Region | null): Record<string, string> {
  return {
    regionName: region?.name ?? '',
    phone: region?.contactPhone ?? '',
    email: region?.contactEmail ?? '',
    minAge: String(region?.minAge ?? 18),
    maxAge: String(region?.maxAge ?? 65),
  };
}
