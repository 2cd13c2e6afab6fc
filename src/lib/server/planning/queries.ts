import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversationProposals, conversations, naasteInvitations, planningRequests, registrations, teamMembers } from '../db/schema/index.ts';
import { unseal } from '../crypto/seal.ts';

/** A sign-up's conversations with duo, proposals and naaste answer, oldest first; the caller has scoped the sign-up. */
export async function conversationsOf(db: Db, registrationId: string) {
  const rows = await db.select().from(conversations).where(eq(conversations.registrationId, registrationId)).orderBy(asc(conversations.sequence));
  const ids = rows.map((c) => c.id);
  if (ids.length === 0) return [];
  const duo = await db
    .select({ conversationId: conversationDuo.conversationId, id: teamMembers.id, name: teamMembers.name, discipline: teamMembers.discipline })
    .from(conversationDuo)
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .where(inArray(conversationDuo.conversationId, ids));
  const proposals = await db
    .select()
    .from(conversationProposals)
    .where(inArray(conversationProposals.conversationId, ids))
    .orderBy(asc(conversationProposals.startsAt));
  const invitations = await db.select().from(naasteInvitations).where(inArray(naasteInvitations.conversationId, ids));
  return rows.map((c) => ({
    ...c,
    duo: duo.filter((d) => d.conversationId === c.id),
    proposals: proposals.filter((p) => p.conversationId === c.id),
    invitation: invitations.find((i) => i.conversationId === c.id) ?? null,
  }));
}

/** What the resident asked and nobody handled yet, with their message opened. */
export async function openRequests(db: Db, registrationId: string) {
  const rows = await db
    .select()
    .from(planningRequests)
    .where(and(eq(planningRequests.registrationId, registrationId), isNull(planningRequests.handledAt)))
    .orderBy(desc(planningRequests.createdAt));
  return rows.map((r) => ({ ...r, message: r.sealedMessage ? (JSON.parse(unseal(r.sealedMessage)) as { message: string }).message : '' }));
}

/**
 * A HOG worker's conversations: upcoming confirmed ones, and past ones that still need an outcome.
 * Scoped in the query by the worker's own team membership.
 */
export async function myConversations(db: Db, userId: string) {
  return db
    .select({ c: conversations, reference: registrations.reference, residentId: registrations.residentId })
    .from(conversations)
    .innerJoin(conversationDuo, eq(conversationDuo.conversationId, conversations.id))
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .innerJoin(registrations, eq(registrations.id, conversations.registrationId))
    .where(and(eq(teamMembers.userId, userId), eq(conversations.status, 'confirmed')))
    .orderBy(asc(conversations.startsAt));
}
