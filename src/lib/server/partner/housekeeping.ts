import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { regions, registrations, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { mailLink } from '../accounts/context.ts';
import { queueMail } from '../mail/queue.ts';
import { unconfirmedAction } from './rules.ts';

/**
 * Sign-ups the resident has not confirmed: the partner is reminded once (after 14 days by
 * default) and the sign-up is deleted later (30 days), with a word to the partner. Both periods
 * are settings of the region. The partner is told the reference only, never anything personal.
 */
export async function tidyUnconfirmed(db: Db, now = new Date()): Promise<{ reminded: number; deleted: number }> {
  const rows = await db
    .select({ r: registrations, region: regions, partner: { email: users.email, language: users.language, name: users.name } })
    .from(registrations)
    .innerJoin(regions, eq(regions.id, registrations.regionId))
    .leftJoin(users, eq(users.id, registrations.partnerId))
    .where(and(eq(registrations.source, 'partner'), isNull(registrations.confirmedAt), eq(registrations.status, 'awaiting_confirmation')));
  let reminded = 0;
  let deleted = 0;
  for (const { r, region, partner } of rows) {
    const action = unconfirmedAction(r, region, now);
    if (!action) continue;
    await db.transaction(async (tx) => {
      if (action === 'delete') await tx.delete(registrations).where(and(eq(registrations.id, r.id), eq(registrations.status, 'awaiting_confirmation')));
      else await tx.update(registrations).set({ partnerRemindedAt: now }).where(eq(registrations.id, r.id));
      await logAccess(tx, {
        object: `registration:${r.id}`,
        action: action === 'delete' ? 'registration.deleted_unconfirmed' : 'registration.partner_reminded',
        authority: 'housekeeping',
      });
      if (partner && !r.partnerAccessRemovedAt) {
        await queueMail(tx, {
          to: partner.email,
          lang: partner.language,
          template: action === 'delete' ? 'partnerSignupDeleted' : 'partnerSignupReminder',
          values: { name: partner.name, reference: r.reference, link: mailLink('/partner', partner.language) },
          region,
        });
      }
    });
    if (action === 'delete') deleted++;
    else reminded++;
  }
  return { reminded, deleted };
}
