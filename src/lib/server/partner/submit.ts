import { newSignupProfile } from '../region/profile.ts';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrationConfirmations, registrations, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { hashToken } from '../auth/tokens.ts';
import { mailLink, type RequestContext } from '../accounts/context.ts';
import { queueMail } from '../mail/queue.ts';
import type { Region } from '../region/queries.ts';
import { deleteDraft, loadDraft } from '../registrations/drafts.ts';
import { isDiscreet } from '../registrations/mails.ts';
import { checkEligibility, newReference } from '../registrations/rules.ts';
import { isComplete, lockDraft, registrationColumns } from '../registrations/submit.ts';
import { invalidateQueueTotal } from '../registrations/queue.ts';
import { issueConfirmation } from './confirmations.ts';
import { forgetPlace, placeStillOffered } from '../registrations/place-check.ts';
import { onBehalfRole, PARTNER_CONSENT_VERSION, type OnBehalfVia } from './rules.ts';
import { takesSignup } from '../registrations/signup-region.ts';
import { seal } from '../crypto/seal.ts';

export type PartnerSubmitResult =
  | { ok: true; registrationId: string; reference: string; mailed: boolean }
  | { ok: false; reason: 'no_draft' | 'incomplete' | 'not_eligible' | 'place_gone' | 'not_taken' };

/** Who signs the resident up: a partner, or a referrer (`via: 'referral'`); a partner when not said. */
export type OnBehalf = { id: string; via?: OnBehalfVia };

/** The sign-up this partner's draft already became; the first answer said whether it was mailed. */
async function submittedBefore(db: Db, draftId: string, partnerId: string): Promise<PartnerSubmitResult | null> {
  const [row] = await db
    .select({ id: registrations.id, reference: registrations.reference, link: registrationConfirmations.tokenHash })
    .from(registrations)
    .leftJoin(registrationConfirmations, and(eq(registrationConfirmations.registrationId, registrations.id), isNotNull(registrationConfirmations.tokenHash)))
    .where(and(eq(registrations.draftId, draftId), eq(registrations.partnerId, partnerId)))
    .limit(1);
  // A link was issued exactly when the resident was mailed.
  return row ? { ok: true, registrationId: row.id, reference: row.reference, mailed: !!row.link } : null;
}

/**
 * The partner as the confirmation page names them ("Fatima de Vries (Buurtteam Oost)"), so the mail
 * is not from "someone". Discreet mail leaves the organisation out: its name may say what it is about.
 */
async function signedUpBy(db: Db, partnerId: string, practice: string | null | undefined, discreet: boolean): Promise<string | null> {
  const [p] = await db.select({ name: users.name, organisation: users.organisation }).from(users).where(eq(users.id, partnerId));
  if (!p?.name) return null;
  const organisation = practice || p.organisation;
  return !discreet && organisation ? `${p.name} (${organisation})` : p.name;
}

/**
 * A partner's draft becomes a sign-up that waits for the resident: nothing goes ahead until they
 * confirm. The resident gets a link and code by mail when there is an address; the partner can
 * always print a letter. Whether the resident already has a sign-up is never told to the partner.
 * A referrer's draft becomes a referral the same way, with their practice and the sealed reason.
 * `not_taken`: the region's access mode takes no sign-up that comes in this way (any more).
 */
export async function submitForResident(
  db: Db,
  region: Region,
  partner: OnBehalf,
  draftToken: string | undefined,
  ctx: RequestContext,
): Promise<PartnerSubmitResult> {
  if (!draftToken) return { ok: false, reason: 'no_draft' };
  const draftId = hashToken(draftToken);
  const earlier = (q: Db) => submittedBefore(q, draftId, partner.id);
  const before = await earlier(db);
  if (before) return before;
  const answers = await loadDraft(db, draftToken, new Date(), partner.id);
  // The first post may have finished (and deleted the draft) since we looked.
  if (!answers) return (await earlier(db)) ?? { ok: false, reason: 'no_draft' };
  const via = partner.via ?? 'partner';
  const referral = via === 'referral' ? { practice: answers.partner?.practice, reason: answers.partner?.reason } : null;
  if (!isComplete(answers) || !answers.partner || (referral && (!referral.practice || !referral.reason))) return { ok: false, reason: 'incomplete' };
  // A switched-off region takes no new sign-ups, from its partners neither.
  if (!region.active || !checkEligibility(answers.about.birthYear, answers.about.postcode, region).ok) return { ok: false, reason: 'not_eligible' };
  if (!takesSignup(region, via)) return { ok: false, reason: 'not_taken' };
  const now = new Date();
  const made = await db.transaction(async (tx) => {
    // A double click: the second waits for the first and answers with its sign-up (see lockDraft).
    await lockDraft(tx, draftId);
    const first = await earlier(tx);
    if (first) return first;
    if (!(await placeStillOffered(tx, region, answers, true))) return null;
    const [row] = await tx
      .insert(registrations)
      .values({
        reference: newReference(),
        regionId: region.id,
        source: 'partner',
        status: 'awaiting_confirmation',
        ...registrationColumns(answers),
        profile: newSignupProfile(region, via),
        partnerId: partner.id,
        ...(referral ? { referral: true, referrerPractice: referral.practice!, sealedReferralReason: seal(referral.reason!) } : {}),
        partnerConsentMethod: answers.partner!.consentMethod,
        partnerConsentAt: now,
        partnerConsentVersion: PARTNER_CONSENT_VERSION,
        contactPerson: answers.partner!.contactPerson,
        partnerInformed: answers.partner!.partnerInformed,
        // The resident's own consent is asked when they confirm; until then this records the partner's.
        consentVersion: PARTNER_CONSENT_VERSION,
        consentAt: now,
        draftId,
      })
      .returning();
    const email = answers.contact.email;
    const { code, token } = await issueConfirmation(tx, row!, !!email, now);
    const lang = answers.naaste.language === 'en' ? 'en' : 'nl';
    if (email && token) {
      const discreet = isDiscreet(answers.contact);
      await queueMail(tx, {
        to: email,
        lang,
        template: 'partnerSignupConfirm',
        values: {
          name: answers.about.callName,
          sender: await signedUpBy(tx, partner.id, referral?.practice, discreet),
          reference: row!.reference,
          code: code!,
          link: mailLink(`/bevestigen-aanmelding/${token}`, lang),
        },
        discreet,
        region,
      });
    }
    await logAccess(tx, {
      actorId: partner.id,
      actorRole: onBehalfRole(via),
      object: `registration:${row!.id}`,
      action: referral ? 'registration.referred' : 'registration.created_by_partner',
      authority: `consent:${answers.partner!.consentMethod}`,
      ipPrefix: ctx.ipPrefix,
    });
    await deleteDraft(tx, draftToken);
    return { ok: true as const, registrationId: row!.id, reference: row!.reference, mailed: !!email };
  });
  if (!made) return forgetPlace(db, draftToken, answers, partner.id);
  invalidateQueueTotal(region.id);
  return made;
}
