import type { ActionAPIContext } from 'astro:actions';
import * as schemas from '../lib/schemas/planning.ts';
import { requireAction, requireActionInRegion } from '../lib/server/auth/guards.ts';
import type { ProtectedAction } from '../lib/server/auth/access.ts';
import { getDb, type Db } from '../lib/server/db/client.ts';
import { loadSignup } from '../lib/server/planning/context.ts';
import { recordContact } from '../lib/server/planning/contact.ts';
import { proposeMoments, type ProposeResult } from '../lib/server/planning/propose.ts';
import { proposeFollowUp } from '../lib/server/planning/follow-up.ts';
import { confirmByPhone, pickMoment, recordAgreedMoment } from '../lib/server/planning/confirm.ts';
import { answerInvitation, withdrawInvitation } from '../lib/server/planning/naaste.ts';
import { askPlanners, recordOutcome } from '../lib/server/planning/outcome.ts';
import { StaleVersion, type Actor } from '../lib/server/planning/version.ts';
import { markRequestHandled } from '../lib/server/planning/requests.ts';
import { moveToRegion } from '../lib/server/planning/move-region.ts';
import { addMember, addPlace } from '../lib/server/team/admin.ts';
import { addOffer } from '../lib/server/offers/queries.ts';
import { saveSettings } from '../lib/server/region/settings.ts';
import { settingsSchema } from '../lib/schemas/region-settings.ts';
import { settingsValues } from '../lib/region-settings-form.ts';
import { formAction, type FormHelpers } from './form.ts';
import { planningAdmin } from './planning-admin.ts';

// Thin: parse (formAction), authorize, call one planning function, answer. A stale version is a
// form failure that lists what changed, never an overwrite.
const actor = (context: ActionAPIContext, access: ProtectedAction): Actor => {
  const { user } = requireAction(context.locals, access);
  const role = (['admin', 'planner', 'worker', 'resident'] as const).find((r) => user.roles.includes(r)) ?? 'resident';
  return { userId: user.id, role, ipPrefix: context.locals.ipPrefix, regionId: user.regionId };
};

/** The sign-up in the planner's region, or none (an unknown id and one of another region look alike). */
async function signupInRegion(who: Actor, id: string) {
  return who.regionId ? loadSignup(getDb(), id, who.regionId) : null;
}

/** The resident's own sign-up only. */
async function ownSignup(residentId: string, id: string) {
  const ctx = await loadSignup(getDb(), id);
  return ctx && ctx.registration.residentId === residentId ? ctx : null;
}

async function stale<T>(fail: FormHelpers['fail'], work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StaleVersion) return fail('planning:errors.stale', '', { changes: error.changes.map((c) => c.kind).join(', ') });
    throw error;
  }
}

/** Work that answers nothing, run once: a kept answer has to be a value. */
const done = async (work: Promise<void>): Promise<true> => {
  await work;
  return true;
};

/** The moments a propose form filled in (one to three; an empty row is left out). */
const momentsOf = (input: Record<string, unknown> & { duration: number }) =>
  ([1, 2, 3] as const).flatMap((i) => {
    const date = input[`date${i}`] as string | undefined;
    const time = input[`time${i}`] as string | undefined;
    return date && time ? [{ date, time, durationMinutes: input.duration }] : [];
  });

/** A refused proposal: the first problem, on the field it belongs to (`members`: the form has duo fields). */
function proposalFailure(
  result: Extract<ProposeResult, { ok: false }>,
  fail: FormHelpers['fail'],
  members: boolean,
  fields: { member: string; date: (index: number) => string } = { member: 'memberB', date: (i) => `date${i + 1}` },
) {
  if (result.limit) return fail('planning:errors.follow_up_limit');
  // The duo's own follow-up has no duo to choose: a planner has to.
  if (result.duo && !members) return fail('planning:followUp.duoProblem');
  const first = result.duo?.[0] ?? result.proposals?.[0]?.problem ?? (result.conflicts?.length ? 'conflict' : 'invalid');
  const field = result.duo ? fields.member : fields.date(Math.max(0, result.proposals?.[0]?.index ?? 0));
  return fail(`planning:errors.${first}`, field);
}

