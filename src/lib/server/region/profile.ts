import type { regions } from '../db/schema/index.ts';
import { readProfile, signupProfile, type RegionProfile, type SignupProfile, type SignupVia } from '../../profile.ts';

type RegionRow = Pick<typeof regions.$inferSelect, 'profile' | 'duoRule'>;

/** The region's way of working, read safely from its row (profile.ts `readProfile`). */
export const regionProfile = (region: Pick<RegionRow, 'profile'>): RegionProfile => readProfile(region.profile);

/** The rules a new sign-up in this region keeps for the rest of its life. */
export const newSignupProfile = (region: RegionRow, via: SignupVia): SignupProfile => signupProfile(regionProfile(region), region.duoRule, via);
