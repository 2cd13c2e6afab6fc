import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  conversationDuo,
  conversationProposals,
  conversationReminders,
  conversations,
  naasteInvitations,
  registrations,
  teamMembers,
} from '../db/schema/index.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import { logAccess } from '../audit/log.ts';
import { invalidateQueueTotal } from '../registrations/queue.ts';
import { memberSlots, placeOf, type SignupContext } from './context.ts';
import { duoOf, icsFor, link, momentLine, naasteEmail, placeText, send } from './mails.ts';
import { checkPlan, insertConversation, type PlanFailure } from './propose.ts';
import { canMove, checkProposals, conflictsWith, invitationExpiry, type DuoProblem } from './rules.ts';
import { bumpVersion, type Actor } from './version.ts';
import { duoNames } from './who-and-where.ts';
import { getT } from '../../i18n/index.ts';

export type ConfirmResult = { ok: true; conversationId: string } | { ok: false; reason: 'not_found' | 'conflict' | 'state' | 'invalid' | 'duo_changed' };

type Moment = { startsAt: Date; durationMinutes: number };

/** The open proposal of a sign-up with its duo's member ids. */
async function openConversation(db: Db, registrationId: string) {
  const [c] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.registrationId, registrationId), eq(conversations.status, 'proposed')));
  if (!c) return null;
  const duo = await db
    .select({ id: conversationDuo.teamMemberId, active: teamMembers.active })
    .from(conversationDuo)
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .where(eq(conversationDuo.conversationId, c.id));
  return { conversation: c, memberIds: duo.map((d) => d.id), allActive: duo.every((d) => d.active) };
}

/** The resident picks one of the proposed moments in /mijn. */
export async function pickMoment(db: Db, ctx: SignupContext, proposalId: string, now = new Date()): Promise<ConfirmResult> {
  const open = await openConversation(db, ctx.registration.id);
  if (!open) return { ok: false, reason: 'not_found' };
  const [p] = await db
    .select()
    .from(conversationProposals)
    .where(and(eq(conversationProposals.id, proposalId), eq(conversationProposals.conversationId, open.conversation.id)));
  if (!p) return { ok: false, reason: 'not_found' };
  if (p.startsAt <= now) return { ok: false, reason: 'invalid' };
  return confirm(db, ctx, open, { startsAt: p.startsAt, durationMinutes: p.durationMinutes }, { via: 'resident', actor: null, proposalId }, now);
}

/** "Telefonisch afgesproken": the planner records the moment agreed on the phone. */
export async function confirmByPhone(
  db: Db,
  actor: Actor,
  ctx: SignupContext,
  input: { seen: number; date: string; time: string; durationMinutes: number },
  now = new Date(),
): Promise<ConfirmResult> {
  const open = await openConversation(db, ctx.registration.id);
  if (!open) return { ok: false, reason: 'state' };
  const checked = checkProposals([input], now);
  if (!checked.ok) return { ok: false, reason: 'invalid' };
  return confirm(db, ctx, open, checked.moments[0]!, { via: 'phone', actor, seen: input.seen }, now);
}

export type AgreedResult = { ok: true; conversationId: string; warnings: DuoProblem[] } | PlanFailure | { ok: false; reason: 'state' };

/**
 * "Bel de inwoner" (planning mode `planner_calls`): the planner called the resident and records
 * the agreed moment with its duo. The checks of a proposal (checkPlan: follow-up limit, duo
 * requirement, clashes) and then the same confirmation as a resident's pick or a phone agreement
 * on a proposal: status, reminder, mails with the .ics, naaste invitation, access log. One
 * transaction, so nothing stays half-planned. Any sign-up may get this, whatever its planning
 * mode: the mode only says what the planner's page offers first. A sign-up with an agreed
 * moment still to come is moved, not planned twice: the planner cancels it first.
 */
export async function recordAgreedMoment(
  db: Db,
  actor: Actor,
  ctx: SignupContext,
  input: { seen: number; memberIds: string[]; date: string; time: string; durationMinutes: number },
  now = new Date(),
): Promise<AgreedResult> {
  const r = ctx.registration;
  const [upcoming] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.registrationId, r.id), eq(conversations.status, 'confirmed')));
  if (upcoming) return { ok: false, reason: 'state' };
  const plan = await checkPlan(db, ctx, input.memberIds, [input], now);
  if (!plan.ok) return plan;
  const moment = plan.moments[0]!;
  return db.transaction(async (tx) => {
    await bumpVersion(tx, r.id, input.seen, 'confirmed', actor.userId, actor.regionId);
    const c = await insertConversation(tx, actor, ctx, input.memberIds, moment.durationMinutes);
    const done = await confirmIn(tx, ctx, c, moment, { via: 'phone', actor }, now);
    return done.ok ? { ...done, warnings: plan.warnings } : done;
  });
}

type Open = NonNullable<Awaited<ReturnType<typeof openConversation>>>;
type How = { via: 'resident' | 'phone'; actor: Actor | null; seen?: number; proposalId?: string };

