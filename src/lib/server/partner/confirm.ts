import { and, eq, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { RequestContext } from '../accounts/context.ts';
import { queueMail } from '../mail/queue.ts';
import type { Region } from '../region/queries.ts';
import { answersOf } from '../registrations/changes.ts';
import { deleteDraft, loadDraft, saveDraft } from '../registrations/drafts.ts';
import { choiceLines, isDiscreet } from '../registrations/mails.ts';
import { accountForSignup } from '../registrations/new-account.ts';
import { checkEligibility } from '../registrations/rules.ts';
import { CONSENT_VERSION, isComplete, registrationColumns } from '../registrations/submit.ts';
import { invalidateQueueTotal } from '../registrations/queue.ts';
import { forgetPlace, placeStillOffered } from '../registrations/place-check.ts';
import { feedbackBeforeConfirming } from '../referrer/feedback.ts';

/** After a good link or code: the partner's sign-up as a draft the resident checks and may change. */
export async function openForConfirmation(db: Db, registrationId: string, via: 'link' | 'code', ctx: RequestContext): Promise<string | null> {
  const [r] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.status, 'awaiting_confirmation')));
  if (!r) return null;
  await logAccess(db, {
    object: `registration:${r.id}`,
    action: 'registration.opened_for_confirmation',
    authority: 'confirmation_code',
    ipPrefix: ctx.ipPrefix,
  });
  const { editing: _, ...answers } = answersOf(r);
  return saveDraft(db, undefined, { ...answers, confirming: r.id, confirmedVia: via });
}

const sameContact = (r: { contactEmailHash: string | null; contactPhoneHash: string | null }): SQL | undefined => {
  const matches = [
    r.contactEmailHash ? eq(registrations.contactEmailHash, r.contactEmailHash) : undefined,
    r.contactPhoneHash ? eq(registrations.contactPhoneHash, r.contactPhoneHash) : undefined,
  ].filter(Boolean) as SQL[];
  return matches.length ? or(...matches) : undefined;
};

/** Another open sign-up of the same person (same e-mail or phone, by keyed hash), if any. */
export async function findDuplicate(db: Db, registrationId: string): Promise<{ reference: string } | null> {
  const [r] = await db.select().from(registrations).where(eq(registrations.id, registrationId));
  const match = r ? sameContact(r) : undefined;
  if (!r || !match) return null;
  const [other] = await db
    .select({ reference: registrations.reference })
    .from(registrations)
    .where(and(eq(registrations.regionId, r.regionId), ne(registrations.id, r.id), ne(registrations.status, 'cancelled'), match));
  return other ?? null;
}

/** `residentId`: a resident who is signed in confirms into their own account. */
/** For the resident's review: who filled it in (name, organisation) and an earlier sign-up, if any. */
export async function confirmationContext(db: Db, registrationId: string) {
  const [r] = await db
    .select({ name: users.name, organisation: users.organisation, practice: registrations.referrerPractice })
    .from(registrations)
    .leftJoin(users, eq(users.id, registrations.partnerId))
    .where(and(eq(registrations.id, registrationId), eq(registrations.status, 'awaiting_confirmation')));
  if (!r) return null;
  // A referral names the practice the referrer gave for it, and what goes back to the referrer is
  // told before the resident confirms.
  const partner = r.name ? { name: r.name, organisation: r.practice || r.organisation || '' } : null;
  return { partner, duplicate: await findDuplicate(db, registrationId), feedback: await feedbackBeforeConfirming(db, registrationId) };
}

type Choice = { residentId: string | null; newAccountPassword: string | null; keep: 'this' | 'other' };
export type ConfirmResult =
  | { ok: true; reference: string; accountMailed: boolean; kept: 'this' | 'other'; registrationId: string | null }
  | { ok: false; reason: 'no_draft' | 'incomplete' | 'not_eligible' | 'not_changeable' | 'place_gone' };

/**
 * The resident confirms (with their own consent, and any changes they made): the sign-up is
 * received and goes to the planners. Choosing to keep an earlier sign-up instead deletes this one.
 */
export async function confirmRegistration(db: Db, region: Region, draftToken: string | undefined, choice: Choice, ctx: RequestContext): Promise<ConfirmResult> {
  const answers = draftToken ? await loadDraft(db, draftToken) : null;
  if (!answers?.confirming || !draftToken) return { ok: false, reason: 'no_draft' };
  if (!isComplete(answers)) return { ok: false, reason: 'incomplete' };
  if (!checkEligibility(answers.about.birthYear, answers.about.postcode, region).ok) return { ok: false, reason: 'not_eligible' };
  const id = answers.confirming;
  const passwordHash = choice.newAccountPassword && answers.contact.email ? await hashPassword(choice.newAccountPassword) : null;
  const awaiting = and(eq(registrations.id, id), eq(registrations.regionId, region.id), eq(registrations.status, 'awaiting_confirmation'));
  const made = await db.transaction(async (tx) => {
    if (choice.keep === 'other') {
      const [gone] = await tx.delete(registrations).where(awaiting).returning({ id: registrations.id, reference: registrations.reference });
      if (!gone) return { ok: false as const, reason: 'not_changeable' as const };
      await logAccess(tx, {
        object: `registration:${gone.id}`,
        action: 'registration.duplicate_dropped',
        authority: 'confirmation_code',
        ipPrefix: ctx.ipPrefix,
      });
      await deleteDraft(tx, draftToken);
      return { ok: true as const, reference: gone.reference, accountMailed: false, kept: 'other' as const, registrationId: null };
    }
    if (!(await placeStillOffered(tx, region, answers, true))) return null;
    const discreet = isDiscreet(answers.contact);
    const account = choice.residentId
      ? { residentId: choice.residentId, accountMailed: false }
      : passwordHash
        ? await accountForSignup(tx, answers.contact.email!, passwordHash, ctx, discreet, { name: answers.about.callName, region })
        : { residentId: null, accountMailed: false };
    const [row] = await tx
      .update(registrations)
      .set({
        ...registrationColumns(answers),
        status: 'received',
        confirmedAt: new Date(),
        confirmationMethod: answers.confirmedVia ?? 'code',
        consentVersion: CONSENT_VERSION,
        consentAt: new Date(),
        ...(account.residentId ? { residentId: account.residentId } : {}),
      })
      .where(awaiting)
      .returning({ id: registrations.id, reference: registrations.reference });
    if (!row) return { ok: false as const, reason: 'not_changeable' as const };
    await logAccess(tx, {
      actorId: account.residentId,
      actorRole: 'resident',
      subjectId: account.residentId,
      object: `registration:${row.id}`,
      action: 'registration.confirmed',
      authority: 'confirmation_code',
      ipPrefix: ctx.ipPrefix,
    });
    if (answers.contact.email) {
      await queueMail(tx, {
        to: answers.contact.email,
        lang: ctx.lang,
        template: 'signupReceived',
        values: { name: answers.about.callName, reference: row.reference, details: await choiceLines(tx, answers, ctx.lang, discreet) },
        discreet,
        region,
      });
    }
    await deleteDraft(tx, draftToken);
    return { ok: true as const, reference: row.reference, accountMailed: account.accountMailed, kept: 'this' as const, registrationId: row.id };
  });
  if (!made) return forgetPlace(db, draftToken, answers);
  invalidateQueueTotal(region.id);
  return made;
}
