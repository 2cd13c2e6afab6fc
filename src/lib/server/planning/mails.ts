import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, teamMembers, users } from '../db/schema/index.ts';
import { getT } from '../../i18n/index.ts';
import { localizePath } from '../../i18n/paths.ts';
import { config } from '../config.ts';
import { queueMail } from '../mail/queue.ts';
import type { MailRegion } from '../mail/templates.ts';
import { placeName } from '../locations/queries.ts';
import type { MailTemplate } from '../mail/templates.ts';
import { calendarFile, icsAttachment } from './ics.ts';
import type { SignupContext } from './context.ts';
import { dateFormat } from '../../i18n/dates.ts';

export const link = (path: string, lang: string) => `${config().publicOrigin}${localizePath(path, lang)}`;

/**
 * The place as text, as each reader needs it. The resident reads their own choice ("Bij mij thuis").
 * The duo (`forDuo`) reads "at the resident's home" with the address, once confirmed. The invited
 * naaste (`forNaaste`) reads whose home and its address: they must know where to go. Discreet mail
 * leaves out a catalogue name that could say what it is about (the naaste still gets its address).
 */
export function placeText(
  ctx: SignupContext,
  lang: string,
  opts: { forDuo?: boolean; forNaaste?: boolean; forStaff?: boolean; discreet?: boolean } = {},
): string {
  const s = getT(lang, 'signup');
  const p = getT(lang, 'planning');
  const r = ctx.registration;
  const address = ctx.details.address?.trim();
  if (r.placeKind === 'home') {
    if (opts.forDuo) return address ? `${p('place.homeResident')}: ${address}` : p('place.homeResident');
    // Other staff read whose home it is, never the address.
    if (opts.forStaff) return p('place.homeResident');
    if (opts.forNaaste) return [p('place.homeOf', { name: ctx.details.callName }), address].filter(Boolean).join(', ');
    return s('place.home');
  }
  if (r.placeKind === 'walk') return s('place.walk');
  // No place of their own written down: a sign-up moved from another region, whose place could not follow.
  if (r.placeKind === 'other') return ctx.details.otherPlace ? `${s('place.other')}: ${ctx.details.otherPlace}` : s('place.other');
  const street = ctx.location ? [ctx.location.street, ctx.location.postcode, ctx.location.city].filter(Boolean).join(', ') : '';
  if (opts.forNaaste && opts.discreet && street) return street;
  if (!ctx.location || opts.discreet) return p('place.agreed');
  return [placeName(ctx.location, lang), street].filter(Boolean).join(', ');
}

export const momentLine = (lang: string, startsAt: Date, minutes: number) =>
  getT(lang, 'planning')('moment', { when: dateFormat(lang, 'fullDateTime').format(startsAt), minutes });

type Conversation = { id: string; version: number; startsAt: Date; durationMinutes: number };

/** The .ics for one reader: the title says nothing about health, the place as that reader may see it. */
export function icsFor(
  ctx: SignupContext,
  c: Conversation,
  lang: string,
  opts: { forDuo?: boolean; forNaaste?: boolean; discreet?: boolean; cancelled?: boolean } = {},
) {
  const t = getT(lang, 'planning');
  return calendarFile({
    uid: c.id,
    sequence: c.version,
    startsAt: c.startsAt,
    durationMinutes: c.durationMinutes,
    title: opts.forDuo ? t('ics.titleDuo', { reference: ctx.registration.reference }) : t('ics.title'),
    location: placeText(ctx, lang, opts),
    description: opts.forDuo ? t('ics.descriptionDuo') : opts.forNaaste ? t('ics.descriptionNaaste', { name: ctx.details.callName }) : t('ics.description'),
    cancelled: !!opts.cancelled,
  });
}

/** `region`: the sign-up's region, which signs the mail (see mail/templates.ts). */
type Send = {
  to: string;
  lang: string;
  template: MailTemplate;
  details: string[];
  link?: string;
  discreet?: boolean;
  ics?: string;
  name?: string;
  /** Who the mail is about, for a reader other than the resident: the naaste reads whose conversation. */
  sender?: string;
  region?: MailRegion;
};

export async function send(tx: Db, m: Send): Promise<void> {
  await queueMail(tx, {
    to: m.to,
    lang: m.lang,
    template: m.template,
    discreet: !!m.discreet,
    region: m.region,
    values: { details: m.details, ...(m.link ? { link: m.link } : {}), ...(m.name ? { name: m.name } : {}), ...(m.sender ? { sender: m.sender } : {}) },
    ...(m.ics ? { attachments: [icsAttachment(m.ics)] } : {}),
  });
}

/** The naaste's e-mail address, when what the resident wrote as their contact is one. */
export const naasteEmail = (ctx: SignupContext): string | null => {
  const contact = ctx.details.naaste?.contact?.trim() ?? '';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact) ? contact : null;
};

/**
 * The two members of a conversation's duo, with the address their mail goes to and the language of
 * their worker account (Dutch for a member not yet tied to one).
 */
export async function duoOf(tx: Db, conversationId: string) {
  const rows = await tx
    .select({ email: teamMembers.email, name: teamMembers.name, discipline: teamMembers.discipline, language: users.language })
    .from(conversationDuo)
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .leftJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(conversationDuo.conversationId, conversationId));
  return rows.map(({ language, ...m }) => ({ ...m, lang: language ?? 'nl' }));
}

/** The duo hears of every change the resident makes to an agreed conversation, each in their own language. */
export async function tellDuo(tx: Db, conversationId: string, details: (lang: string) => string[]): Promise<void> {
  for (const m of await duoOf(tx, conversationId))
    await send(tx, {
      to: m.email,
      lang: m.lang,
      name: m.name,
      template: 'conversationChanged',
      details: details(m.lang),
      link: link('/team/gesprekken', m.lang),
    });
}

/** The invited naaste hears the conversation is off for them: the invitation withdrawn, or the whole sign-up cancelled. */
export async function tellNaasteOff(
  tx: Db,
  ctx: SignupContext,
  template: 'naasteWithdrawn' | 'naasteCancelled',
  c: { startsAt: Date | null; durationMinutes: number },
): Promise<void> {
  const to = naasteEmail(ctx);
  if (!to || !c.startsAt) return;
  await send(tx, {
    region: ctx.region,
    to,
    lang: ctx.resident.lang,
    discreet: ctx.resident.discreet,
    ...(ctx.details.naaste?.name ? { name: ctx.details.naaste.name } : {}),
    sender: ctx.details.callName,
    template,
    details: [momentLine(ctx.resident.lang, c.startsAt, c.durationMinutes)],
  });
}
