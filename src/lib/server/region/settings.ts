import { and, count, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations, regions } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { Actor } from '../planning/version.ts';
import { forgetRegions } from './directory.ts';
import { invalidateLocations } from '../locations/queries.ts';
import type { RegionProfile } from '../../profile.ts';

export type RegionSettings = Pick<
  typeof regions.$inferInsert,
  | 'minAge'
  | 'maxAge'
  | 'defaultDurationMinutes'
  | 'reminderLeadHours'
  | 'retentionDays'
  | 'closeAfterDays'
  | 'expectedContactDays'
  | 'travelBufferMinutes'
  | 'duoRule'
> & { profile: RegionProfile };

/** Saved; or not yet, because sign-ups are under way and the admin has not seen how many. */
export type SaveResult = { saved: true; affected: number } | { saved: false; affected: number };

/** Sign-ups still going on in the region (not cancelled, and not closed by housekeeping). */
export async function signupsUnderWay(db: Db, regionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.regionId, regionId), ne(registrations.status, 'cancelled'), isNull(registrations.closedAt)));
  return row?.n ?? 0;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The names of the settings that differ, for the access log (names only: no one's data). */
export function changedSettings(current: RegionSettings, next: RegionSettings): string[] {
  const keys = (Object.keys(next) as (keyof RegionSettings)[]).filter((k) => k !== 'profile' && !same(current[k], next[k]));
  const profileKeys = (Object.keys(next.profile) as (keyof RegionProfile)[]).filter((k) => !same(current.profile[k], next.profile[k]));
  return [...keys, ...profileKeys];
}

/**
 * The admin changes the region's settings. A sign-up keeps the rules it started with
 * (`registrations.profile`), so a change reaches only new sign-ups; still, while sign-ups are under
 * way the admin first sees how many and saves again with `confirmed`. Every page reads the new
 * settings from the next request.
 */
export async function saveSettings(db: Db, actor: Actor, regionId: string, settings: RegionSettings, confirmed = false): Promise<SaveResult> {
  const result = await db.transaction(async (tx): Promise<SaveResult> => {
    // Locked, so two admins saving at once are applied one after the other, each against what is there.
    const [current] = await tx.select().from(regions).where(eq(regions.id, regionId)).for('update');
    if (!current) throw new Error(`region ${regionId} is gone`);
    const changed = changedSettings({ ...current, profile: current.profile }, settings);
    const affected = await signupsUnderWay(tx, regionId);
    if (changed.length > 0 && affected > 0 && !confirmed) return { saved: false, affected };
    await tx.update(regions).set(settings).where(eq(regions.id, regionId));
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      object: 'region_settings',
      action: 'update',
      authority: 'role:admin',
      ipPrefix: actor.ipPrefix,
      detail: { region: regionId, changed: changed.join(' ') || 'none', signupsUnderWay: affected },
    });
    return { saved: true, affected };
  });
  if (result.saved) {
    forgetRegions();
    // The home page and the sign-up list the places of the kinds the region offers.
    invalidateLocations(regionId);
  }
  return result;
}
