import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { registrations } from '../db/schema/index.ts';
import { readSignupProfile, type PlanningMode } from '../../profile.ts';
import { regionById } from '../region/directory.ts';
import type { Region } from '../region/queries.ts';
import { signupOrigin } from '../partner/team.ts';
import { contactEstimate } from './waiting.ts';

// "What happens now" on the confirmation page (issue 22, item 5), true for the way this sign-up is
// planned: its own planning mode (kept with it, profile.ts), the ways of contact the resident gave,
// and whether a partner is the one the team contacts. Only plain columns are read: whether an
// e-mail address or phone number was given is known from their keyed hashes, so nothing sealed
// is opened for this page.

export type Channel = 'phone' | 'email' | 'both';
export type Line = { key: string; values?: Record<string, string | number> };

export type NextStepsInput = {
  planningMode: PlanningMode;
  channel: Channel;
  /** The partner the team contacts instead of the resident, as the partner filled in. */
  contactVia: string | null;
  days: number;
  minutes: number;
};

/** The steps from now to the conversation, as keys of the `signup` namespace. */
export function nextSteps(i: NextStepsInput): Line[] {
  const first: Line = i.contactVia
    ? { key: 'done.steps.viaPartner', values: { days: i.days, name: i.contactVia } }
    : i.planningMode === 'planner_calls'
      ? { key: i.channel === 'email' ? 'done.steps.plannerMails' : 'done.steps.plannerCalls', values: { days: i.days } }
      : { key: `done.steps.contact.${i.channel}`, values: { days: i.days } };
  const plan: Line = i.planningMode === 'planner_calls' ? { key: 'done.steps.agree' } : { key: 'done.steps.pick' };
  return [first, plan, { key: 'done.steps.talk', values: { minutes: i.minutes } }];
}

export type DoneView = { reference: string; region: Region; steps: Line[]; email: boolean };

/** What the confirmation page shows of the sign-up this browser just sent; null when it is gone. */
export async function doneView(db: Db, registrationId: string): Promise<DoneView | null> {
  const [r] = await db
    .select({
      reference: registrations.reference,
      regionId: registrations.regionId,
      profile: registrations.profile,
      email: registrations.contactEmailHash,
      phone: registrations.contactPhoneHash,
      partnerId: registrations.partnerId,
      contactPerson: registrations.contactPerson,
      partnerAccessRemovedAt: registrations.partnerAccessRemovedAt,
      source: registrations.source,
      status: registrations.status,
    })
    .from(registrations)
    .where(eq(registrations.id, registrationId));
  const region = r && r.status !== 'cancelled' ? await regionById(r.regionId) : null;
  if (!r || !region) return null;
  const origin = await signupOrigin(db, r);
  const channel: Channel = r.email && r.phone ? 'both' : r.email ? 'email' : 'phone';
  const steps = nextSteps({
    planningMode: readSignupProfile(r.profile).planningMode,
    channel,
    contactVia: origin?.contactPerson === 'partner' ? origin.partnerName : null,
    days: await contactEstimate(db, region),
    minutes: region.defaultDurationMinutes,
  });
  return { reference: r.reference, region, steps, email: !!r.email };
}
