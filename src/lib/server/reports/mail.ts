import type { Db } from '../db/client.ts';
import { getT } from '../../i18n/index.ts';
import type { RequestContext } from '../accounts/context.ts';
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
  const pdf = await reportPdf(version, await offersByIds(tx, version.content.offerIds, lang), lang, (key, values = {}) => t(key, values), date);
  return queueMail(tx, {
    to: details.contact.email,
    lang: ctx.lang === lang ? ctx.lang : lang,
    template: 'reportApproved',
    values: { name: details.callName },
    discreet: details.contact.senderNamed !== true,
    attachments: [{ filename: t('pdf.fileName', { version: version.version }), content: Buffer.from(pdf).toString('base64'), encoding: 'base64', contentType: 'application/pdf' }],
  });
}
