import { DEFAULT_PROFILE, signupProfile } from '../../profile.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import { seal } from '../crypto/seal.ts';
import { hashToken } from '../auth/tokens.ts';
import { sealContent } from '../reports/content.ts';
import { defaultEndDate } from '../sharing/rules.ts';
import { hashAccessCode } from '../sharing/secrets.ts';
import { demoAccounts } from './accounts.ts';

// The report journey in the demo region: Sam has an approved report shared with their GP (open
// it at DEMO_SHARE.path with DEMO_SHARE.code); Kim and Noor each had a conversation whose report
// the duo (Sanne and Rachid) has yet to write. Fixed link and code: demo data only.
export const DEMO_SHARE = { path: '/gedeeld/demogedeeldverslagoostveld', code: 'DEMO-CODE' } as const;
const DUO = ['Sanne Hoekstra', 'Rachid El Amrani'];
const HELD_AT = new Date('2026-11-02T10:00:00+01:00');

const demoContent = {
  answers: {
    happened: 'Ik ben vorig jaar mijn baan kwijtgeraakt. Daarna ging het steeds slechter met slapen en zag ik weinig mensen.',
    resilience: 'Ik schrik snel van drukte. Ik heb wel een goede vriendin en ik wandel elke dag met de hond.',
    direction: 'Ik wil weer een vast ritme en iets doen waar ik me nuttig bij voel.',
    needs: 'Iemand die met me meedenkt over werk, en mensen die hetzelfde hebben meegemaakt.',
  },
  strengths: 'Doorzetten, zorgen voor anderen, eerlijk zeggen wat ik vind.',
  nextSteps: 'Ik ga naar de open dag van het herstelcollege. Met de buurtcoach maak ik een afspraak over vrijwilligerswerk.',
  offerIds: [] as string[],
  scores: { body: 6, mental: 4, meaning: 5, quality: 5, participation: 3, daily: 6 },
};

export async function seedDemoReports(tx: Db, regionId: string): Promise<void> {
  const people = await tx.select().from(schema.users);
  const byEmail = (email: string) => people.find((p) => p.email === email)!;
  // The demo workers sign in as the team members of the same name.
  for (const name of DUO) {
    const account = people.find((p) => p.name === name);
    if (account) await tx.update(schema.teamMembers).set({ userId: account.id }).where(eq(schema.teamMembers.name, name));
  }
  const members = await tx.select().from(schema.teamMembers).where(eq(schema.teamMembers.regionId, regionId));
  const duo = members.filter((m) => DUO.includes(m.name));
  // Oostveld's residents only: other demo regions seed their own.
  const residents = demoAccounts.filter((a) => a.roles.includes('resident') && a.email.endsWith('@oostveld.example'));
  for (const [i, account] of residents.entries()) {
    const resident = byEmail(account.email);
    const details = {
      callName: account.name.split(' ')[0],
      postcode: '7001 AB',
      contact: { email: account.email, voicemail: false, sms: false, senderNamed: true },
    };
    const [registration] = await tx
      .insert(schema.registrations)
      .values({
        reference: `HOG-DEM${i}V`,
        regionId,
        residentId: resident.id,
        status: i === 0 ? 'report_ready' : 'held',
        sealedDetails: seal(JSON.stringify(details)),
        birthYear: 1985,
        postcodeArea: '7001',
        placeKind: 'home',
        availability: { days: ['di'], parts: ['middag'], asap: true, from: null },
        profile: signupProfile(DEFAULT_PROFILE, 'warn', 'open'),
        language: 'nl',
        consentVersion: 'demo',
        consentAt: HELD_AT,
      })
      .returning();
    const [conversation] = await tx
      .insert(schema.conversations)
      .values({ registrationId: registration!.id, regionId, sequence: 1, status: 'held', startsAt: HELD_AT, durationMinutes: 90, placeKind: 'home' })
      .returning();
    await tx.insert(schema.conversationDuo).values(duo.map((m) => ({ conversationId: conversation!.id, teamMemberId: m.id })));
    if (i === 0) await seedSharedReport(tx, registration!.id, conversation!.id, resident.id);
  }
}

async function seedSharedReport(tx: Db, registrationId: string, conversationId: string, residentId: string) {
  const [report] = await tx
    .insert(schema.reports)
    .values({ registrationId, conversationId, status: 'approved', sealedContent: sealContent(demoContent), sentAt: HELD_AT })
    .returning();
  const addition = 'De hond heet Bo. Ze helpt me elke dag naar buiten te gaan.';
  await tx
    .insert(schema.reportVersions)
    .values({ reportId: report!.id, version: 1, sealedContent: sealContent({ ...demoContent, addition }), approvedVia: 'resident' });
  const id = crypto.randomUUID();
  await tx.insert(schema.reportShares).values({
    id,
    reportId: report!.id,
    residentId,
    tokenHash: hashToken(DEMO_SHARE.path.split('/').at(-1)!),
    codeHash: hashAccessCode(id, DEMO_SHARE.code),
    sealedRecipient: seal(
      JSON.stringify({
        name: 'Dokter Jansen',
        email: 'praktijk.brinkhoek@oostveld.example',
        message: 'Dit is wat ik afsprak na mijn gesprek.',
        lang: 'nl',
      }),
    ),
    relation: 'huisarts',
    scope: 'next_steps',
    endsAt: defaultEndDate(new Date()),
  });
}
