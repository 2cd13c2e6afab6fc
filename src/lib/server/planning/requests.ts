import { and, eq, exists, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { planningRequests, registrations } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { SignupContext } from './context.ts';
import type { Actor } from './version.ts';

/**
 * A planner marks what the resident asked (another moment, a move, a follow-up) as handled, so the
 * next planner does not act on it twice. Not a planning version change: no form of another planner
 * goes stale over it. False when the request is not open on this sign-up, or the sign-up left the
 * planner's region since it was read (the write is scoped too, not only the read).
 */
export async function markRequestHandled(db: Db, actor: Actor, ctx: SignupContext, requestId: string, now = new Date()): Promise<boolean> {
  const inRegion = actor.regionId
    ? exists(
        db
          .select({ id: registrations.id })
          .from(registrations)
          .where(and(eq(registrations.id, ctx.registration.id), eq(registrations.regionId, actor.regionId))),
      )
    : undefined;
  return db.transaction(async (tx) => {
    const [handled] = await tx
      .update(planningRequests)
      .set({ handledAt: now })
      .where(and(eq(planningRequests.id, requestId), eq(planningRequests.registrationId, ctx.registration.id), isNull(planningRequests.handledAt), inRegion))
      .returning({ kind: planningRequests.kind });
    if (!handled) return false;
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      subjectId: ctx.registration.residentId,
      object: `registration:${ctx.registration.id}`,
      action: `planning.request_handled.${handled.kind}` as const,
      authority: `role:${actor.role}`,
      ipPrefix: actor.ipPrefix,
    });
    return true;
  });
}
