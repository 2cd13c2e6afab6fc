import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversationProposals, conversations, registrations, reportShares } from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { logAccess } from '../../src/lib/server/audit/log.ts';
import { lookWords } from '../../src/lib/server/audit/look-words.ts';
import { looksAt } from '../../src/lib/server/audit/who-looked.ts';
import { getT } from '../../src/lib/i18n/index.ts';
import { loadSignup } from '../../src/lib/server/planning/context.ts';
import { proposeMoments } from '../../src/lib/server/planning/propose.ts';
import { pickMoment } from '../../src/lib/server/planning/confirm.ts';
import { recordOutcome } from '../../src/lib/server/planning/outcome.ts';
import { changeAsDuo } from '../../src/lib/server/reports/duo.ts';
import { answerReport, reportsForResident } from '../../src/lib/server/reports/resident.ts';
import { createShare } from '../../src/lib/server/sharing/shares.ts';
import { readShared } from '../../src/lib/server/sharing/open.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { buildReportContent } from '../builders/reports.ts';
import { insertMember } from '../builders/team.ts';
import { useTestDatabase } from './database.ts';

// Issue 22, item 11: a resident reads "wie keek" for a conversation's whole life (planned, chosen,
// the naaste's invitation opened, held, the report written, approved, shared and read) and meets
// no internal code, in Dutch and in English, and the naaste is not "someone from the team".
const database = useTestDatabase();
const now = new Date('2026-03-20T12:00:00Z');
const ctx = requestContext;

async function wholeLife() {
  const db = database.db;
  const region = await insertRegion(db);
  const place = await insertLocation(db, region.id, { street: 'Raadhuisstraat 1', city: 'Doetinchem' });
  const resident = await insertUser(db);
  const planner = await insertUser(db, { roles: ['planner'] });
  const workers = [await insertUser(db, { roles: ['worker'] }), await insertUser(db, { roles: ['worker'] })];
  const members = [
    await insertMember(db, region.id, { userId: workers[0]!.id, countsAsGgz: true }),
    await insertMember(db, region.id, { userId: workers[1]!.id }),
  ];
  const details = {
    callName: 'Sanne',
    contact: { email: `sanne-${Math.random().toString(36).slice(2, 8)}@test.example`, voicemail: false, sms: false, senderNamed: true },
    naaste: { name: 'Kees', relation: 'broer', contact: 'kees@test.example', invite: true },
  };
  const [registration] = await db
    .insert(registrations)
    .values(
      buildRegistration(region.id, { residentId: resident.id, placeKind: 'catalogue', locationId: place.id, sealedDetails: seal(JSON.stringify(details)) }),
    )
    .returning();
  const actor = { userId: planner.id, role: 'planner', ipPrefix: ctx.ipPrefix, regionId: region.id };
  const signup = (await loadSignup(db, registration!.id))!;
  const moments = [{ date: '2026-03-24', time: '14:00', durationMinutes: 60 }];
  const proposed = await proposeMoments(db, actor, signup, { seen: 1, memberIds: members.map((m) => m.id), moments }, now);
  if (!proposed.ok) throw new Error('not proposed');
  const [option] = await db.select().from(conversationProposals).where(eq(conversationProposals.conversationId, proposed.conversationId));
  expect(await pickMoment(db, signup, option!.id, now)).toMatchObject({ ok: true });
  // The naaste opens the invitation: the page /naaste/[token] logs exactly this.
  await logAccess(db, { subjectId: resident.id, object: `registration:${registration!.id}`, action: 'invitation.viewed', authority: 'naaste:i1' });
  const [c] = await db.select().from(conversations).where(eq(conversations.registrationId, registration!.id));
  const duo = { userId: workers[0]!.id, role: 'worker', ipPrefix: null, regionId: region.id };
  expect(await recordOutcome(db, duo, c!.id, 'held', c!.version, new Date('2026-03-24T16:00:00Z'))).toEqual({ ok: true });
  await changeAsDuo(db, workers[0]!.id, region.id, c!.id, { kind: 'save', content: buildReportContent(), send: true }, ctx);
  const [report] = await reportsForResident(db, resident.id);
  await answerReport(db, resident.id, report!.id, { kind: 'approve' }, ctx);
  const made = await createShare(
    db,
    resident.id,
    {
      reportId: report!.id,
      relation: 'huisarts',
      scope: 'whole',
      endsAt: new Date(Date.now() + 86_400_000),
      notifyFirstOpen: false,
      name: 'Dokter Jansen',
      email: 'jansen@test.example',
      message: '',
    },
    ctx,
  );
  if (typeof made === 'string') throw new Error(made);
  const [share] = await db.select().from(reportShares).where(eq(reportShares.residentId, resident.id));
  expect(await readShared(db, share!, ctx)).not.toBeNull();
  return { db, resident };
}

