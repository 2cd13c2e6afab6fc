// Pure rules for the rate limits; the counters themselves live in PostgreSQL (rate-limit.ts).

export type Limit = { max: number; windowMs: number };

export const limits = {
  /** Sign-in attempts from one network (a /24: a library or a care home shares one), whatever the account. */
  signInPerIp: { max: 300, windowMs: 15 * 60_000 },
  /** ASVS 2.2.1: never more than 100 failed attempts per hour on one account. */
  signInFailuresPerAccount: { max: 100, windowMs: 60 * 60_000 },
  /** Codes (e-mail confirmation, TOTP, recovery codes) per account. */
  codePerAccount: { max: 10, windowMs: 15 * 60_000 },
  /** Password-reset and confirmation mails per address, so nobody can flood a mailbox. */
  mailPerAddress: { max: 5, windowMs: 60 * 60_000 },
  /** Every message to one address, of any kind: the backstop against using us to flood a mailbox. */
  mailPerRecipient: { max: 10, windowMs: 60 * 60_000 },
  /** "Later verder" links mailed for one draft. */
  resumeLinksPerDraft: { max: 3, windowMs: 60 * 60_000 },
  /** Sign-ups sent from one network: generous, because a community centre may help many people. */
  signUpsPerIp: { max: 60, windowMs: 60 * 60_000 },
  /**
   * New sign-up drafts from one network: each is a row, so not without end. Twice the sign-ups: on a
   * shared network (a library, a community centre) many drafts are started and never sent.
   */
  draftsPerIp: { max: 120, windowMs: 60 * 60_000 },
  /** Accounts made and reset requests from one network. */
  requestsPerIp: { max: 20, windowMs: 60 * 60_000 },
  /** Confirmation codes (a partner's letter) tried from one network: a reference has only 5 of its own. */
  confirmCodesPerIp: { max: 30, windowMs: 60 * 60_000 },
  /** Access codes typed for one shared report (the share itself locks at five wrong ones in a row). */
  shareCodePerShare: { max: 10, windowMs: 15 * 60_000 },
  /** Shared-report links tried from one network, whichever share: stops walking through links. */
  shareOpensPerIp: { max: 30, windowMs: 15 * 60_000 },
  /** Shares a resident makes per hour: each mails someone. */
  sharesPerResident: { max: 10, windowMs: 60 * 60_000 },
  /** Invitations an admin sends per hour. */
  invitationsPerAdmin: { max: 50, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

/** Failures in a row that are free; after that each one locks for a growing delay. */
export const FREE_FAILURES = 4;
const BASE_DELAY_MS = 15_000;
const MAX_DELAY_MS = 15 * 60_000;

/** 15 s after the 5th failure in a row, then 30 s, 1 min, 2 min ... at most 15 minutes. */
export function lockDelayMs(failuresInARow: number): number {
  if (failuresInARow <= FREE_FAILURES) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** (failuresInARow - FREE_FAILURES - 1), MAX_DELAY_MS);
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export function inWindow(windowStart: Date, limit: Limit, now: Date): boolean {
  return now.getTime() - windowStart.getTime() < limit.windowMs;
}
