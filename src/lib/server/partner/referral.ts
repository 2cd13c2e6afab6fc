import type { Db } from '../db/client.ts';
import type { registrations } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import type { RequestContext } from '../accounts/context.ts';
import { unseal } from '../crypto/seal.ts';

type Referral = Pick<typeof registrations.$inferSelect, 'id' | 'residentId' | 'referral' | 'sealedReferralReason'>;

/**
 * The referrer's reason, for the planner of the sign-up's own region (the caller found the row in
 * that region). It is unsealed here and nowhere else, and each read is a look in the access log,
 * so the resident sees it in "wie keek". Null for a sign-up that is not a referral.
 */
export async function readReferralReason(db: Db, r: Referral, reader: { userId: string; role: 'planner' | 'admin' }, ctx: Pick<RequestContext, 'ipPrefix'>) {
  if (!r.referral || !r.sealedReferralReason) return null;
  await logAccess(db, {
    actorId: reader.userId,
    actorRole: reader.role,
    subjectId: r.residentId,
    object: `registration:${r.id}`,
    action: 'registration.referral_reason_read',
    authority: `role:${reader.role}`,
    ipPrefix: ctx.ipPrefix,
  });
  return unseal(r.sealedReferralReason);
}
