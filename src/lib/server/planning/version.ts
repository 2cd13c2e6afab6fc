import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { planningEvents, registrations } from '../db/schema/index.ts';

/** Who acts, in which role, from where; `regionId` is the region a partner or team member works in (null for a resident). */
export type Actor = { userId: string; role: string; ipPrefix: string | null; regionId?: string | null };

/** What another planner did since the version this one saw: shown instead of overwriting it. */
export class StaleVersion extends Error {
  readonly changes: { kind: string; at: Date }[];
  constructor(changes: { kind: string; at: Date }[]) {
    super('the sign-up changed since it was read');
    this.changes = changes;
  }
}

/**
 * The optimistic lock of a sign-up's planning: the change counts only if nobody changed the sign-up
 * since `seen`. Called first in the transaction, so the row stays locked until the change commits.
 * `seen` undefined: the resident or a scheduled job acts, who always act on what is there now.
 * `regionId`: the region a planner or duo member works in; the change counts only while the sign-up
 * is still there, so a move to another region between their read and this write stops it (the
 * move's own event is then among the changes shown).
 */
export async function bumpVersion(
  tx: Db,
  registrationId: string,
  seen: number | undefined,
  kind: string,
  actorId: string | null,
  regionId?: string | null,
): Promise<number> {
  const [row] = await tx
    .update(registrations)
    .set({ planningVersion: sql`${registrations.planningVersion} + 1` })
    .where(
      and(
        eq(registrations.id, registrationId),
        seen === undefined ? undefined : eq(registrations.planningVersion, seen),
        regionId ? eq(registrations.regionId, regionId) : undefined,
      ),
    )
    .returning({ version: registrations.planningVersion });
  if (!row) {
    const changes = await tx
      .select({ kind: planningEvents.kind, at: planningEvents.at })
      .from(planningEvents)
      .where(and(eq(planningEvents.registrationId, registrationId), gt(planningEvents.version, seen ?? 0)))
      .orderBy(asc(planningEvents.version));
    throw new StaleVersion(changes);
  }
  await tx.insert(planningEvents).values({ registrationId, version: row.version, kind, actorId });
  return row.version;
}
