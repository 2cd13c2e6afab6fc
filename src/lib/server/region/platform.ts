import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { regions } from '../db/schema/index.ts';
import { logAccess, type AccessEntry } from '../audit/log.ts';
import type { RegionChanges, RegionFields } from '../../schemas/platform.ts';
import { config } from '../config.ts';
import { forgetRegions, hostName } from './directory.ts';
import { findConflict, type Conflict } from './platform-rules.ts';
import { presets } from '../../profile.ts';

// Landelijk beheer makes, changes and switches regions. Postcode areas and host names decide which
// region a resident or a site is in, and an array column cannot carry a constraint across rows, so
// every change takes a lock on the table, reads what the other regions claim and writes in the same
// transaction: two platform admins adding the same area at once get one region and one clear
// message, never two regions with the area. SHARE ROW EXCLUSIVE conflicts with itself and with
// writers, not with readers: pages keep reading regions while a change waits its turn.

export type PlatformActor = { userId: string; ipPrefix: string | null };

export type RegionChangeResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'conflict'; conflict: Conflict }
  | { ok: false; reason: 'slug' }
  | { ok: false; reason: 'nationalHost'; host: string }
  | { ok: false; reason: 'notFound' };

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function claimsUnderLock(tx: Tx) {
  await tx.execute(sql`lock table ${regions} in share row exclusive mode`);
  return tx
    .select({
      id: regions.id,
      slug: regions.slug,
      name: regions.name,
      active: regions.active,
      postcodeAreas: regions.postcodeAreas,
      hostNames: regions.hostNames,
    })
    .from(regions);
}

/** The portal's own address shows the national pages: a region that claimed it would take them over. */
const nationalHost = () => hostName(new URL(config().publicOrigin).host);
const claimsNational = (hosts: readonly string[]) => hosts.find((h) => h === nationalHost());

const logEntry = (actor: PlatformActor, regionId: string, action: string, detail: Record<string, string | number | boolean>): AccessEntry => ({
  actorId: actor.userId,
  actorRole: 'platform',
  object: `region:${regionId}`,
  action,
  authority: 'role:platform',
  ipPrefix: actor.ipPrefix,
  detail,
});

/** What a region claims, in words for the access log. */
const claimsInWords = (r: Pick<RegionFields, 'name' | 'postcodeAreas' | 'hostNames'>) => ({
  name: r.name,
  postcodeAreas: r.postcodeAreas.join(' '),
  hostNames: r.hostNames.join(' '),
});

/** A new region, switched on: from now on its postcode areas sign up there. */
export async function createRegion(db: Db, actor: PlatformActor, fields: RegionFields): Promise<RegionChangeResult> {
  const national = claimsNational(fields.hostNames);
  if (national) return { ok: false, reason: 'nationalHost', host: national };
  const result = await db.transaction(async (tx): Promise<RegionChangeResult> => {
    const claims = await claimsUnderLock(tx);
    if (claims.some((r) => r.slug === fields.slug)) return { ok: false, reason: 'slug' };
    const conflict = findConflict(claims, { id: '', active: true, postcodeAreas: fields.postcodeAreas, hostNames: fields.hostNames });
    if (conflict) return { ok: false, reason: 'conflict', conflict };
    const { preset, ...own } = fields;
    // The practice it starts from: its way of working and the columns that go with it (ages, length, duo rule).
    const [row] = await tx
      .insert(regions)
      .values({ ...own, ...presets[preset].columns, profile: presets[preset].profile })
      .returning({ id: regions.id });
    await logAccess(tx, logEntry(actor, row!.id, 'region.created', { slug: fields.slug, preset, ...claimsInWords(fields) }));
    return { ok: true, id: row!.id };
  });
  if (result.ok) forgetRegions();
  return result;
}

/** Changes a region's name, contact, postcode areas and host names; its settings stay the region admin's. */
export async function updateRegion(db: Db, actor: PlatformActor, regionId: string, changes: RegionChanges): Promise<RegionChangeResult> {
  const national = claimsNational(changes.hostNames);
  if (national) return { ok: false, reason: 'nationalHost', host: national };
  const result = await db.transaction(async (tx): Promise<RegionChangeResult> => {
    const claims = await claimsUnderLock(tx);
    const own = claims.find((r) => r.id === regionId);
    if (!own) return { ok: false, reason: 'notFound' };
    const conflict = findConflict(claims, { id: regionId, active: own.active, postcodeAreas: changes.postcodeAreas, hostNames: changes.hostNames });
    if (conflict) return { ok: false, reason: 'conflict', conflict };
    await tx.update(regions).set(changes).where(eq(regions.id, regionId));
    await logAccess(tx, logEntry(actor, regionId, 'region.changed', { ...claimsInWords(changes), contact: `${changes.contactPhone} ${changes.contactEmail}` }));
    return { ok: true, id: regionId };
  });
  if (result.ok) forgetRegions();
  return result;
}

/**
 * Switches a region off (no new sign-ups, its host shows the national pages; every row stays, and
 * its residents keep /mijn) or on again. On again claims its postcode areas once more, so it is
 * checked like a new region: another region may have taken an area over meanwhile.
 */
export async function setRegionActive(db: Db, actor: PlatformActor, regionId: string, active: boolean): Promise<RegionChangeResult> {
  const result = await db.transaction(async (tx): Promise<RegionChangeResult> => {
    const claims = await claimsUnderLock(tx);
    const own = claims.find((r) => r.id === regionId);
    if (!own) return { ok: false, reason: 'notFound' };
    const conflict = active ? findConflict(claims, { ...own, active: true }) : null;
    if (conflict) return { ok: false, reason: 'conflict', conflict };
    await tx.update(regions).set({ active }).where(eq(regions.id, regionId));
    await logAccess(tx, logEntry(actor, regionId, active ? 'region.switched_on' : 'region.switched_off', { name: own.name }));
    return { ok: true, id: regionId };
  });
  if (result.ok) forgetRegions();
  return result;
}
