import type { ActionAPIContext } from 'astro:actions';
import { partnerSteps, partnerStepSchema, referralStepSchema, signupSteps, stepSchemas, type SignupAnswers } from '../lib/schemas/signup.ts';
import type { SignupVia } from '../lib/profile.ts';
import { parseLocalized } from '../lib/i18n/zod.ts';
import { getT } from '../lib/i18n/index.ts';
import { deleteDraft, draftFor, loadDraft, mayStartDraft, saveDraft } from '../lib/server/registrations/drafts.ts';
import { checkEligibility } from '../lib/server/registrations/rules.ts';
import { draftCookieOptions } from '../lib/server/registrations/cookie.ts';
import { rememberRegion } from '../lib/server/region/site.ts';
import type { Region } from '../lib/server/region/queries.ts';
import { regionValues } from '../lib/server/region/contact.ts';
import { draftRegion, signupRegion, takesSignup } from '../lib/server/registrations/signup-region.ts';
import { getDb } from '../lib/server/db/client.ts';
import { readForm, type FormResult } from './form.ts';
import { regionPlaces } from '../lib/server/locations/offered.ts';
import type { Db } from '../lib/server/db/client.ts';

/**
 * A place must be one the region offers now (its kinds, its switched-on places): an old page or a
 * crafted post can name another. Without a region yet (no postcode) nothing is offered.
 */
async function placeOffered(db: Db, place: string, region: Region | null): Promise<boolean> {
  return !!region && (await regionPlaces(db, region)).choices.includes(place);
}

const answerKey = {
  'over-jou': 'about',
  contact: 'contact',
  onderwerp: 'topic',
  plek: 'place',
  wanneer: 'when',
  meenemen: 'naaste',
  akkoord: 'partner',
} as const;
type DataStep = keyof typeof answerKey;
// Own keys only: `in` would also accept "__proto__" and "constructor".
const isDataStep = (s: string): s is DataStep => Object.hasOwn(answerKey, s);
const schemas = { ...stepSchemas, akkoord: partnerStepSchema } as const;

/** Why a partner's or referrer's sign-up is not taken in this region (its access mode). */
export function notTaken(lang: string, via: SignupVia, region: Region): string {
  return getT(lang, 'partner')(via === 'referral' ? 'refused.referral' : 'refused.partner', regionValues(region, lang));
}

/**
 * Where a draft lives: the resident's own cookie, or a partner's cookie and their id on the row.
 * `region`: the only region a sign-up may go to here (a region's own host, the partner's region);
 * null on the national host, where the postcode decides. `via`: how it comes in (the resident
 * themselves, a partner, a referrer), which the region's access mode must take.
 */
export type DraftScope = { cookie: string; partnerId: string | null; region: Region | null; via: SignupVia };

/**
 * One step of the sign-up, for a resident (/aanmelden) or a partner (/partner/aanmelden): the same
 * schemas, eligibility check and sealed draft. Only a partner has the "akkoord" step.
 */
export async function saveSignupStep(form: FormData, context: ActionAPIContext, scope: DraftScope): Promise<FormResult<{ next: string }>> {
  const { values, input } = readForm(form);
  const step = String(input['step'] ?? '');
  const steps: readonly string[] = scope.partnerId ? partnerSteps : signupSteps;
  if (!isDataStep(step) || !steps.includes(step))
    return { ok: false, errors: [{ field: '', message: getT(context.locals.lang, 'validation')('format') }], values };
  // A honeypot: people never see or fill this field, scripts do.
  if (form.get('website')) return { ok: true, next: 'over-jou' };
  const schema = step === 'akkoord' && scope.via === 'referral' ? referralStepSchema : schemas[step];
  const parsed = parseLocalized(schema, input, context.locals.lang);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
  const db = getDb();
  const token = context.cookies.get(scope.cookie)?.value;
  if (step === 'over-jou') {
    const about = parsed.data as NonNullable<SignupAnswers['about']>;
    // The postcode decides the region; the region decides who may sign up (its ages).
    const found = await signupRegion(about.postcode, scope.region);
    const eligible = found.ok ? checkEligibility(about.birthYear, about.postcode, found.region) : found;
    if (!eligible.ok) {
      // Nothing is kept of someone the portal cannot help: not even the draft so far.
      if (token) await deleteDraft(db, token);
      context.cookies.delete(scope.cookie, { path: '/' });
      const named = found.ok ? found.region : found.other;
      return { ok: true, next: `buiten-de-regeling?reden=${eligible.reason}${named ? `&regio=${named.slug}` : ''}` };
    }
    // The resident's pages show their region from now on (a partner works in theirs already).
    if (found.ok && !scope.partnerId) rememberRegion(context.cookies, found.region, context.locals.regionFromHost);
    if (found.ok && !takesSignup(found.region, scope.via)) {
      // A region that works by referral only: the resident is told how to be referred; a partner
      // or a referrer in a region that does not take them is told so on the step itself.
      if (!scope.partnerId) return { ok: true, next: `verwijzing?regio=${found.region.slug}` };
      return { ok: false, errors: [{ field: '', message: notTaken(context.locals.lang, scope.via, found.region) }], values };
    }
  }
  const loaded = await loadDraft(db, token, new Date(), scope.partnerId);
  const existing = scope.partnerId ? loaded : draftFor(loaded, context.locals.user?.id);
  if (step === 'plek' && !(await placeOffered(db, (parsed.data as NonNullable<SignupAnswers['place']>).place, await draftRegion(existing, scope.region)))) {
    return { ok: false, errors: [{ field: 'place', message: getT(context.locals.lang, 'validation')('placeNotOffered') }], values };
  }
  if (!existing && !(await mayStartDraft(db, context.locals.ipPrefix))) {
    return { ok: false, errors: [{ field: '', message: getT(context.locals.lang, 'signup')('errors.throttled') }], values };
  }
  const back = String(form.get('terug') ?? '');
  let next = back === 'controleren' ? 'controleren' : steps[steps.indexOf(step) + 1]!;
  const answers: SignupAnswers = { ...existing, [answerKey[step]]: parsed.data };
  // A region with one place that needs no more words: the answer is set here and its step skipped.
  if (next === 'plek') {
    const region = await draftRegion(answers, scope.region);
    const skipped = region ? (await regionPlaces(db, region)).skipped : null;
    if (skipped) {
      answers.place = { place: skipped };
      next = steps[steps.indexOf('plek') + 1]!;
    }
  }
  const saved = await saveDraft(db, existing ? token : undefined, answers, new Date(), scope.partnerId);
  context.cookies.set(scope.cookie, saved, draftCookieOptions());
  return { ok: true, next };
}
