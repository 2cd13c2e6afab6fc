import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { regions, users } from '../db/schema/index.ts';
import { getT } from '../../i18n/index.ts';
import { mailLink, type RequestContext } from '../accounts/context.ts';
import { queueMail } from '../mail/queue.ts';
import { openDetails, type Registration } from '../registrations/queries.ts';
import { offersByIds } from './offers.ts';
import { reportPdf } from './pdf.ts';
import type { ApprovedVersion } from './resident.ts';
import { dateFormat } from '../../i18n/dates.ts';

/**
 * After an approval by phone the resident gets the report as a PDF by e-mail, in the same
 * transaction (often they have no account to read it in). Only to the address they gave, and
 * discreet when they asked for that. Returns whether a mail was written.
 */
export async function mailApprovedReport(tx: Db, registration: Registration, version: ApprovedVersion, ctx: RequestContext): Promise<boolean> {
  const details = openDetails(registration);
  if (!details.contact.email) return false;
  const lang = registration.language === 'en' ? 'en' : 'nl';
  const t = getT(lang, 'report');
  const date = dateFormat(lang, 'date').format(version.approvedAt);
  const [region] = await tx.select().from(regions).where(eq(regions.id, registration.regionId));
  const pdf = await reportPdf(version, await offersByIds(tx, version.content.offerIds, lang), lang, (key, values = {}) => t(key, values), date);
  return queueMail(tx, {
    to: details.contact.email,
    lang: ctx.lang === lang ? ctx.lang : lang,
    template: 'reportApproved',
    values: { name: details.callName },
    discreet: details.contact.senderNamed !== true,
    region,
    attachments: [{ filename: t('pdf.fileName', { version: version.version }), content: Buffer.from(pdf).toString('base64'), encoding: 'base64', contentType: 'application/pdf' }],
  });
}

/**
 * "Naar de inwoner": the resident hears that the report waits for them, with what to do (read,
 * approve or ask for a change, then decide who sees it). Only a resident with an account can sign
 * in to read it; one without is called by the duo, who record an approval by phone. Discreet mail
 * names neither the service nor what waits. Returns whether a mail was written.
 */
export async function mailReportReady(tx: Db, registration: Registration): Promise<boolean> {
  if (!registration.residentId) return false;
  const details = openDetails(registration);
  const [user] = await tx.select({ email: users.email, language: users.language }).from(users).where(eq(users.id, registration.residentId));
  const to = details.contact.email ?? user?.email;
  if (!to) return false;
  const lang = user?.language === 'en' ? 'en' : 'nl';
  const [region] = await tx.select().from(regions).where(eq(regions.id, registration.regionId));
  return queueMail(tx, {
    to,
    lang,
    template: 'reportReady',
    values: { name: details.callName, link: mailLink('/mijn/verslag', lang) },
    discreet: details.contact.senderNamed !== true,
    region,
  });
}
