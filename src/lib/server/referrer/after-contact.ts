import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversations, regions, teamMembers, users } from '../db/schema/index.ts';
import type { Registration } from '../registrations/queries.ts';
import { readSignupProfile } from '../../profile.ts';

// Whom the resident contacts after the conversation (issue 21, item 10): the sign-up's own rule
// (`afterContact`), shown on /mijn and with the report (resident, share, referrer, PDF). The duo by
// first names with the team's phone number, or the referrer by name and practice.

export type AfterContact = { kind: 'duo'; names: string[]; phone: string } | { kind: 'referrer'; name: string; practice: string | null };

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/**
 * `conversationId`: the report's conversation; without it the sign-up's latest held one. A referral
 * whose referrer is gone (account removed) falls back to the duo, so the resident always has someone.
 */
export async function afterContactFor(
  db: Db,
  r: Pick<Registration, 'id' | 'regionId' | 'profile' | 'partnerId' | 'referrerPractice' | 'referral'>,
  conversationId?: string,
): Promise<AfterContact> {
  const rule = readSignupProfile(r.profile);
  if (rule.afterContact === 'referrer' && r.referral && r.partnerId) {
    const [u] = await db.select({ name: users.name, organisation: users.organisation }).from(users).where(eq(users.id, r.partnerId));
    if (u?.name) return { kind: 'referrer', name: u.name, practice: r.referrerPractice ?? u.organisation ?? null };
  }
  const [region] = await db.select({ phone: regions.contactPhone }).from(regions).where(eq(regions.id, r.regionId));
  const conversation =
    conversationId ??
    (
      await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.registrationId, r.id), eq(conversations.status, 'held')))
        .orderBy(desc(conversations.sequence))
        .limit(1)
    )[0]?.id;
  const duo = conversation
    ? await db
        .select({ name: teamMembers.name })
        .from(conversationDuo)
        .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
        .where(eq(conversationDuo.conversationId, conversation))
        .orderBy(asc(teamMembers.name))
    : [];
  return { kind: 'duo', names: duo.map((m) => firstName(m.name)).filter(Boolean), phone: region?.phone ?? '' };
}

/** The sentence itself, for the pages and the PDF alike. */
export function afterContactText(contact: AfterContact, t: (key: string, values?: Record<string, unknown>) => string, lang: string): string {
  if (contact.kind === 'referrer')
    return t(contact.practice ? 'after.referrer' : 'after.referrerNoPractice', { name: contact.name, practice: contact.practice ?? '' });
  if (contact.names.length === 0) return t('after.team', { phone: contact.phone });
  const names = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(contact.names);
  return t('after.duo', { names, phone: contact.phone });
}
