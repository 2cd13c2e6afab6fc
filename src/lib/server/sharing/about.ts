import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversations, regions, teamMembers } from '../db/schema/index.ts';
import { regionValues } from '../region/contact.ts';

// A GP or a neighbourhood coach who opens a shared report has never heard of the portal: they get
// the conversation it came from (when, by whom, for which region) and whom to call with questions.
// Only first names of the duo, as the resident knows them; the region's public contact, no one's
// own number.

export type AboutConversation = {
  /** When the conversation took place; null for a report without a planned conversation. */
  heldOn: Date | null;
  /** First names of the duo, sorted; empty when none is known. */
  duo: string[];
  regionName: string;
  phone: string;
  email: string;
};

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

export async function aboutConversation(db: Db, regionId: string, conversationId: string | null, lang: string): Promise<AboutConversation> {
  const [conversation] = conversationId
    ? await db.select({ startsAt: conversations.startsAt }).from(conversations).where(eq(conversations.id, conversationId))
    : [];
  const duo = conversationId
    ? await db
        .select({ name: teamMembers.name })
        .from(conversationDuo)
        .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
        .where(eq(conversationDuo.conversationId, conversationId))
        .orderBy(asc(teamMembers.name))
    : [];
  // Read here, not from the region cache: one row, and a region made a moment ago is there too.
  const [row] = await db.select().from(regions).where(eq(regions.id, regionId));
  const region = regionValues(row ?? null, lang);
  return {
    heldOn: conversation?.startsAt ?? null,
    duo: duo.map((m) => firstName(m.name)).filter(Boolean),
    regionName: region['regionName'] ?? '',
    phone: region['phone'] ?? '',
    email: region['email'] ?? '',
  };
}