describe('"wie keek" in words, for a conversation\'s whole life', () => {
  it('says every step in plain words in Dutch and English, with the naaste as the person the resident brings', async () => {
    const { db, resident } = await wholeLife();
    const looks = await looksAt(db, resident.id, new Date(0), new Date(Date.now() + 86_400_000));
    // Every kind of step is there (proposed, chosen, invitation, held, report written, approved, shared, read).
    expect(looks.every((l) => l.label !== null)).toBe(true);
    expect(new Set(looks.map((l) => l.label))).toEqual(new Set(['proposed', 'chose', 'invitationViewed', 'held', 'changed', 'approved', 'shared', 'viewed']));

    const sentences = (lang: string) =>
      looks.map((l) => {
        const w = lookWords(getT(lang, 'report'), l);
        return `${w.who} ${w.did}. ${w.why}`;
      });
    for (const lang of ['nl', 'en']) {
      const text = sentences(lang).join('\n');
      // No code: no dotted or underscored names, no untranslated key.
      expect(text).not.toMatch(/\b[a-z]+[._][a-z_.]+\b/);
      expect(text).not.toMatch(/looked\.|planning\.|registration\.|invitation\./);
    }
    const nl = sentences('nl');
    expect(nl).toContain('De persoon die jij meeneemt naar het gesprek opende de uitnodiging voor het gesprek. Jij nodigde die persoon uit voor het gesprek.');
    expect(nl).toContain('Jij koos een moment voor het gesprek. Het gaat over jou. Je was ingelogd.');
    expect(nl.some((s) => /^.+ \(planner\) stelde momenten voor het gesprek voor\. /.test(s))).toBe(true);
    expect(nl.some((s) => /^Iemand van het team schreef op dat het gesprek is gehouden\. Die persoon voert jouw gesprek\.$/.test(s))).toBe(true);
    expect(nl).toContain('Dokter Jansen (Huisarts) las je verslag. Jij deelde je verslag met die persoon.');
    expect(sentences('en')).toContain(
      'The person you bring to the conversation opened the invitation to the conversation. You invited this person to the conversation.',
    );
  });

  it('shows the same look by the same person in the same minute once, with how many times', async () => {
    const db = database.db;
    const resident = await insertUser(db);
    const planner = await insertUser(db, { roles: ['planner'] });
    const at = (s: number) => new Date(Date.UTC(2026, 2, 20, 12, 0, s));
    const look = (s: number, action: string = 'registration.viewed') => ({
      at: at(s),
      actorId: planner.id,
      actorRole: 'planner',
      subjectId: resident.id,
      object: 'registration:r1',
      action,
      authority: 'role:planner',
    });
    // Newest first: 12:01:01 and 12:00:59 are two minutes; the proposal splits the other two views of 12:00.
    await db.insert(accessLog).values([look(1), look(20), look(59), look(61), look(30, 'planning.propose')]);
    const looks = await looksAt(db, resident.id, at(0), at(120));
    expect(looks.map((l) => [l.label, l.count])).toEqual([
      ['viewed', 1],
      ['viewed', 1],
      ['proposed', 1],
      ['viewed', 2],
    ]);
  });
});
