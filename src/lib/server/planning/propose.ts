import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversationProposals, conversations } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { loadMembers, memberSlots, placeOf, type SignupContext } from './context.ts';
import { link, momentLine, send } from './mails.ts';
import { checkDuo, checkProposals, conflictsWith, mayPlanAnother, type DuoProblem, type ProposalInput, type ProposalProblem } from './rules.ts';
import { bumpVersion, type Actor } from './version.ts';

export type PlanFailure = {
  ok: false;
  duo?: DuoProblem[];
  proposals?: { index: number; problem: ProposalProblem }[];
  conflicts?: { index: number; memberId: string }[];
  /** The sign-up had all the conversations its rules allow. */
  limit?: true;
};
export type ProposeResult = { ok: true; conversationId: string; version: number; warnings: DuoProblem[] } | PlanFailure;
type Moment = { startsAt: Date; durationMinutes: number };

/**
 * What every planned moment passes before anything is written, whether the resident picks it later
 * or it was agreed on the phone: the follow-up limit and duo requirement of the sign-up's own rules
 * (never the region's current ones), one to three moments, and no clash for either member (with the
 * travel buffer).
 */
export async function checkPlan(
  db: Db,
  ctx: SignupContext,
  memberIds: string[],
  input: ProposalInput[],
  now: Date,
): Promise<PlanFailure | { ok: true; moments: Moment[]; warnings: DuoProblem[] }> {
  const r = ctx.registration;
  const all = await db.select().from(conversations).where(eq(conversations.registrationId, r.id));
  if (!mayPlanAnother(all, ctx.profile)) return { ok: false, limit: true };
  const members = await loadMembers(db, r.regionId, memberIds);
  const duo = checkDuo(members.length === memberIds.length ? members : [], ctx.profile.duoRequirement, ctx.profile.duoRule);
  const proposals = checkProposals(input, now);
  if (!duo.ok || !proposals.ok) return { ok: false, ...(duo.ok ? {} : { duo: duo.errors }), ...(proposals.ok ? {} : { proposals: proposals.problems }) };
  const online = ctx.location?.kind === 'online';
  const place = placeOf({ placeKind: r.placeKind, locationId: r.locationId, registrationId: r.id });
  const times = proposals.moments.map((m) => m.startsAt);
  const busy = await memberSlots(db, memberIds, new Date(Math.min(...times.map(Number))), new Date(Math.max(...times.map(Number))));
  const conflicts = proposals.moments.flatMap((m, index) =>
    conflictsWith({ ...m, place, online }, busy, ctx.region.travelBufferMinutes).map((b) => ({ index, memberId: (b as (typeof busy)[number]).memberId })),
  );
  if (conflicts.length) return { ok: false, conflicts };
  return { ok: true, moments: proposals.moments, warnings: duo.warnings };
}

/**
 * A new conversation of the sign-up with its duo, still `proposed`; an open proposal is replaced.
 * Called in a transaction that holds the sign-up's version lock.
 */
export async function insertConversation(tx: Db, actor: Actor, ctx: SignupContext, memberIds: string[], durationMinutes: number) {
  const r = ctx.registration;
  await tx.delete(conversations).where(and(eq(conversations.registrationId, r.id), eq(conversations.status, 'proposed')));
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
      durationMinutes,
      placeKind: r.placeKind,
      locationId: r.locationId,
      plannedBy: actor.userId,
    })
    .returning();
  await tx.insert(conversationDuo).values(memberIds.map((teamMemberId) => ({ conversationId: c!.id, teamMemberId })));
  return c!;
}

/**
 * The planner proposes one to three moments with a duo (checkPlan); then the resident is mailed to
 * pick one in /mijn. A new proposal replaces an open one.
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
  const plan = await checkPlan(db, ctx, input.memberIds, input.moments, now);
  if (!plan.ok) return plan;

  return db.transaction(async (tx) => {
    const version = await bumpVersion(tx, r.id, input.seen, 'proposed', actor.userId, actor.regionId);
    const c = await insertConversation(tx, actor, ctx, input.memberIds, plan.moments[0]!.durationMinutes);
    await tx.insert(conversationProposals).values(plan.moments.map((m) => ({ conversationId: c.id, ...m })));
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
        name: ctx.details.callName,
        template: 'momentsProposed',
        details: plan.moments.map((m) => momentLine(lang, m.startsAt, m.durationMinutes)),
        link: link('/mijn', lang),
      });
    return { ok: true as const, conversationId: c.id, version, warnings: plan.warnings };
  });
}
