import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from '../accounts/context.ts';
import { invalidateQueueTotal } from '../registrations/queue.ts';

type Reader = { userId: string; role: 'planner' | 'admin' };

// Another open sign-up with the same e-mail or phone (keyed hashes): a possible duplicate.
const duplicate = sql<boolean>`exists (
  select 1 from registrations o
  where o.region_id = ${registrations.regionId} and o.id <> ${registrations.id} and o.status <> 'cancelled'
    and ((${registrations.contactEmailHash} is not null and o.contact_email_hash = ${registrations.contactEmailHash})
      or (${registrations.contactPhoneHash} is not null and o.contact_phone_hash = ${registrations.contactPhoneHash})))`;

/** The statement behind listAwaiting: exported so a test can ask PostgreSQL how it runs it. */
export const awaitingQuery = (db: Db, regionId: string) =>
  db
    .select({
      id: registrations.id,
      reference: registrations.reference,
      createdAt: registrations.createdAt,
      residentId: registrations.residentId,
      contactPerson: registrations.contactPerson,
      partnerName: users.name,
      organisation: users.organisation,
      duplicate,
    })
    .from(registrations)
    .leftJoin(users, eq(users.id, registrations.partnerId))
    // source and confirmed_at repeat the predicate of registrations_awaiting_idx (region, created_at):
    // without them this list read every sign-up of the region on each /team view (30 ms at 100,000).
    .where(
      and(
        eq(registrations.regionId, regionId),
        eq(registrations.source, 'partner'),
        isNull(registrations.confirmedAt),
        eq(registrations.status, 'awaiting_confirmation'),
      ),
    )
    .orderBy(asc(registrations.createdAt))
    .limit(100);

/**
 * Partner sign-ups that wait for the resident, apart from the queue (nothing goes ahead without
 * the resident): who made it, for which organisation, whom to contact, a possible duplicate. Every
 * row shown is a look at someone's data: logged in one statement.
 */
export async function listAwaiting(db: Db, regionId: string, reader: Reader, ctx: RequestContext) {
  const rows = await awaitingQuery(db, regionId);
  await logAccess(
    db,
    rows.map((r) => ({
      actorId: reader.userId,
      actorRole: reader.role,
      subjectId: r.residentId,
      object: `registration:${r.id}`,
      action: 'registration.listed',
      authority: `role:${reader.role}`,
      ipPrefix: ctx.ipPrefix,
    })),
  );
  return rows;
}

/** "Telefonisch bevestigd": the planner spoke to the resident; the sign-up joins the queue. */
export async function confirmByPhone(db: Db, regionId: string, reader: Reader, registrationId: string, ctx: RequestContext): Promise<boolean> {
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(registrations)
      .set({ status: 'received', confirmedAt: new Date(), confirmationMethod: 'phone', confirmedById: reader.userId })
      .where(and(eq(registrations.id, registrationId), eq(registrations.regionId, regionId), eq(registrations.status, 'awaiting_confirmation')))
      .returning({ id: registrations.id, residentId: registrations.residentId });
    if (!row) return false;
    await logAccess(tx, {
      actorId: reader.userId,
      actorRole: reader.role,
      subjectId: row.residentId,
      object: `registration:${row.id}`,
      action: 'registration.confirmed_by_phone',
      authority: `role:${reader.role}`,
      ipPrefix: ctx.ipPrefix,
    });
    return true;
  });
  if (done) invalidateQueueTotal(regionId);
  return done;
}

export type SignupOrigin = {
  partnerName: string | null;
  organisation: string | null;
  contactPerson: 'resident' | 'partner';
  /** Only when the team contacts the partner for the resident (and the resident did not end that). */
  partnerEmail: string | null;
  accessRemoved: boolean;
};

/**
 * Who made a partner's sign-up and whom the team contacts, for its planning page; null for a
 * resident's own. The page that shows it writes the look to the access log. When the resident
 * ended the partner's access, the team contacts the resident and the partner's e-mail is not shown.
 */
export async function signupOrigin(
  db: Db,
  r: { partnerId: string | null; contactPerson: 'resident' | 'partner'; partnerAccessRemovedAt: Date | null; source: string },
): Promise<SignupOrigin | null> {
  if (r.source !== 'partner') return null;
  const [p] = r.partnerId
    ? await db.select({ name: users.name, organisation: users.organisation, email: users.email }).from(users).where(eq(users.id, r.partnerId))
    : [];
  const accessRemoved = !!r.partnerAccessRemovedAt;
  const contactPerson = accessRemoved || !p ? 'resident' : r.contactPerson;
  return {
    partnerName: p?.name ?? null,
    organisation: p?.organisation ?? null,
    contactPerson,
    partnerEmail: contactPerson === 'partner' ? (p?.email ?? null) : null,
    accessRemoved,
  };
}
