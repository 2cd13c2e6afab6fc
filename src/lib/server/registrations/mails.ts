import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { memberships, regions, registrations, users } from '../db/schema/index.ts';
import type { MailRegion } from '../mail/templates.ts';
import { getT } from '../../i18n/index.ts';
import type { SignupAnswers } from '../../schemas/signup.ts';
import { findLocation, placeName } from '../locations/queries.ts';
import { openDetails } from './queries.ts';

type Complete = Required<Pick<SignupAnswers, 'contact' | 'place' | 'when' | 'naaste'>>;

/** "Nee" to the service's name in mail: only an explicit yes lifts it, so an unanswered draft is discreet too. */
export const isDiscreet = (contact: { senderNamed?: boolean } | undefined): boolean => contact?.senderNamed !== true;

/** Mail about an account follows the resident's sign-ups: one "nee" anywhere makes all their mail discreet. */
export async function wantsDiscreetMail(db: Db, userId: string): Promise<boolean> {
  const rows = await db.select().from(registrations).where(eq(registrations.residentId, userId));
  return rows.some((r) => openDetails(r).contact.senderNamed === false);
}

/**
 * How a mail about an account reads: discreet as above, greeting the person by name (their account's
 * name, or the call name of their newest sign-up) and closing with the phone number of their region
 * (their newest sign-up's, or for staff and partners the region they work in). Null where unknown.
 */
export async function accountMailStyle(db: Db, userId: string): Promise<{ discreet: boolean; name: string | null; region: MailRegion | null }> {
  const region = { name: regions.name, contactPhone: regions.contactPhone, contactEmail: regions.contactEmail };
  const signups = await db
    .select({ registration: registrations, region })
    .from(registrations)
    .innerJoin(regions, eq(regions.id, registrations.regionId))
    .where(eq(registrations.residentId, userId))
    .orderBy(desc(registrations.createdAt));
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  const [work] = signups.length
    ? []
    : await db.select({ region }).from(memberships).innerJoin(regions, eq(regions.id, memberships.regionId)).where(eq(memberships.userId, userId)).limit(1);
  return {
    discreet: signups.some((r) => openDetails(r.registration).contact.senderNamed === false),
    name: user?.name?.trim() || (signups[0] ? openDetails(signups[0].registration).callName : null),
    region: signups[0]?.region ?? work?.region ?? null,
  };
}

/**
 * What the resident chose, as lines for a mail. Discreet mail leaves out a place from the catalogue:
 * its name ("GGZ ...", "Stadskamer ...") could say what the conversation is about.
 */
export async function choiceLines(db: Db, a: Complete, lang: string, discreet: boolean): Promise<string[]> {
  const t = getT(lang, 'mail');
  const s = getT(lang, 'signup');
  const p = a.place.place;
  let place: string | null = null;
  if (p === 'home') place = s('place.home');
  else if (p === 'walk') place = s('place.walk');
  else if (p === 'other') place = `${s('place.other')}: ${a.place.otherPlace ?? ''}`;
  else if (!discreet) {
    const location = await findLocation(db, p.slice('location:'.length));
    place = location ? placeName(location, lang) : null;
  }
  // Dutch writes weekdays in lower case mid-sentence; English always capitalises them.
  const days = a.when.days.map((d) => (lang === 'en' ? s(`when.day.${d}`) : s(`when.day.${d}`).toLowerCase())).join(', ');
  const parts = a.when.parts.map((x) => s(`when.part.${x}`).toLowerCase()).join(', ');
  const n = a.naaste;
  const naaste = !n.withNaaste
    ? t('choices.alone')
    : n.inviteNaaste
      ? t('choices.invite', { name: n.naasteName })
      : t('choices.noInvite', { name: n.naasteName });
  return [
    ...(place ? [t('choices.place', { place })] : []),
    t('choices.when', { days, parts }),
    a.when.start === 'from' && a.when.from ? t('choices.from', { date: a.when.from }) : t('choices.asap'),
    naaste,
    ...(n.interpreter ? [t('choices.interpreter')] : []),
  ];
}
