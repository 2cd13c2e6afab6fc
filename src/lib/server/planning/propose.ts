import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversationProposals, conversations } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { loadMembers, memberSlots, placeOf, type SignupContext } from './context.ts';
import { link, momentLine, send } from './mails.ts';
import { checkDuo, checkProposals, conflictsWith, type DuoProblem, type ProposalInput, type ProposalProblem } from './rules.ts';
import { bumpVersion, type Actor } from './version.ts';

export type ProposeResult =
  | { ok: true; conversationId: string; version: number; warnings: DuoProblem[] }
  | { ok: false; duo?: DuoProblem[]; proposals?: { index: number; problem: ProposalProblem }[]; conflicts?: { index: number; memberId: string }[] };

/**
 * The planner proposes one to three moments with a duo. The duo is checked against the region's
 * rule and each moment against both members' confirmed conversations (with the travel buffer);
 * then the resident is mailed to pick one in /mijn. A new proposal replaces an open one.
 */
export async function proposeMoments(
  db: Db,
  actor: Actor,
  ctx: SignupContext,
  // authority: what the access log says the actor acted on; a planner's role, or "duo" for a follow-up.
  input: { seen: number; memberIds: string[]; moments: ProposalInput[]; acceptWarnings?: boolean; authority?: string },
  now = new Date(),
): Promise<ProposeResult> {
  const r = ctx.registration;
  const members = await loadMembers(db, r.regionId, input.memberIds);
  const duo = checkDuo(members.length === input.memberIds.length ? members : [], ctx.region.duoRule);
  const proposals = checkProposals(input.moments, now);
  if (!duo.ok || !proposals.ok) return { ok: false, ...(duo.ok ? {} : { duo: duo.errors }), ...(proposals.ok ? {} : { proposals: proposals.problems }) };
  const online = ctx.location?.kind === 'online';
  const place = placeOf({ placeKind: r.placeKind, locationId: r.locationId, registrationId: r.id });
  const times = proposals.moments.map((m) => m.startsAt);
  const busy = await memberSlots(db, input.memberIds, new Date(Math.min(...times.map(Number))), new Date(Math.max(...times.map(Number))));
  const conflicts = proposals.moments.flatMap((m, index) =>
    conflictsWith({ ...m, place, online }, busy, ctx.region.travelBufferMinutes).map((b) => ({ index, memberId: (b as (typeof busy)[number]).memberId })),
  );
  if (conflicts.length) return { ok: false, conflicts };

  return db.transaction(async (tx) => {
    const version = await bumpVersion(tx, r.id, input.seen, 'proposed', actor.userId, actor.regionId);
    // An open proposal is replaced; a confirmed one is moved through the same path ("move").
    const open = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.registrationId, r.id), eq(conversations.status, 'proposed')));
    for (const o of open) await tx.delete(conversations).where(eq(conversations.id, o.id));
    const [{ last } = { last: 0 }] = await tx
      .select({ last: max(conversations.sequence) })
      .from(conversations)
      .where(eq(conversations.registrationId, r.id));
    const [c] = await tx
      .insert(conversations)
      .values({
        registrationId: r.id,
        regionId: r.regionId,
        sequence: (last ?? 0) + 1,
        durationMinutes: proposals.moments[0]!.durationMinutes,
        placeKind: r.placeKind,
        locationId: r.locationId,
        plannedBy: actor.userId,
      })
      .returning();
    await tx.insert(conversationDuo).values(input.memberIds.map((teamMemberId) => ({ conversationId: c!.id, teamMemberId })));
    await tx.insert(conversationProposals).values(proposals.moments.map((m) => ({ conversationId: c!.id, ...m })));
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      subjectId: r.residentId,
      object: `registration:${r.id}`,
      action: 'planning.propose',
      authority: input.authority ?? `role:${actor.role}`,
      ipPrefix: actor.ipPrefix,
    });
    const { email, lang, discreet } = ctx.resident;
    if (email)
      await send(tx, {
        region: ctx.region,
        to: email,
        lang,
        discreet,
        template: 'momentsProposed',
        details: proposals.moments.map((m) => momentLine(lang, m.startsAt, m.durationMinutes)),
        link: link('/mijn', lang),
      });
    return { ok: true as const, conversationId: c!.id, version, warnings: duo.warnings };
  });
}
