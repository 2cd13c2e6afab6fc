import { and, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { locations, registrations } from '../db/schema/index.ts';
import { unseal } from '../crypto/seal.ts';
import { preparedFor } from '../db/prepared.ts';

export type Registration = typeof registrations.$inferSelect;
export type RegistrationDetails = {
  callName: string;
  postcode: string;
  contact: { email?: string; phone?: string; bestTimes?: string; voicemail: boolean; sms: boolean; senderNamed: boolean };
  topic: string | null;
  help: string | null;
  address: string | null;
  otherPlace: string | null;
  naaste: { name: string; relation: string | null; contact: string | null; invite: boolean } | null;
  otherLanguage: string | null;
  accessibility: string | null;
};

export const openDetails = (r: Registration): RegistrationDetails => JSON.parse(unseal(r.sealedDetails)) as RegistrationDetails;

/** A resident's own sign-ups, newest first: the query is scoped to them, not filtered afterwards. */
export async function listForResident(db: Db, residentId: string) {
  return ownSignups(db).execute({ residentId });
}

// Read on every view of /mijn: built once, not per request.
const ownSignups = preparedFor((db) =>
  db
    .select({ registration: registrations, location: { name: locations.name, names: locations.names } })
    .from(registrations)
    .leftJoin(locations, eq(locations.id, registrations.locationId))
    .where(eq(registrations.residentId, sql.placeholder('residentId')))
    .orderBy(desc(registrations.createdAt))
    .prepare('own_signups'),
);

/** Days between sign-up and first contact, over the last 90 days: the input of the honest estimate. */
export async function recentContactDays(db: Db, regionId: string, now = new Date()): Promise<number[]> {
  const since = new Date(now.getTime() - 90 * 24 * 60 * 60_000);
  const rows = await db
    .select({ days: sql<number>`extract(epoch from (${registrations.firstContactAt} - ${registrations.createdAt})) / 86400` })
    .from(registrations)
    .where(and(eq(registrations.regionId, regionId), isNotNull(registrations.firstContactAt), gte(registrations.createdAt, since)));
  return rows.map((r) => Number(r.days));
}
