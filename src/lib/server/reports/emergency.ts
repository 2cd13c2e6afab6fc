import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations, reports } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from '../accounts/context.ts';
import { approvedVersions, type ApprovedVersion } from './resident.ts';

// Break-glass: an admin may read a sign-up's approved report only with a typed reason. The reason
// is kept sealed in the access log and shown to the resident in "wie keek" (/mijn/wie-keek). Only a
// sign-up of the region the admin works in: another region's reference answers like an unknown one.

export type EmergencyView = { reference: string; versions: ApprovedVersion[] };

export async function emergencyRead(
  db: Db,
  adminId: string,
  regionId: string,
  reference: string,
  reason: string,
  ctx: RequestContext,
): Promise<EmergencyView | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ report: reports, registration: registrations })
      .from(reports)
      .innerJoin(registrations, eq(registrations.id, reports.registrationId))
      .where(and(eq(registrations.reference, reference.toUpperCase()), eq(registrations.regionId, regionId)))
      .orderBy(desc(reports.createdAt))
      .limit(1);
    if (!row) return null;
    await logAccess(tx, {
      actorId: adminId,
      actorRole: 'admin',
      subjectId: row.registration.residentId,
      object: `report:${row.report.id}`,
      action: 'viewed',
      authority: 'emergency',
      ipPrefix: ctx.ipPrefix,
      typed: { reason },
    });
    return { reference: row.registration.reference, versions: await approvedVersions(tx, row.report.id) };
  });
}
