import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations } from '../db/schema/index.ts';
import type { SignupAnswers } from '../../schemas/signup.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from '../accounts/context.ts';
import type { Region } from '../region/queries.ts';
import { deleteDraft, loadDraft, saveDraft } from './drafts.ts';
import { openDetails, type Registration } from './queries.ts';
import { checkEligibility } from './rules.ts';
import { choiceLines, isDiscreet } from './mails.ts';
import { queueMail } from '../mail/queue.ts';
import { isComplete, registrationColumns } from './submit.ts';
import { forgetPlace, placeStillOffered } from './place-check.ts';

/** Until a date is planned the resident may change their sign-up; after that they call the team. */
const CHANGEABLE = ['received', 'contacted'] as const;
export const isChangeable = (r: Registration): boolean => (CHANGEABLE as readonly string[]).includes(r.status);

/** A sign-up back into the answers of the form, for the review page. */
export function answersOf(r: Registration): SignupAnswers {
  const d = openDetails(r);
  const place = r.placeKind === 'catalogue' ? `location:${r.locationId}` : r.placeKind;
  return {
    editing: r.id,
    about: { callName: d.callName, birthYear: r.birthYear, postcode: d.postcode },
    contact: d.contact,
    topic: { ...(d.topic ? { topic: d.topic } : {}), ...(d.help ? { help: d.help } : {}) },
    place: { place, ...(d.address ? { address: d.address } : {}), ...(d.otherPlace ? { otherPlace: d.otherPlace } : {}) },
    when: {
      days: r.availability.days as never,
      parts: r.availability.parts as never,
      start: r.availability.asap ? 'asap' : 'from',
      ...(r.availability.from ? { from: r.availability.from } : {}),
    },
    naaste: {
      withNaaste: !!d.naaste,
      ...(d.naaste
        ? {
            naasteName: d.naaste.name,
            ...(d.naaste.relation ? { naasteRelation: d.naaste.relation } : {}),
            ...(d.naaste.contact ? { naasteContact: d.naaste.contact } : {}),
            inviteNaaste: d.naaste.invite,
          }
        : {}),
      language: r.language as 'nl' | 'en' | 'other',
      ...(d.otherLanguage ? { otherLanguage: d.otherLanguage } : {}),
      interpreter: r.interpreter,
      ...(d.accessibility ? { accessibility: d.accessibility } : {}),
    },
  };
}

/** Opens an own, still changeable sign-up as a draft; returns the draft token. */
export async function startChange(db: Db, residentId: string, registrationId: string): Promise<string | null> {
  const [r] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.residentId, residentId), inArray(registrations.status, [...CHANGEABLE])));
  return r ? saveDraft(db, undefined, { ...answersOf(r), owner: residentId }) : null;
}

export type ChangeResult =
  { ok: true; reference: string } | { ok: false; reason: 'no_draft' | 'incomplete' | 'not_eligible' | 'not_changeable' | 'place_gone' };

/** Saves the changed answers over the sign-up, if it is still this resident's and still changeable. */
export async function saveChange(db: Db, region: Region, residentId: string, draftToken: string | undefined, ctx: RequestContext): Promise<ChangeResult> {
  const answers = draftToken ? await loadDraft(db, draftToken) : null;
  if (!answers?.editing || answers.owner !== residentId || !draftToken) return { ok: false, reason: 'no_draft' };
  if (!isComplete(answers)) return { ok: false, reason: 'incomplete' };
  if (!checkEligibility(answers.about.birthYear, answers.about.postcode, region).ok) return { ok: false, reason: 'not_eligible' };
  // A place switched off after the sign-up was made may stay on it (the team plans around it), but
  // a change must choose a place the region still offers.
  const changed = await db.transaction(async (tx) => {
    if (!(await placeStillOffered(tx, region, answers, true))) return null;
    const [row] = await tx
      .update(registrations)
      .set(registrationColumns(answers))
      .where(
        and(
          eq(registrations.id, answers.editing!),
          eq(registrations.residentId, residentId),
          // A postcode changed into another region's area does not move the sign-up: a planner does that.
          eq(registrations.regionId, region.id),
          inArray(registrations.status, [...CHANGEABLE]),
        ),
      )
      .returning({ id: registrations.id, reference: registrations.reference });
    if (!row) return { ok: false as const, reason: 'not_changeable' as const };
    await logAccess(tx, {
      actorId: residentId,
      actorRole: 'resident',
      subjectId: residentId,
      object: `registration:${row.id}`,
      action: 'registration.changed',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
    const email = answers.contact.email;
    if (email) {
      const discreet = isDiscreet(answers.contact);
      const details = await choiceLines(tx, answers, ctx.lang, discreet);
      await queueMail(tx, {
        to: email,
        lang: ctx.lang,
        template: 'signupChanged',
        values: { name: answers.about.callName, reference: row.reference, details },
        discreet,
        region,
      });
    }
    await deleteDraft(tx, draftToken);
    return { ok: true as const, reference: row.reference };
  });
  return changed ?? forgetPlace(db, draftToken, answers);
}
