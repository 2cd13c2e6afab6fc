import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { regions } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { Actor } from '../planning/version.ts';
import { forgetRegions } from './directory.ts';

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
>;

/** The admin changes the region's planning settings; every page reads them fresh from the next request. */
export async function saveSettings(db: Db, actor: Actor, regionId: string, settings: RegionSettings): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(regions).set(settings).where(eq(regions.id, regionId));
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      object: 'region_settings',
      action: 'update',
      authority: 'role:admin',
      ipPrefix: actor.ipPrefix,
    });
  });
  forgetRegions();
}
