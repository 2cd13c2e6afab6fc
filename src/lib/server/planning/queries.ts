import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversationProposals, conversations, naasteInvitations, planningRequests, registrations, teamMembers } from '../db/schema/index.ts';
import { unseal } from '../crypto/seal.ts';
import { duoInRegion } from './duo-scope.ts';

/** A sign-up's conversations with duo, proposals and naaste answer, oldest first; the caller has scoped the sign-up. */
export async function conversationsOf(db: Db, registrationId: string) {
  return (await conversationsFor(db, [registrationId])).get(registrationId) ?? [];
}

export type ConversationView = Awaited<ReturnType<typeof conversationsOf>>[number];

/**
 * The same for several sign-ups at once (a resident's /mijn): four statements however many
 * sign-ups, not four per sign-up. The caller has scoped the ids.
 */
export async function conversationsFor(db: Db, registrationIds: string[]) {
  const rows = registrationIds.length
    ? await db.select().from(conversations).where(inArray(conversations.registrationId, registrationIds)).orderBy(asc(conversations.sequence))
    : [];
  const ids = rows.map((c) => c.id);
  const [duo, proposals, invitations] = ids.length
    ? await Promise.all([
        db
          .select({ conversationId: conversationDuo.conversationId, id: teamMembers.id, name: teamMembers.name, discipline: teamMembers.discipline })
          .from(conversationDuo)
          .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
          .where(inArray(conversationDuo.conversationId, ids)),
        db.select().from(conversationProposals).where(inArray(conversationProposals.conversationId, ids)).orderBy(asc(conversationProposals.startsAt)),
        db.select().from(naasteInvitations).where(inArray(naasteInvitations.conversationId, ids)),
      ])
    : [[], [], []];
  const withParts = (c: (typeof rows)[number]) => ({
    ...c,
    duo: duo.filter((d) => d.conversationId === c.id),
    proposals: proposals.filter((p) => p.conversationId === c.id),
    invitation: invitations.find((i) => i.conversationId === c.id) ?? null,
  });
  const bySignup = new Map(registrationIds.map((id) => [id, [] as ReturnType<typeof withParts>[]]));
  for (const c of rows) bySignup.get(c.registrationId)?.push(withParts(c));
  return bySignup;
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
 * Scoped in the query by the worker's own team membership in the region they work in now.
 */
export async function myConversations(db: Db, userId: string, regionId: string) {
  return db
    .select({ c: conversations, reference: registrations.reference, residentId: registrations.residentId })
    .from(conversations)
    .innerJoin(conversationDuo, eq(conversationDuo.conversationId, conversations.id))
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .innerJoin(registrations, eq(registrations.id, conversations.registrationId))
    .where(and(duoInRegion(userId, regionId), eq(conversations.status, 'confirmed')))
    .orderBy(asc(conversations.startsAt));
}
