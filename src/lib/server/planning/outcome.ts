import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversations, planningRequests, registrations, teamMembers } from '../db/schema/index.ts';
import { seal } from '../crypto/seal.ts';
import { logAccess } from '../audit/log.ts';
import { invalidateQueueTotal } from '../registrations/queue.ts';
import { invalidateWaitingFigures } from './waiting.ts';
import type { SignupContext } from './context.ts';
import { getT } from '../../i18n/index.ts';
import { momentLine, tellDuo } from './mails.ts';
import { canMove, canPlanFollowUp, mayRecordOutcome } from './rules.ts';
import { bumpVersion, type Actor } from './version.ts';
import { duoInRegion } from './duo-scope.ts';

export type Outcome = 'held' | 'no_show' | 'cancelled';

/**
 * One of the duo records how it went. Only a member of this conversation's duo: anyone else gets
 * the same "not found" as for an unknown id. `seen` is the conversation's version they looked at.
 */
export async function recordOutcome(db: Db, actor: Actor, conversationId: string, outcome: Outcome, seen: number, now = new Date()) {
  if (!actor.regionId) return { ok: false as const, reason: 'not_found' as const };
  const [mine] = await db
    .select({ c: conversations, residentId: registrations.residentId })
    .from(conversations)
    .innerJoin(conversationDuo, eq(conversationDuo.conversationId, conversations.id))
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .innerJoin(registrations, eq(registrations.id, conversations.registrationId))
    .where(and(eq(conversations.id, conversationId), duoInRegion(actor.userId, actor.regionId)));
  if (!mine) return { ok: false as const, reason: 'not_found' as const };
  const c = mine.c;
  // Before the start, "held" or "not there" is untrue whatever version the form was made from.
  if (c.status === 'confirmed' && outcome !== 'cancelled' && !mayRecordOutcome(c.startsAt!, now))
    return { ok: false as const, reason: 'not_started' as const, status: c.status };
  if (c.version !== seen) return { ok: false as const, reason: 'stale' as const, status: c.status };
  if (!canMove(c.status, outcome)) return { ok: false as const, reason: 'state' as const, status: c.status };
  return db.transaction(async (tx) => {
    await bumpVersion(tx, c.registrationId, undefined, `outcome.${outcome}`, actor.userId, actor.regionId);
    const [done] = await tx
      .update(conversations)
      .set({
        status: outcome,
        outcomeAt: now,
        outcomeBy: actor.userId,
        version: sql`${conversations.version} + 1`,
        ...(outcome === 'cancelled' ? { cancelledAt: now } : {}),
      })
      .where(and(eq(conversations.id, c.id), eq(conversations.version, seen)))
      .returning();
    if (!done) return { ok: false as const, reason: 'stale' as const, status: c.status };
    if (outcome === 'held')
      await tx
        .update(registrations)
        .set({ status: 'held', firstConversationAt: sql`coalesce(${registrations.firstConversationAt}, ${c.startsAt!.toISOString()}::timestamptz)` })
        .where(eq(registrations.id, c.registrationId));
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      subjectId: mine.residentId,
      object: `registration:${c.registrationId}`,
      action: `planning.outcome.${outcome}` as const,
      authority: 'duo',
      ipPrefix: actor.ipPrefix,
    });
    invalidateWaitingFigures(c.regionId);
    invalidateQueueTotal(c.regionId);
    return { ok: true as const };
  });
}

/** The resident asks in /mijn for another moment, to move, or for a follow-up; planners see it on the sign-up. */
export async function askPlanners(db: Db, ctx: SignupContext, kind: 'other_moment' | 'move' | 'follow_up', message: string) {
  const all = await db.select().from(conversations).where(eq(conversations.registrationId, ctx.registration.id));
  if (kind === 'follow_up' && !canPlanFollowUp(all, ctx.profile)) return false;
  if (kind !== 'follow_up' && !all.some((c) => c.status === 'proposed' || c.status === 'confirmed')) return false;
  const current = all.find((c) => c.status === 'proposed' || c.status === 'confirmed');
  await db.transaction(async (tx) => {
    await bumpVersion(tx, ctx.registration.id, undefined, `request.${kind}`, ctx.registration.residentId);
    await tx.insert(planningRequests).values({
      registrationId: ctx.registration.id,
      conversationId: current?.id ?? null,
      kind,
      sealedMessage: message ? seal(JSON.stringify({ message })) : null,
    });
    const startsAt = current?.status === 'confirmed' ? current.startsAt : null;
    if (current && startsAt) await tellDuo(tx, current.id, (l) => [getT(l, 'planning')(`requests.${kind}`), momentLine(l, startsAt, current.durationMinutes)]);
  });
  return true;
}
