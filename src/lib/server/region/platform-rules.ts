// The rules landelijk beheer keeps between regions, pure so they are tested without a database.
// The postcode decides a resident's region (directory.ts byArea) and the host decides a site's
// region (byHost): both must name exactly one region, or a resident could land in either.

export type RegionClaims = { id: string; name: string; active: boolean; postcodeAreas: readonly string[]; hostNames: readonly string[] };

export type Conflict = { kind: 'area' | 'host'; value: string; region: string };

/**
 * The first postcode area or host name that `candidate` would share with another region, or null.
 * Areas count only between active regions (a switched-off region takes no sign-ups, so its areas
 * are free for a region that takes them over); host names are unique across all regions, so
 * switching a region on again never finds its own address taken by another.
 */
export function findConflict(others: readonly RegionClaims[], candidate: Omit<RegionClaims, 'name'>): Conflict | null {
  for (const other of others) {
    if (other.id === candidate.id) continue;
    if (candidate.active && other.active) {
      const area = candidate.postcodeAreas.find((a) => other.postcodeAreas.includes(a));
      if (area) return { kind: 'area', value: area, region: other.name };
    }
    const host = candidate.hostNames.find((h) => other.hostNames.includes(h));
    if (host) return { kind: 'host', value: host, region: other.name };
  }
  return null;
}

/** Postcode areas as short runs for reading ("7001–7009, 7011"): 200 areas would not fit a table cell. */
export function areaRuns(areas: readonly string[]): string {
  const sorted = [...new Set(areas)].map(Number).sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return runs.join(', ');
}