export const planning = {
  contact: formAction(
    schemas.contactSchema,
    async (input, context, { fail, once }) => {
      const who = actor(context, 'planning.contact');
      if (!(await signupInRegion(who, input.registration))) return fail('planning:errors.notFound');
      // A double click is one contact, not a "someone else changed this" for the second post.
      const record = (db: Db) => recordContact(db, who, input.registration, input.version, input.note);
      return stale(fail, async () => ({ ok: true as const, ...(await once('planning.contact', who.userId, record, () => true)) }));
    },
    'planning.contact',
  ),

  propose: formAction(
    schemas.proposeSchema,
    async (input, context, { fail, once }) => {
      const who = actor(context, 'planning.propose');
      const ctx = await signupInRegion(who, input.registration);
      if (!ctx) return fail('planning:errors.notFound');
      const moments = momentsOf(input);
      const result = await stale(fail, () =>
        once(
          'planning.propose',
          who.userId,
          (db) => proposeMoments(db, who, ctx, { seen: input.version, memberIds: [input.memberA, input.memberB], moments }),
          (r) => r.ok,
        ),
      );
      if (!result.ok && 'errors' in result) return result;
      if (result.ok) return { ok: true as const, warnings: result.warnings };
      return proposalFailure(result, fail, true);
    },
    'planning.propose',
  ),

  /** A duo member proposes the follow-up of a conversation they held (authorized on the conversation). */
  proposeFollowUp: formAction(
    schemas.followUpSchema,
    async (input, context, { fail, once }) => {
      const who = actor(context, 'planning.proposeFollowUp');
      const result = await stale(fail, () =>
        once(
          'planning.proposeFollowUp',
          who.userId,
          (db) => proposeFollowUp(db, who, { conversation: input.conversation, seen: input.version, moments: momentsOf(input) }),
          (r) => r.ok,
        ),
      );
      if (!result.ok && 'errors' in result) return result;
      if (result.ok) return { ok: true as const, conversation: input.conversation, warnings: result.warnings };
      if ('reason' in result) return fail(`planning:errors.${result.reason === 'not_found' ? 'notFound' : 'state'}`);
      return proposalFailure(result, fail, false);
    },
    'planning.proposeFollowUp',
  ),

  confirmPhone: formAction(
    schemas.phoneSchema,
    async (input, context, { fail, once }) => {
      const who = actor(context, 'planning.confirmPhone');
      const ctx = await signupInRegion(who, input.registration);
      if (!ctx) return fail('planning:errors.notFound');
      const result = await stale(fail, () =>
        once(
          'planning.confirmPhone',
          who.userId,
          (db) => confirmByPhone(db, who, ctx, { seen: input.version, ...input, durationMinutes: input.duration }),
          (r) => r.ok,
        ),
      );
      if ('errors' in result) return result;
      return result.ok ? { ok: true as const } : fail(`planning:errors.${result.reason}`, 'date');
    },
    'planning.confirmPhone',
  ),

  /** "Bel de inwoner": the planner records the moment agreed on the phone, with its duo; confirmed at once. */
  recordAgreed: formAction(
    schemas.agreedSchema,
    async (input, context, { fail, once }) => {
      const who = actor(context, 'planning.recordAgreed');
      const ctx = await signupInRegion(who, input.registration);
      if (!ctx) return fail('planning:errors.notFound');
      const agreed = {
        seen: input.version,
        memberIds: [input.agreedA, input.agreedB],
        date: input.agreedDate,
        time: input.agreedTime,
        durationMinutes: input.agreedDuration,
      };
      const result = await stale(fail, () =>
        once(
          'planning.recordAgreed',
          who.userId,
          (db) => recordAgreedMoment(db, who, ctx, agreed),
          (r) => r.ok,
        ),
      );
      if (!result.ok && 'errors' in result) return result;
      if (result.ok) return { ok: true as const, warnings: result.warnings };
      if ('reason' in result) return fail('planning:errors.agreed_upcoming');
      return proposalFailure(result, fail, true, { member: 'agreedB', date: () => 'agreedDate' });
    },
    'planning.recordAgreed',
  ),

  handleRequest: formAction(
    schemas.handleRequestSchema,
    async (input, context, { fail }) => {
      const who = actor(context, 'planning.handleRequest');
      const ctx = await signupInRegion(who, input.registration);
      if (!ctx) return fail('planning:errors.notFound');
      return (await markRequestHandled(getDb(), who, ctx, input.request)) ? { ok: true as const } : fail('planning:errors.state');
    },
    'planning.handleRequest',
  ),

  /** The sign-up goes to another region; the domain function checks it is in the actor's region. */
  moveRegion: formAction(
    schemas.moveRegionSchema,
    async (input, context, { fail }) => {
      const who = actor(context, 'planning.moveRegion');
      const result = await stale(fail, () => moveToRegion(getDb(), who, input.registration, input.region, input.version));
      if (!result.ok && 'errors' in result) return result;
      if (result.ok) return { ok: true as const, reference: result.reference, region: result.to.name };
      if (result.reason === 'not_found') return fail('planning:errors.notFound');
      return fail(`planning:errors.move_${result.reason}`, result.reason === 'region' ? 'region' : '');
    },
    'planning.moveRegion',
  ),

  outcome: formAction(
    schemas.outcomeSchema,
    async (input, context, { fail }) => {
      const who = actor(context, 'planning.outcome');
      const result = await recordOutcome(getDb(), who, input.conversation, input.outcome, input.version);
      return result.ok ? { ok: true as const } : fail(`planning:errors.${result.reason === 'stale' ? 'stale_outcome' : result.reason}`);
    },
    'planning.outcome',
  ),

  pick: formAction(
    schemas.pickSchema,
    async (input, context, { fail, once }) => {
      const who = actor(context, 'planning.pick');
      const ctx = await ownSignup(who.userId, input.registration);
      if (!ctx) return fail('planning:errors.notFound');
      const result = await once(
        'planning.pick',
        who.userId,
        (db) => pickMoment(db, ctx, input.proposal),
        (r) => r.ok,
      );
      return result.ok ? { ok: true as const } : fail(`planning:errors.${result.reason}`, 'proposal');
    },
    'planning.pick',
  ),

  ask: formAction(
    schemas.askSchema,
    async (input, context, { fail, once }) => {
      const who = actor(context, 'planning.ask');
      const ctx = await ownSignup(who.userId, input.registration);
      if (!ctx) return fail('planning:errors.notFound');
      const asked = await once(
        'planning.ask',
        who.userId,
        (db) => askPlanners(db, ctx, input.kind, input.message),
        (asked) => asked,
      );
      return asked ? { ok: true as const, kind: input.kind } : fail('planning:errors.state');
    },
    'planning.ask',
  ),

  withdrawNaaste: formAction(
    schemas.withdrawSchema,
    async (input, context, { fail }) => {
      const who = actor(context, 'planning.withdrawNaaste');
      const ctx = await ownSignup(who.userId, input.registration);
      if (!ctx) return fail('planning:errors.notFound');
      return (await withdrawInvitation(getDb(), ctx, input.conversation)) ? { ok: true as const } : fail('planning:errors.state');
    },
    'planning.withdrawNaaste',
  ),

  /** Public: the naaste has no account; the link's token is the authority (hashed, expiring). */
  naasteAnswer: formAction(schemas.naasteAnswerSchema, async (input, _context, { fail }) =>
    (await answerInvitation(getDb(), input.token, input.answer)) ? { ok: true as const, answer: input.answer } : fail('planning:errors.linkInvalid'),
  ),

  addMember: formAction(
    schemas.memberSchema,
    async (input, context, { fail, once }) => {
      const { region } = await requireActionInRegion(context.locals, 'planning.addMember');
      const who = actor(context, 'planning.addMember');
      const languages = input.languages.split(',').map((l) => l.trim());
      const member = { ...input, countsAsGgz: input.countsAsGgz === 'ja', languages };
      const result = await once(
        'planning.addMember',
        who.userId,
        (db) => addMember(db, who, region.id, member),
        (r) => r.ok,
      );
      return result.ok ? { ok: true as const, linked: result.linked, name: input.name } : fail('planning:errors.memberExists', 'email');
    },
    'planning.addMember',
  ),

  addPlace: formAction(
    schemas.placeSchema,
    async (input, context, { once }) => {
      const { region } = await requireActionInRegion(context.locals, 'planning.addPlace');
      const who = actor(context, 'planning.addPlace');
      const accessibility = input.accessibilityNl ? { nl: input.accessibilityNl, ...(input.accessibilityEn ? { en: input.accessibilityEn } : {}) } : null;
      const place = {
        name: input.placeName,
        kind: input.kind,
        street: input.street || null,
        postcode: input.postcode || null,
        city: input.city || null,
        accessibility,
      };
      await once(
        'planning.addPlace',
        who.userId,
        (db) => done(addPlace(db, who, region.id, place)),
        () => true,
      );
      return { ok: true as const, name: input.placeName };
    },
    'planning.addPlace',
  ),

  saveSettings: formAction(
    settingsSchema,
    async (input, context) => {
      const { region } = await requireActionInRegion(context.locals, 'planning.saveSettings');
      const who = actor(context, 'planning.saveSettings');
      const {
        defaultDuration,
        confirmed,
        minAge,
        maxAge,
        duoRule,
        reminderLeadHours,
        retentionDays,
        closeAfterDays,
        expectedContactDays,
        travelBufferMinutes,
        ...profile
      } = input;
      const columns = { minAge, maxAge, duoRule, reminderLeadHours, retentionDays, closeAfterDays, expectedContactDays, travelBufferMinutes };
      const settings = { ...columns, defaultDurationMinutes: defaultDuration, profile };
      const result = await saveSettings(getDb(), who, region.id, settings, confirmed);
      // Not saved yet: the page shows how many sign-ups are under way and the form again, to confirm.
      const answer: { ok: true; saved: 'settings' | null; affected: number; values?: Record<string, string> } = result.saved
        ? { ok: true, saved: 'settings', affected: result.affected }
        : { ok: true, saved: null, affected: result.affected, values: settingsValues(settings) };
      return answer;
    },
    'planning.saveSettings',
  ),

  addOffer: formAction(
    schemas.offerSchema,
    async (input, context, { once }) => {
      const { region } = await requireActionInRegion(context.locals, 'planning.addOffer');
      const who = actor(context, 'planning.addOffer');
      const both = (nl: string, en: string) => ({ nl, ...(en ? { en } : {}) });
      await once(
        'planning.addOffer',
        who.userId,
        (db) =>
          done(
            addOffer(db, who, region.id, {
              kind: input.kind,
              name: both(input.offerNameNl, input.offerNameEn),
              description: both(input.descriptionNl, input.descriptionEn),
              url: input.url || null,
            }),
          ),
        () => true,
      );
      return { ok: true as const, name: input.offerNameNl };
    },
    'planning.addOffer',
  ),

  ...planningAdmin,
};
