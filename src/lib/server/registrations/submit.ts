import { newSignupProfile } from '../region/profile.ts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations } from '../db/schema/index.ts';
import type { SignupAnswers } from '../../schemas/signup.ts';
import { logAccess } from '../audit/log.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { hashToken } from '../auth/tokens.ts';
import { seal } from '../crypto/seal.ts';
import type { RequestContext } from '../accounts/context.ts';
import { queueMail } from '../mail/queue.ts';
import type { Region } from '../region/queries.ts';
import { checkEligibility, newReference } from './rules.ts';
import { takesSignup } from './signup-region.ts';
import { deleteDraft, loadDraft } from './drafts.ts';
import { choiceLines, isDiscreet } from './mails.ts';
import { accountForSignup } from './new-account.ts';
import { contactHashes } from '../partner/contact-hash.ts';
import { invalidateQueueTotal } from './queue.ts';
import { forgetPlace, placeStillOffered } from './place-check.ts';

export const CONSENT_VERSION = '2026-11';

export type Complete = Required<SignupAnswers>;
export const isComplete = (a: SignupAnswers | null): a is Complete => !!a && !!a.about && !!a.contact && !!a.topic && !!a.place && !!a.when && !!a.naaste;

/** What only the resident and the two people of the conversation may read: sealed as one JSON. */
export function sealedDetails(a: Complete): string {
  return seal(
    JSON.stringify({
      callName: a.about.callName,
      postcode: a.about.postcode,
      contact: a.contact,
      topic: a.topic.topic ?? null,
      help: a.topic.help ?? null,
      address: a.place.place === 'home' ? a.place.address : null,
      otherPlace: a.place.place === 'other' ? a.place.otherPlace : null,
      naaste: a.naaste.withNaaste
        ? {
            name: a.naaste.naasteName,
            relation: a.naaste.naasteRelation ?? null,
            contact: a.naaste.naasteContact ?? null,
            invite: a.naaste.inviteNaaste ?? false,
          }
        : null,
      otherLanguage: a.naaste.language === 'other' ? (a.naaste.otherLanguage ?? null) : null,
      accessibility: a.naaste.accessibility ?? null,
    }),
  );
}

/** The columns a sign-up's answers decide: shared by a new sign-up and a change to one. */
export function registrationColumns(a: Complete) {
  const place = a.place.place;
  return {
    sealedDetails: sealedDetails(a),
    birthYear: a.about.birthYear,
    postcodeArea: a.about.postcode.slice(0, 4),
    placeKind: place.startsWith('location:') ? ('catalogue' as const) : (place as 'home' | 'walk' | 'other'),
    locationId: place.startsWith('location:') ? place.slice('location:'.length) : null,
    availability: { days: a.when.days, parts: a.when.parts, asap: a.when.start === 'asap', from: a.when.from ?? null },
    language: a.naaste.language,
    interpreter: a.naaste.interpreter,
    withNaaste: a.naaste.withNaaste,
    ...contactHashes(a.contact),
  };
}

type Who = { signedIn: { id: string } | null; newAccountPassword: string | null };

/** Held until the transaction ends: one sign-up is made from a draft at a time. */
export const lockDraft = (tx: Db, draftId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`draft:${draftId}`}, 0))`);

/** The sign-up this draft already became, answered as the first post was. */
async function submittedBefore(db: Db, draftId: string, who: Who): Promise<SubmitResult | null> {
  const [row] = await db.select().from(registrations).where(eq(registrations.draftId, draftId));
  // The first post mailed a new account's confirmation when it made that account.
  return row
    ? { ok: true, reference: row.reference, registrationId: row.id, accountMailed: !who.signedIn && !!who.newAccountPassword && !!row.residentId }
    : null;
}
export type SubmitResult =
  | { ok: true; reference: string; registrationId: string; accountMailed: boolean }
  | { ok: false; reason: 'no_draft' | 'incomplete' | 'not_eligible' | 'needs_email' | 'throttled' | 'place_gone' | 'referral_only' };

/**
 * Turns a complete draft into a sign-up in one transaction. The draft's hash is stored with the
 * sign-up, so a double click or a replayed request finds the first sign-up instead of making a second.
 */
export async function submitRegistration(db: Db, region: Region, draftToken: string | undefined, who: Who, ctx: RequestContext): Promise<SubmitResult> {
  if (!draftToken) return { ok: false, reason: 'no_draft' };
  const draftId = hashToken(draftToken);
  const earlier = (q: Db) => submittedBefore(q, draftId, who);
  const before = await earlier(db);
  if (before) return before;
  const answers = await loadDraft(db, draftToken);
  // The first post may have finished (and deleted the draft) since we looked.
  if (!answers) return (await earlier(db)) ?? { ok: false, reason: 'no_draft' };
  // A draft that changes an existing sign-up is saved by saveChange, never turned into a new one.
  if (!isComplete(answers) || answers.editing) return { ok: false, reason: 'incomplete' };
  if (!checkEligibility(answers.about.birthYear, answers.about.postcode, region).ok) return { ok: false, reason: 'not_eligible' };
  // The region went over to referrals only while this draft was filled in: the draft is kept (the
  // resident is told how to be referred, and may finish if the region opens again).
  if (!takesSignup(region, 'open')) return { ok: false, reason: 'referral_only' };
  const email = answers.contact.email;
  if (who.newAccountPassword && !email) return { ok: false, reason: 'needs_email' };
  if (!(await placeStillOffered(db, region, answers))) return forgetPlace(db, draftToken, answers);
  // Counted only now, when the sign-up will be made: posts that cannot succeed use no one's quota.
  const quota = await hit(db, `signup:ip:${ctx.ipPrefix ?? 'unknown'}`, limits.signUpsPerIp);
  if (!quota.allowed) return { ok: false, reason: 'throttled' };
  const passwordHash = who.newAccountPassword ? await hashPassword(who.newAccountPassword) : null;
  const discreet = isDiscreet(answers.contact);

  const made = await db.transaction(async (tx) => {
    // A double click runs this twice at once: the second waits here for the first, then finds its
    // sign-up, instead of failing on the account's or the draft's unique key (a 500).
    await lockDraft(tx, draftId);
    const first = await earlier(tx);
    if (first) return first;
    if (!(await placeStillOffered(tx, region, answers, true))) return null;
    let residentId = who.signedIn?.id ?? null;
    let accountMailed = false;
    if (!residentId && passwordHash && email)
      ({ residentId, accountMailed } = await accountForSignup(tx, email, passwordHash, ctx, discreet, { name: answers.about.callName, region }));
    const [row] = await tx
      .insert(registrations)
      .values({
        reference: newReference(),
        regionId: region.id,
        residentId,
        ...registrationColumns(answers),
        profile: newSignupProfile(region, 'open'),
        consentVersion: CONSENT_VERSION,
        consentAt: new Date(),
        draftId,
      })
      .returning();
    if (email) {
      await queueMail(tx, {
        to: email,
        lang: ctx.lang,
        template: 'signupReceived',
        values: { name: answers.about.callName, reference: row!.reference, details: await choiceLines(tx, answers, ctx.lang, discreet) },
        discreet,
        region,
      });
    }
    await logAccess(tx, {
      actorId: residentId,
      actorRole: 'resident',
      subjectId: residentId,
      object: `registration:${row!.id}`,
      action: 'registration.created',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });
    await deleteDraft(tx, draftToken);
    return { ok: true as const, reference: row!.reference, registrationId: row!.id, accountMailed };
  });
  if (!made) return forgetPlace(db, draftToken, answers);
  invalidateQueueTotal(region.id);
  return made;
}
