import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversations, registrations, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from '../accounts/context.ts';
import { openDetails } from '../registrations/queries.ts';
import { partnerSeesPlanned, statusForPartner, type PartnerStatus } from './rules.ts';

export type PartnerRow = {
  id: string;
  reference: string;
  firstName: string;
  status: PartnerStatus;
  createdAt: Date;
  awaiting: boolean;
  /** The confirmed conversation's date and time, only when the resident allows it (rules.ts). */
  plannedAt: Date | null;
};

/**
 * The sign-ups this partner made in the region they work in now, newest first, with only what the
 * partner may see: reference, first name, status and (when the resident allows it) the planned
 * date. Scoped in the query; each one shown is written to the access log (as the partner's or
 * the referrer's look, `role`). A sign-up moved to another region leaves the list with it.
 */
export async function listForPartner(
  db: Db,
  partnerId: string,
  regionId: string,
  ctx: RequestContext,
  role: 'partner' | 'referrer' = 'partner',
): Promise<PartnerRow[]> {
  const rows = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.partnerId, partnerId), eq(registrations.regionId, regionId), isNull(registrations.partnerAccessRemovedAt)))
    .orderBy(desc(registrations.createdAt))
    .limit(200);
  const planned = await confirmedMoments(
    db,
    rows.filter(partnerSeesPlanned).map((r) => r.id),
  );
  const shown = rows.flatMap((r) => {
    const status = statusForPartner(r);
    if (!status) return [];
    // Only the first word of the name: the partner needs to recognise the person, no more.
    const firstName = openDetails(r).callName.split(/\s+/)[0] ?? '';
    const plannedAt = (partnerSeesPlanned(r) && planned.get(r.id)) || null;
    return [{ id: r.id, reference: r.reference, firstName, status, createdAt: r.createdAt, awaiting: r.status === 'awaiting_confirmation', plannedAt }];
  });
  // Every row shown is a look at someone's sign-up: one insert for the page, not one per row.
  const residents = new Map(rows.map((r) => [r.id, r.residentId]));
  await logAccess(
    db,
    shown.map((r) => ({
      actorId: partnerId,
      actorRole: role,
      subjectId: residents.get(r.id)!,
      object: `registration:${r.id}`,
      action: 'registration.listed_for_partner',
      authority: 'partner:own_signup',
      ipPrefix: ctx.ipPrefix,
    })),
  );
  return shown;
}

/**
 * The confirmed conversation's start per sign-up (the latest one when a follow-up is planned);
 * only the time is read, never the place or the duo. Reads conversations by registration id.
 */
async function confirmedMoments(db: Db, registrationIds: string[]): Promise<Map<string, Date>> {
  if (registrationIds.length === 0) return new Map();
  const rows = await db
    .select({ registrationId: conversations.registrationId, startsAt: conversations.startsAt })
    .from(conversations)
    .where(and(inArray(conversations.registrationId, registrationIds), eq(conversations.status, 'confirmed')))
    .orderBy(asc(conversations.sequence));
  return new Map(rows.flatMap((c) => (c.startsAt ? [[c.registrationId, c.startsAt] as const] : [])));
}

/** One of this partner's sign-ups in their working region that still waits for the resident; null (404) for anything else. */
export async function findAwaitingForPartner(db: Db, partnerId: string, regionId: string, registrationId: string) {
  const [r] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.id, registrationId),
        eq(registrations.partnerId, partnerId),
        eq(registrations.regionId, regionId),
        eq(registrations.status, 'awaiting_confirmation'),
        isNull(registrations.partnerAccessRemovedAt),
      ),
    );
  return r ?? null;
}

/**
 * Who signed this resident up, for /mijn; null when no partner (or access was removed). A referral
 * names the practice the referrer gave for it.
 */
export async function partnerOf(
  db: Db,
  registration: { partnerId: string | null; partnerAccessRemovedAt: Date | null; referrerPractice?: string | null | undefined },
) {
  if (!registration.partnerId || registration.partnerAccessRemovedAt) return null;
  const [p] = await db.select({ name: users.name, organisation: users.organisation }).from(users).where(eq(users.id, registration.partnerId));
  return p ? { ...p, organisation: registration.referrerPractice || p.organisation } : null;
}

/** "Toegang van de partner stoppen": one step, the resident's own sign-up only. */
export async function removePartnerAccess(db: Db, residentId: string, registrationId: string, ctx: RequestContext): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(registrations)
      .set({ partnerAccessRemovedAt: new Date(), partnerInformed: false })
      .where(and(eq(registrations.id, registrationId), eq(registrations.residentId, residentId), isNull(registrations.partnerAccessRemovedAt)))
      .returning({ id: registrations.id, partnerId: registrations.partnerId });
    if (!row?.partnerId) return false;
    await logAccess(tx, {
      actorId: residentId,
      actorRole: 'resident',
      subjectId: residentId,
      object: `registration:${row.id}`,
      action: 'registration.partner_access_removed',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
      detail: { partner: row.partnerId },
    });
    return true;
  });
}
