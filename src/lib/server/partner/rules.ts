// Pure rules of a partner's sign-up: what the partner may see, when a code still works, when
// housekeeping reminds or deletes. No database here, so the tests need none.
import { accepts, type RegionProfile } from '../../profile.ts';
import type { Role } from '../../roles.ts';

/** The version of the consent text the partner reads aloud (locales: partner.consent.text). */
export const PARTNER_CONSENT_VERSION = '2026-11-partner';
export const CONFIRMATION_DAYS = 30;
/** Wrong codes for one letter before it stops working; a new letter starts again. */
export const MAX_WRONG_CODES = 5;
const DAY_MS = 86_400_000;

/** E-mail and phone as one person writes them in different ways, before they are hashed. */
export function contactKeys(contact: { email?: string | undefined; phone?: string | undefined }): { email: string | null; phone: string | null } {
  const email = contact.email?.trim().toLowerCase() || null;
  const digits = contact.phone?.replace(/[^\d+]/g, '') ?? '';
  const phone = digits ? digits.replace(/^(\+31|0031)/, '0') : null;
  return { email, phone };
}

type Seen = { status: string; partnerInformed: boolean; partnerAccessRemovedAt: Date | null };
export type PartnerStatus = 'awaiting_confirmation' | 'confirmed' | 'received' | 'contacted' | 'planned' | 'held' | 'report_ready' | 'cancelled';

/**
 * The status as the partner may see it: whether the resident has confirmed, always (the partner
 * follows up on that); the real status only when the resident chose to keep the partner informed.
 * Null: the resident ended the partner's access, so the partner sees nothing at all.
 */
export function statusForPartner(r: Seen): PartnerStatus | null {
  if (r.partnerAccessRemovedAt) return null;
  if (r.status === 'awaiting_confirmation') return 'awaiting_confirmation';
  return r.partnerInformed ? (r.status as PartnerStatus) : 'confirmed';
}

/**
 * Whether the partner may see the planned date and time: only when the resident chose to keep
 * the partner informed, has confirmed, and did not end the access. Never the place or the duo.
 */
export function partnerSeesPlanned(r: Seen): boolean {
  return r.partnerInformed && statusForPartner(r) !== null && r.status !== 'awaiting_confirmation';
}

type Confirmation = { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null; failedAttempts: number };
export type ConfirmationState = 'open' | 'used' | 'expired' | 'locked' | 'revoked';

export function confirmationState(c: Confirmation, now = new Date()): ConfirmationState {
  if (c.usedAt) return 'used';
  if (c.revokedAt) return 'revoked';
  if (c.expiresAt <= now) return 'expired';
  if (c.failedAttempts >= MAX_WRONG_CODES) return 'locked';
  return 'open';
}

export const confirmationExpiry = (now = new Date()): Date => new Date(now.getTime() + CONFIRMATION_DAYS * DAY_MS);

type Waiting = { createdAt: Date; partnerRemindedAt: Date | null };
type Settings = { confirmationReminderDays: number; confirmationDeleteDays: number };

/** What housekeeping does with a sign-up that still waits for the resident. */
export function unconfirmedAction(r: Waiting, region: Settings, now = new Date()): 'delete' | 'remind' | null {
  const age = now.getTime() - r.createdAt.getTime();
  if (age >= region.confirmationDeleteDays * DAY_MS) return 'delete';
  if (!r.partnerRemindedAt && age >= region.confirmationReminderDays * DAY_MS) return 'remind';
  return null;
}

/** How a sign-up on behalf came in: a partner's, or a referrer's (a referral). */
export type OnBehalfVia = 'partner' | 'referral';

/**
 * Whether this person refers or signs up as a partner in their working region. Someone who holds
 * both roles there refers where the region takes referrals, and signs up as a partner elsewhere.
 */
export function onBehalfVia(roles: readonly Role[], profile: Pick<RegionProfile, 'accessMode'>): OnBehalfVia {
  const referrer = roles.includes('referrer');
  if (referrer && roles.includes('partner')) return accepts(profile, 'referral') ? 'referral' : 'partner';
  return referrer ? 'referral' : 'partner';
}

/** The role written to the access log for a look or change by the one who signed the resident up. */
export const onBehalfRole = (via: OnBehalfVia): 'partner' | 'referrer' => (via === 'referral' ? 'referrer' : 'partner');
