import type { Role } from '../db/schema/index.ts';

// Pure session rules (no database), so each limit is tested on its own.
export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 60 * 60_000;
/** Write the sliding expiry at most once a minute: enough precision for a 30-minute idle limit. */
export const SLIDE_AFTER_MS = 60_000;
/** Sensitive actions (inviting people, new recovery codes) need a proof of identity this fresh. */
export const REAUTH_MS = 10 * 60_000;

type Times = { expiresAt: Date; absoluteExpiresAt: Date };

export const isExpired = (s: Times, now: Date): boolean => now >= s.expiresAt || now >= s.absoluteExpiresAt;

/** The new idle expiry when activity should push it forward, else null. */
export function slidExpiry(s: Times, now: Date): Date | null {
  const next = new Date(Math.min(now.getTime() + IDLE_MS, s.absoluteExpiresAt.getTime()));
  return next.getTime() - s.expiresAt.getTime() >= SLIDE_AFTER_MS ? next : null;
}

export const newSessionTimes = (now: Date): Times => ({
  expiresAt: new Date(now.getTime() + IDLE_MS),
  absoluteExpiresAt: new Date(now.getTime() + ABSOLUTE_MS),
});

const staffRoles: readonly Role[] = ['partner', 'referrer', 'worker', 'planner', 'admin', 'platform'];

/** Partners, referrers, team members and landelijk beheer see or rule over other people's data: they must use a second factor. */
export const needsTwoFactor = (roles: readonly Role[]): boolean => roles.some((r) => staffRoles.includes(r));

export const isRecent = (at: Date | null, now: Date, windowMs = REAUTH_MS): boolean => at !== null && now.getTime() - at.getTime() < windowMs;
