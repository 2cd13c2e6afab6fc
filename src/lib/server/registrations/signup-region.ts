import { eq } from 'drizzle-orm';
import type { SignupAnswers } from '../../schemas/signup.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Db } from '../db/client.ts';
import { registrations } from '../db/schema/index.ts';
import { regionById, regionForPostcode } from '../region/directory.ts';
import { loadDraft } from './drafts.ts';
import type { Region } from '../region/queries.ts';
import { accepts, type SignupVia } from '../../profile.ts';
import { regionProfile } from '../region/profile.ts';

export type SignupRegion = { ok: true; region: Region } | { ok: false; reason: 'outside_region' | 'other_region'; other: Region | null };

/**
 * The region a sign-up belongs to: the one whose postcode areas hold the resident's postcode.
 * `fixed` is the only region allowed here: a region's own host name, or the region a partner works
 * in. A postcode of another region is not silently taken in: the resident is told where it belongs.
 */
export async function signupRegion(postcode: string, fixed: Region | null): Promise<SignupRegion> {
  const region = await regionForPostcode(postcode);
  if (!region) return { ok: false, reason: 'outside_region', other: null };
  if (fixed && fixed.id !== region.id) return { ok: false, reason: 'other_region', other: region };
  return { ok: true, region };
}

/**
 * Whether the region takes a sign-up that comes in this way now (its access mode, profile.ts
 * `accepts`): a referral-only region takes no public or partner sign-up, an open one no referral.
 */
export const takesSignup = (region: Pick<Region, 'profile'>, via: SignupVia): boolean => accepts(regionProfile(region), via);

/** The region of a draft that has its first step, or null. */
export async function draftRegion(answers: SignupAnswers | null | undefined, fixed: Region | null): Promise<Region | null> {
  if (!answers?.about) return null;
  const found = await signupRegion(answers.about.postcode, fixed);
  return found.ok ? found.region : null;
}

/**
 * The region a "send" is for: the draft's; or, when the draft is gone because this very draft was
 * sent already (a double click, a retry), the region of the sign-up it made, so the second post
 * gets the first one's answer instead of a refusal.
 */
export async function regionToFinish(db: Db, draftToken: string | undefined, fixed: Region | null): Promise<Region | null> {
  if (!draftToken) return null;
  const answers = await loadDraft(db, draftToken);
  if (answers) return draftRegion(answers, fixed);
  const [sent] = await db
    .select({ regionId: registrations.regionId })
    .from(registrations)
    .where(eq(registrations.draftId, hashToken(draftToken)));
  return regionById(sent?.regionId);
}
