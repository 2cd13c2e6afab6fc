import { and, asc, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversations, registrations, teamMembers } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { Actor } from './version.ts';

// Switching a member off never changes a planned conversation by itself: the resident may already
// have the date. A planner re-plans it instead; these queries tell the admin and the planner which
// upcoming conversations still name a switched-off member.

export type DuoGap = {
  conversationId: string;
  registrationId: string;
  residentId: string | null;
  reference: string;
  startsAt: Date | null;
  memberId: string;
  memberName: string;
};

/** Proposed, or confirmed and not begun: a conversation whose duo can still be changed. */
const upcoming = (now: Date): SQL => or(eq(conversations.status, 'proposed'), and(eq(conversations.status, 'confirmed'), gt(conversations.startsAt, now)))!;

async function upcomingWith(db: Db, regionId: string, where: SQL, now: Date): Promise<DuoGap[]> {
  return db
    .select({
      conversationId: conversations.id,
      registrationId: conversations.registrationId,
      residentId: registrations.residentId,
      reference: registrations.reference,
      startsAt: conversations.startsAt,
      memberId: teamMembers.id,
      memberName: teamMembers.name,
    })
    .from(conversationDuo)
    .innerJoin(conversations, eq(conversations.id, conversationDuo.conversationId))
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .innerJoin(registrations, eq(registrations.id, conversations.registrationId))
    .where(and(eq(conversations.regionId, regionId), upcoming(now), where))
    .orderBy(asc(conversations.startsAt), asc(registrations.reference));
}

/** The upcoming conversations of one member (on or off): for the admin, before and after a switch. */
export const upcomingOfMember = (db: Db, regionId: string, memberId: string, now = new Date()) => upcomingWith(db, regionId, eq(teamMembers.id, memberId), now);

/** Of these sign-ups (or the whole region), the upcoming conversations that name a switched-off member. */
export const duoGaps = (db: Db, regionId: string, registrationIds?: string[], now = new Date()): Promise<DuoGap[]> =>
  registrationIds?.length === 0
    ? Promise.resolve([])
    : upcomingWith(
        db,
        regionId,
        and(eq(teamMembers.active, false), registrationIds ? inArray(conversations.registrationId, registrationIds) : undefined)!,
        now,
      );

/** The admin sees which sign-ups (by reference) a member is planned into: each one a look, in the access log. */
export async function logGapsShown(db: Db, actor: Actor, gaps: DuoGap[]): Promise<void> {
  const signups = new Map(gaps.map((g) => [g.registrationId, g.residentId]));
  await logAccess(
    db,
    [...signups].map(([registrationId, residentId]) => ({
      actorId: actor.userId,
      actorRole: actor.role,
      // The resident's own "wie keek" list is read by subject: without it this look would not show there.
      subjectId: residentId,
      object: `registration:${registrationId}`,
      action: 'registration.listed',
      authority: `role:${actor.role}`,
      ipPrefix: actor.ipPrefix,
    })),
  );
}
