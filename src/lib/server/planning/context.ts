import { and, between, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversations, locations, regions, registrations, teamMembers, users } from '../db/schema/index.ts';
import { openDetails, type RegistrationDetails } from '../registrations/queries.ts';
import { isDiscreet } from '../registrations/mails.ts';
import { readSignupProfile, type SignupProfile } from '../../profile.ts';
import type { Member, Slot } from './rules.ts';

export type SignupContext = {
  registration: typeof registrations.$inferSelect;
  details: RegistrationDetails;
  region: typeof regions.$inferSelect;
  location: typeof locations.$inferSelect | null;
  /** The rules the sign-up started with (duo, follow-ups, planning mode): never the region's current ones. */
  profile: SignupProfile;
  resident: { email: string | null; lang: string; discreet: boolean };
};

/** A sign-up with what planning needs around it; null when it is not in this region (404 like an unknown id). */
export async function loadSignup(db: Db, registrationId: string, regionId?: string): Promise<SignupContext | null> {
  const [row] = await db
    .select({ registration: registrations, region: regions, location: locations, user: { email: users.email, language: users.language } })
    .from(registrations)
    .innerJoin(regions, eq(regions.id, registrations.regionId))
    .leftJoin(locations, eq(locations.id, registrations.locationId))
    .leftJoin(users, eq(users.id, registrations.residentId))
    .where(and(eq(registrations.id, registrationId), regionId ? eq(registrations.regionId, regionId) : sql`true`));
  if (!row) return null;
  const details = openDetails(row.registration);
  return {
    registration: row.registration,
    details,
    region: row.region,
    location: row.location,
    profile: readSignupProfile(row.registration.profile),
    resident: { email: details.contact.email ?? row.user?.email ?? null, lang: row.user?.language ?? 'nl', discreet: isDiscreet(details.contact) },
  };
}

/** Members of one region by id, as the duo rules see them. */
export async function loadMembers(db: Db, regionId: string, ids: string[]): Promise<(Member & { name: string; email: string; userId: string | null })[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.regionId, regionId), inArray(teamMembers.id, ids)));
  // Keep the order and the repeats the planner chose, so "the same person twice" is seen by the rule.
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}

/** Where a conversation is, for the travel buffer: one place per location, each home its own. */
export const placeOf = (c: { placeKind: string; locationId: string | null; registrationId: string }) => c.locationId ?? `${c.placeKind}:${c.registrationId}`;

/** The confirmed conversations of these members around a time window, as slots. */
export async function memberSlots(db: Db, memberIds: string[], from: Date, to: Date, except?: string): Promise<(Slot & { memberId: string })[]> {
  if (memberIds.length === 0) return [];
  const day = 86_400_000;
  const rows = await db
    .select({ memberId: conversationDuo.teamMemberId, c: conversations, kind: locations.kind })
    .from(conversationDuo)
    .innerJoin(conversations, eq(conversations.id, conversationDuo.conversationId))
    .leftJoin(locations, eq(locations.id, conversations.locationId))
    .where(
      and(
        inArray(conversationDuo.teamMemberId, memberIds),
        eq(conversations.status, 'confirmed'),
        between(conversations.startsAt, new Date(from.getTime() - day), new Date(to.getTime() + day)),
        except ? ne(conversations.id, except) : undefined,
      ),
    );
  return rows.map((r) => ({
    memberId: r.memberId,
    startsAt: r.c.startsAt!,
    durationMinutes: r.c.durationMinutes,
    place: placeOf(r.c),
    online: r.kind === 'online',
  }));
}
