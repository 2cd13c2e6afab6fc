import { asc, eq, and, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accessLog, locations, registrations } from '../db/schema/index.ts';

type Reader = { userId: string; role: 'planner' | 'admin'; ipPrefix: string | null };

/**
 * The planner's queue, oldest first: no sealed details are opened here, but every sign-up shown
 * is still a look at someone's data, so each one is written to the access log.
 */
export async function listQueue(db: Db, regionId: string, reader: Reader, limit = 100) {
  const rows = await db
    .select({
      id: registrations.id,
      reference: registrations.reference,
      status: registrations.status,
      createdAt: registrations.createdAt,
      placeKind: registrations.placeKind,
      locationKind: locations.kind,
      language: registrations.language,
      interpreter: registrations.interpreter,
      source: registrations.source,
      residentId: registrations.residentId,
    })
    .from(registrations)
    .leftJoin(locations, eq(locations.id, registrations.locationId))
    .where(and(eq(registrations.regionId, regionId), inArray(registrations.status, ['received', 'contacted', 'planned'])))
    .orderBy(asc(registrations.createdAt))
    .limit(limit);
  if (rows.length > 0) {
    // One insert for the whole list rather than a round trip per row.
    await db.insert(accessLog).values(
      rows.map((r) => ({ actorId: reader.userId, actorRole: reader.role, subjectId: r.residentId, object: `registration:${r.id}`, action: 'registration.listed', authority: `role:${reader.role}`, ipPrefix: reader.ipPrefix })),
    );
  }
  return rows;
}

export const waitingDays = (createdAt: Date, now = new Date()): number => Math.floor((now.getTime() - createdAt.getTime()) / 86_400_000);