async function confirm(db: Db, ctx: SignupContext, open: Open, moment: Moment, how: How, now: Date): Promise<ConfirmResult> {
  const r = ctx.registration;
  const c = open.conversation;
  if (!canMove(c.status, 'confirmed')) return { ok: false, reason: 'state' };
  // The admin may switch a member off after the moments were proposed: the planner picks a new duo.
  if (!open.allActive) return { ok: false, reason: 'duo_changed' };
  const slot = { ...moment, place: placeOf(c), online: ctx.location?.kind === 'online' };
  const busy = await memberSlots(db, open.memberIds, moment.startsAt, moment.startsAt, c.id);
  if (conflictsWith(slot, busy, ctx.region.travelBufferMinutes).length) return { ok: false, reason: 'conflict' };
  return db.transaction(async (tx) => {
    await bumpVersion(tx, r.id, how.seen, 'confirmed', how.actor?.userId ?? null, how.actor?.regionId);
    return confirmIn(tx, ctx, c, moment, how, now);
  });
}

/** The confirmation itself, inside a transaction that already holds the sign-up's version lock. */
async function confirmIn(tx: Db, ctx: SignupContext, c: { id: string }, moment: Moment, how: How, now: Date): Promise<ConfirmResult> {
  const r = ctx.registration;
  const [confirmed] = await tx
    .update(conversations)
    .set({ status: 'confirmed', ...moment, confirmedVia: how.via, confirmedAt: now, version: sql`${conversations.version} + 1` })
    .where(and(eq(conversations.id, c.id), eq(conversations.status, 'proposed')))
    .returning();
  if (!confirmed) return { ok: false as const, reason: 'state' as const };
  if (how.proposalId) await tx.update(conversationProposals).set({ chosenAt: now }).where(eq(conversationProposals.id, how.proposalId));
  await tx.update(registrations).set({ status: 'planned' }).where(eq(registrations.id, r.id));
  const lead = ctx.region.reminderLeadHours * 3_600_000;
  await tx.insert(conversationReminders).values({ conversationId: c.id, recipient: 'resident', dueAt: new Date(moment.startsAt.getTime() - lead) });
  const full = { ...confirmed, startsAt: moment.startsAt };
  await mailEveryone(tx, ctx, full);
  await logAccess(tx, {
    actorId: how.actor?.userId ?? r.residentId,
    actorRole: how.actor?.role ?? 'resident',
    subjectId: r.residentId,
    object: `registration:${r.id}`,
    action: `planning.confirm.${how.via}` as const,
    authority: how.actor ? `role:${how.actor.role}` : 'self',
    ipPrefix: how.actor?.ipPrefix ?? null,
  });
  invalidateQueueTotal(r.regionId);
  return { ok: true as const, conversationId: c.id };
}

/** The resident, both members of the duo and an invited naaste each get the moment and an .ics. */
async function mailEveryone(tx: Db, ctx: SignupContext, c: { id: string; version: number; startsAt: Date; durationMinutes: number }) {
  const { email, lang, discreet } = ctx.resident;
  const lines = (l: string, forDuo = false, d = false) => [momentLine(l, c.startsAt, c.durationMinutes), placeText(ctx, l, { forDuo, discreet: d })];
  const duo = await duoOf(tx, c.id);
  // The resident learns who comes (issue 22, item 6); discreet mail names them without their roles.
  const withDuo = duo.length ? [getT(lang, 'planning')('who.mailLine', { names: duoNames(duo, lang, !discreet) })] : [];
  if (email)
    await send(tx, {
      region: ctx.region,
      to: email,
      lang,
      discreet,
      name: ctx.details.callName,
      template: 'conversationConfirmed',
      details: [...lines(lang, false, discreet), ...withDuo],
      link: link('/mijn', lang),
      ics: icsFor(ctx, c, lang, { discreet }),
    });
  for (const m of duo)
    await send(tx, {
      region: ctx.region,
      to: m.email,
      lang: m.lang,
      name: m.name,
      template: 'duoConfirmed',
      details: lines(m.lang, true),
      link: link('/team/gesprekken', m.lang),
      ics: icsFor(ctx, c, m.lang, { forDuo: true }),
    });
  const naaste = naasteEmail(ctx);
  if (ctx.details.naaste?.invite && naaste) {
    const token = generateToken();
    await tx
      .insert(naasteInvitations)
      .values({ conversationId: c.id, tokenHash: hashToken(token), expiresAt: invitationExpiry(c.startsAt, c.durationMinutes) });
    // The naaste learns who invites them and, for a home visit, whose home and where it is.
    await send(tx, {
      region: ctx.region,
      to: naaste,
      lang,
      discreet,
      name: ctx.details.naaste.name,
      sender: ctx.details.callName,
      template: 'naasteInvitation',
      details: [momentLine(lang, c.startsAt, c.durationMinutes), placeText(ctx, lang, { forNaaste: true, discreet })],
      link: link(`/naaste/${token}`, lang),
      ics: icsFor(ctx, c, lang, { forNaaste: true, discreet }),
    });
  }
}
