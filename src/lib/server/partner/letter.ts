import { getT } from '../../i18n/index.ts';
import { localizePath } from '../../i18n/paths.ts';
import type { Db } from '../db/client.ts';
import { logAccess } from '../audit/log.ts';
import { config } from '../config.ts';
import type { RequestContext } from '../accounts/context.ts';
import { renderDocument } from '../pdf/index.ts';
import type { Region } from '../region/queries.ts';
import { openDetails } from '../registrations/queries.ts';
import { issueConfirmation } from './confirmations.ts';
import { CONFIRMATION_DAYS } from './rules.ts';
import { findAwaitingForPartner } from './queries.ts';

/**
 * The letter a partner hands to the resident: reference, a new code and where to enter them, in
 * B1 Dutch (English when the resident chose English). A new letter replaces the earlier letter's
 * code (`role`: a referrer's letter is logged as theirs). Null when the sign-up is not this
 * partner's or no longer waits (the caller answers 404).
 */
export async function letterForResident(
  db: Db,
  region: Region,
  partnerId: string,
  registrationId: string,
  ctx: RequestContext,
  role: 'partner' | 'referrer' = 'partner',
) {
  return db.transaction(async (tx) => {
    const r = await findAwaitingForPartner(tx, partnerId, region.id, registrationId);
    if (!r) return null;
    const { code } = await issueConfirmation(tx, r, false);
    await logAccess(tx, {
      actorId: partnerId,
      actorRole: role,
      object: `registration:${r.id}`,
      action: 'registration.letter_printed',
      authority: 'partner:own_signup',
      ipPrefix: ctx.ipPrefix,
    });
    const lang = r.language === 'en' ? 'en' : 'nl';
    const t = getT(lang, 'partner');
    const address = `${config().publicOrigin}${localizePath('/bevestigen-aanmelding', lang)}`;
    const name = openDetails(r).callName;
    const pdf = await renderDocument({ title: t('letter.title'), lang: lang === 'en' ? 'en-GB' : 'nl-NL', author: region.name }, [
      { kind: 'heading', text: t('letter.title') },
      { kind: 'paragraph', text: t('letter.greeting', { name }) },
      { kind: 'paragraph', text: t('letter.why') },
      { kind: 'paragraph', text: t('letter.how', { address }) },
      { kind: 'highlight', label: t('letter.reference'), value: r.reference },
      { kind: 'highlight', label: t('letter.code'), value: code },
      { kind: 'paragraph', text: t('letter.until', { days: CONFIRMATION_DAYS }) },
      { kind: 'paragraph', text: t('letter.noComputer', { phone: region.contactPhone }) },
      { kind: 'paragraph', text: t('letter.notYou') },
      { kind: 'heading', level: 2, text: t('letter.crisisTitle') },
      { kind: 'paragraph', text: t('letter.crisis') },
    ]);
    return { pdf, reference: r.reference };
  });
}
