import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversations, registrations, teamMembers } from '../db/schema/index.ts';
import { loadSignup } from './context.ts';
import { duoInRegion } from './duo-scope.ts';
import { proposeMoments, type ProposeResult } from './propose.ts';
import { canPlanFollowUp, type ProposalInput } from './rules.ts';
import type { Actor } from './version.ts';
import { readSignupProfile } from '../../profile.ts';

// Issue 13: a second or third conversation can be planned by the duo itself. The same duo proposes
// moments under the planner's rules (proposeMoments: one to three, conflicts, travel buffer, the
// duo rule, the Amsterdam clock); only the two people of a held conversation of the sign-up may.

/** A cancelled or closed sign-up gets no follow-up; the resident signs up again instead. */
const stillOpen = (r: { status: string; closedAt: Date | null }) => r.status !== 'cancelled' && !r.closedAt;

/** The held conversation, if this user was in its duo in this region; anyone else gets nothing, like an unknown id. */
async function heldByMe(db: Db, userId: string, regionId: string, conversationId: string) {
  const [row] = await db
    .select({ c: conversations })
    .from(conversations)
    .innerJoin(conversationDuo, eq(conversationDuo.conversationId, conversations.id))
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.status, 'held'), duoInRegion(userId, regionId)));
  return row?.c ?? null;
}

export type FollowUpResult = ProposeResult | { ok: false; reason: 'not_found' | 'state' };

/** `seen`: the sign-up's planning version the duo member looked at (a stale one throws StaleVersion). */
export async function proposeFollowUp(
  db: Db,
  actor: Actor,
  input: { conversation: string; seen: number; moments: ProposalInput[] },
  now = new Date(),
): Promise<FollowUpResult> {
  const held = actor.regionId ? await heldByMe(db, actor.userId, actor.regionId, input.conversation) : null;
  const ctx = held ? await loadSignup(db, held.registrationId, held.regionId) : null;
  if (!held || !ctx) return { ok: false, reason: 'not_found' };
  const all = await db.select().from(conversations).where(eq(conversations.registrationId, held.registrationId));
  if (!canPlanFollowUp(all, ctx.profile) || !stillOpen(ctx.registration)) return { ok: false, reason: 'state' };
  const duo = await db
    .select({ id: conversationDuo.teamMemberId })
    .from(conversationDuo)
    .where(eq(conversationDuo.conversationId, held.id))
    .orderBy(asc(conversationDuo.teamMemberId));
  return proposeMoments(db, actor, ctx, { seen: input.seen, memberIds: duo.map((d) => d.id), moments: input.moments, authority: 'duo' }, now);
}

/**
 * The worker's held conversations whose sign-up may get a follow-up now (none open, fewer than
 * its rules allow): the latest held one per sign-up, with the version the form sends back.
 */
export async function followUpsToPlan(db: Db, userId: string, regionId: string) {
  const held = await db
    .select({
      c: conversations,
      reference: registrations.reference,
      residentId: registrations.residentId,
      version: registrations.planningVersion,
      profile: registrations.profile,
    })
    .from(conversations)
    .innerJoin(conversationDuo, eq(conversationDuo.conversationId, conversations.id))
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .innerJoin(registrations, eq(registrations.id, conversations.registrationId))
    .where(and(duoInRegion(userId, regionId), eq(conversations.status, 'held'), ne(registrations.status, 'cancelled'), isNull(registrations.closedAt)))
    .orderBy(asc(conversations.startsAt));
  if (held.length === 0) return [];
  const all = await db
    .select({ registrationId: conversations.registrationId, sequence: conversations.sequence, status: conversations.status })
    .from(conversations)
    .where(inArray(conversations.registrationId, [...new Set(held.map((h) => h.c.registrationId))]));
  const latest = new Map(held.map((h) => [h.c.registrationId, h]));
  // Each sign-up by its own rules: one begun under a limit of 0 never offers a follow-up.
  return [...latest.values()].filter((h) =>
    canPlanFollowUp(
      all.filter((c) => c.registrationId === h.c.registrationId),
      readSignupProfile(h.profile),
    ),
  );
}
