import { DEFAULT_PROFILE, signupProfile } from '../../profile.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import { seal } from '../crypto/seal.ts';
import { newReference } from '../registrations/rules.ts';
import { fromWall, toWall } from '../planning/time.ts';
import { invitationExpiry } from '../planning/rules.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';

const DAY = 86_400_000;

// A sign-up in each planning state, so `npm start` shows the whole flow: one waiting in the queue,
// one planned (the demo resident's, with the duo of the demo worker), one held. Fictional people.
const people = {
  waiting: { callName: 'Yara', contact: { phone: '0612000001', voicemail: true, sms: false, senderNamed: true }, naaste: null },
  planned: {
    callName: 'Sam',
    contact: { phone: '0612000002', voicemail: true, sms: true, senderNamed: true },
    naaste: { name: 'Lotte', relation: 'zus', contact: 'lotte@oostveld.example', invite: true },
  },
  held: { callName: 'Daan', contact: { phone: '0612000003', voicemail: false, sms: false, senderNamed: true }, naaste: null },
};

const base = { topic: null, help: null, address: null, otherPlace: null, otherLanguage: null, accessibility: null, postcode: '7001 AB' };

export async function seedDemoPlanning(tx: Db, regionId: string, now: Date): Promise<void> {
  const members = await tx.select().from(schema.teamMembers).where(eq(schema.teamMembers.regionId, regionId));
  const places = await tx.select().from(schema.locations).where(eq(schema.locations.regionId, regionId));
  const [resident] = await tx.select().from(schema.users).where(eq(schema.users.email, 'inwoner@oostveld.example'));
  const library = places.find((p) => p.kind === 'library') ?? places[0]!;
  const byName = (name: string) => members.find((m) => m.name === name)!;
  const duo = [byName('Sanne Hoekstra'), byName('Tom Gerritsen')];
  const sign = (who: keyof typeof people, daysAgo: number, extra: Partial<typeof schema.registrations.$inferInsert>) => ({
    regionId,
    reference: newReference(),
    sealedDetails: seal(JSON.stringify({ ...base, ...people[who] })),
    birthYear: 1980,
    postcodeArea: '7001',
    placeKind: 'catalogue' as const,
    locationId: library.id,
    availability: { days: ['di', 'do'], parts: ['middag'], asap: true, from: null },
    language: 'nl',
    consentVersion: 'demo',
    profile: signupProfile(DEFAULT_PROFILE, 'warn', 'open'),
    consentAt: new Date(now.getTime() - daysAgo * DAY),
    createdAt: new Date(now.getTime() - daysAgo * DAY),
    ...extra,
  });
  const [, planned, held] = await tx
    .insert(schema.registrations)
    .values([
      sign('waiting', 3, {}),
      sign('planned', 12, { residentId: resident?.id ?? null, status: 'planned', withNaaste: true, firstContactAt: new Date(now.getTime() - 9 * DAY) }),
      sign('held', 40, { status: 'held', firstContactAt: new Date(now.getTime() - 35 * DAY), firstConversationAt: new Date(now.getTime() - 20 * DAY) }),
    ])
    .returning();
  // The planned conversation: a week from now at 14:00 on the Amsterdam clock.
  const wall = fromWall(toWall(new Date(now.getTime() + 7 * DAY)).date, '14:00');
  const startsAt = wall.ok ? wall.at : new Date(now.getTime() + 7 * DAY);
  const conversation = (r: typeof planned, status: 'confirmed' | 'held', at: Date) => ({
    registrationId: r!.id,
    regionId,
    sequence: 1,
    status,
    startsAt: at,
    durationMinutes: 60,
    placeKind: 'catalogue' as const,
    locationId: library.id,
    confirmedVia: 'phone' as const,
    confirmedAt: now,
  });
  const [c1, c2] = await tx
    .insert(schema.conversations)
    .values([
      conversation(planned, 'confirmed', startsAt),
      { ...conversation(held, 'held', new Date(now.getTime() - 20 * DAY)), outcomeAt: new Date(now.getTime() - 20 * DAY) },
    ])
    .returning();
  await tx.insert(schema.conversationDuo).values([c1!, c2!].flatMap((c) => duo.map((m) => ({ conversationId: c.id, teamMemberId: m.id }))));
  await tx.insert(schema.conversationReminders).values({ conversationId: c1!.id, recipient: 'resident', dueAt: new Date(startsAt.getTime() - DAY) });
  // Sam asked us to invite Lotte: the invitation went out when the date was set, and she said yes
  // (the link's token is thrown away, as it is once mailed).
  await tx.insert(schema.naasteInvitations).values({
    conversationId: c1!.id,
    tokenHash: hashToken(generateToken()),
    answer: 'yes',
    answeredAt: now,
    expiresAt: invitationExpiry(startsAt, 60),
  });
}
