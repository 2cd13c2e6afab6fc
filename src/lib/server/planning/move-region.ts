import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversations, regions, registrations, reports } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { invalidateQueueTotal } from '../registrations/queue.ts';
import { invalidateContactEstimate } from '../registrations/waiting.ts';
import { invalidateWaitingFigures } from './waiting.ts';
import { bumpVersion, type Actor } from './version.ts';

export type MoveResult =
  { ok: true; reference: string; to: { id: string; name: string } } | { ok: false; reason: 'not_found' | 'region' | 'planned' | 'report' };

/**
 * Issue 19: a resident who moved, or typed a wrong postcode, is moved by a planner (or admin) of the
 * region the sign-up is in to another active region. From then on only the new region's staff see
 * it: its conversations move along (they carry the region the duo queries read), and so does the
 * history of conversations held. A place from the old region's catalogue cannot follow (the new
 * region does not offer it): the sign-up says "somewhere else", to be agreed with the resident.
 * Refused while a conversation is proposed or confirmed: that duo and moment are the old region's;
 * and while a held conversation's report is not approved yet: its duo (of the old region) would no
 * longer reach it, and nobody in the new region may write it.
 * `seen`: the planning version the planner looked at (a stale one throws StaleVersion).
 */
export async function moveToRegion(db: Db, actor: Actor, registrationId: string, toRegionId: string, seen: number): Promise<MoveResult> {
  const from = actor.regionId;
  if (!from) return { ok: false, reason: 'not_found' };
  const result = await db.transaction(async (tx): Promise<MoveResult> => {
    const [r] = await tx
      .select({
        id: registrations.id,
        reference: registrations.reference,
        residentId: registrations.residentId,
        placeKind: registrations.placeKind,
        fromName: regions.name,
      })
      .from(registrations)
      .innerJoin(regions, eq(regions.id, registrations.regionId))
      .where(and(eq(registrations.id, registrationId), eq(registrations.regionId, from)));
    if (!r) return { ok: false, reason: 'not_found' };
    const [to] = await tx
      .select({ id: regions.id, name: regions.name })
      .from(regions)
      .where(and(eq(regions.id, toRegionId), eq(regions.active, true), ne(regions.id, from)));
    if (!to) return { ok: false, reason: 'region' };
    const open = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.registrationId, r.id), inArray(conversations.status, ['proposed', 'confirmed'])));
    if (open.length) return { ok: false, reason: 'planned' };
    const unfinished = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .leftJoin(reports, eq(reports.conversationId, conversations.id))
      .where(and(eq(conversations.registrationId, r.id), eq(conversations.status, 'held'), or(isNull(reports.id), ne(reports.status, 'approved'))));
    if (unfinished.length) return { ok: false, reason: 'report' };
    // Every planning change bumps the version: one planned since the check above makes this stale.
    // It locks the sign-up (still in the old region) until the move commits.
    await bumpVersion(tx, r.id, seen, 'moved_region', actor.userId, from);
    await tx
      .update(registrations)
      .set({ regionId: to.id, ...(r.placeKind === 'catalogue' ? { placeKind: 'other' as const, locationId: null } : {}) })
      .where(and(eq(registrations.id, r.id), eq(registrations.regionId, from)));
    await tx.update(conversations).set({ regionId: to.id }).where(eq(conversations.registrationId, r.id));
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      subjectId: r.residentId,
      object: `registration:${r.id}`,
      action: 'registration.moved_region',
      authority: `role:${actor.role}`,
      ipPrefix: actor.ipPrefix,
      detail: { from: r.fromName, to: to.name },
    });
    return { ok: true, reference: r.reference, to };
  });
  if (result.ok)
    for (const regionId of [from, toRegionId]) {
      invalidateQueueTotal(regionId);
      invalidateWaitingFigures(regionId);
      invalidateContactEstimate(regionId);
    }
  return result;
}
