import type { Db } from '../../src/lib/server/db/client.ts';
import { conversationDuo, conversations, teamMembers, type Role } from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import type { ReportContent } from '../../src/lib/server/reports/rules.ts';
import type { SignupProfile } from '../../src/lib/profile.ts';
import { insertUser } from './accounts.ts';
import { insertRegion } from './region.ts';
import { buildRegistration } from './registrations.ts';
import { registrations } from '../../src/lib/server/db/schema/index.ts';

/** A worker account with its team member row, in a region. */
export async function insertWorker(db: Db, regionId: string, roles: Role[] = ['worker']) {
  const user = await insertUser(db, { roles });
  const [member] = await db
    .insert(teamMembers)
    .values({ regionId, userId: user.id, name: `Medewerker ${user.id.slice(0, 4)}`, discipline: 'buurtcoach', email: user.email })
    .returning();
  return { user, member: member! };
}

/** A resident's sign-up with a held conversation and its duo: where a report starts. */
export async function insertHeldConversation(db: Db, options: { callName?: string; email?: string; profile?: SignupProfile; senderNamed?: boolean } = {}) {
  const region = await insertRegion(db);
  const resident = await insertUser(db, { roles: ['resident'], ...(options.email ? { email: options.email } : {}) });
  const details = { callName: options.callName ?? 'Robin', contact: { email: resident.email, senderNamed: options.senderNamed ?? true } };
  const [registration] = await db
    .insert(registrations)
    .values(
      buildRegistration(region.id, {
        residentId: resident.id,
        status: 'held',
        sealedDetails: seal(JSON.stringify(details)),
        ...(options.profile ? { profile: options.profile } : {}),
      }),
    )
    .returning();
  const [conversation] = await db
    .insert(conversations)
    .values({
      registrationId: registration!.id,
      regionId: region.id,
      sequence: 1,
      status: 'held',
      startsAt: new Date('2026-03-02T10:00:00Z'),
      durationMinutes: 90,
      placeKind: 'home',
    })
    .returning();
  const first = await insertWorker(db, region.id);
  const second = await insertWorker(db, region.id);
  await db.insert(conversationDuo).values([first, second].map((w) => ({ conversationId: conversation!.id, teamMemberId: w.member.id })));
  return { region, resident, registration: registration!, conversation: conversation!, duo: [first.user, second.user] as const };
}

export function buildReportContent(overrides: Partial<ReportContent> = {}): ReportContent {
  return {
    answers: { happened: 'Ik verloor mijn werk.', resilience: 'Ik wandel veel.', direction: 'Weer meedoen.', needs: 'Iemand om mee te praten.' },
    strengths: 'Doorzetten.',
    nextSteps: 'Aanmelden bij het herstelcollege.',
    offerIds: [],
    scores: { body: 6, mental: 4, meaning: 7, quality: 5, participation: 3, daily: 6 },
    ...overrides,
  };
}
