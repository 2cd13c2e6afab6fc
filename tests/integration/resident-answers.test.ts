import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversationProposals, registrations } from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { getT } from '../../src/lib/i18n/index.ts';
import { lookWords } from '../../src/lib/server/audit/look-words.ts';
import { looksAt } from '../../src/lib/server/audit/who-looked.ts';
import { loadSignup } from '../../src/lib/server/planning/context.ts';
import { proposeMoments } from '../../src/lib/server/planning/propose.ts';
import { pickMoment } from '../../src/lib/server/planning/confirm.ts';
import { readResidentAnswers, type AnswersReader } from '../../src/lib/server/registrations/resident-answers.ts';
import { insertUser } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { insertMember } from '../builders/team.ts';
import { residentAnswersExpectations } from '../expectations/access.ts';
import { useTestDatabase } from './database.ts';

// Issue 23, item 1: what the resident told reaches the planner and the duo, each read is a look in
// the access log and in "wie keek", and nobody else on the team reads it.
const database = useTestDatabase();
const now = new Date('2026-03-20T12:00:00Z');
const ip = '192.0.2.0/24';

const told = {
  callName: 'Sanne',
  postcode: '7001 AB',
  contact: { phone: '0612345678', bestTimes: 'na 14.00 uur', voicemail: false, sms: true, senderNamed: false },
  topic: 'Ik slaap slecht sinds ik mijn werk kwijt ben.',
  help: 'Iemand die echt luistert.',
  address: 'Dorpsstraat 1',
  otherPlace: null,
  naaste: { name: 'Kees', relation: 'broer', contact: 'kees@test.example', invite: true },
  otherLanguage: 'Pools',
  accessibility: 'Ik gebruik een rolstoel: graag zonder trap.',
};

async function world() {
  const db = database.db;
  const region = await insertRegion(db);
  const other = await insertRegion(db);
  const inRegion = { regionId: region.id };
  const resident = await insertUser(db);
  const partner = await insertUser(db, { roles: ['partner'], ...inRegion });
  const people = {
    planner: await insertUser(db, { roles: ['planner'], ...inRegion }),
    duo: [await insertUser(db, { roles: ['worker'], ...inRegion }), await insertUser(db, { roles: ['worker'], ...inRegion })],
    outsider: await insertUser(db, { roles: ['worker'], ...inRegion }),
    partner,
    referrer: await insertUser(db, { roles: ['referrer'], ...inRegion }),
    admin: await insertUser(db, { roles: ['admin'], ...inRegion }),
    otherPlanner: await insertUser(db, { roles: ['planner'], regionId: other.id }),
  };
  const members = [
    await insertMember(db, region.id, { userId: people.duo[0]!.id, countsAsGgz: true }),
    await insertMember(db, region.id, { userId: people.duo[1]!.id }),
  ];
  await insertMember(db, region.id, { userId: people.outsider.id });
  const [registration] = await db
    .insert(registrations)
    .values(
      buildRegistration(region.id, {
        residentId: resident.id,
        source: 'partner',
        partnerId: partner.id,
        language: 'other',
        interpreter: true,
        sealedDetails: seal(JSON.stringify(told)),
      }),
    )
    .returning();
  const id = registration!.id;
  const reader = (userId: string, regionId = region.id): AnswersReader => ({ userId, regionId, ipPrefix: ip });
  const propose = async () => {
    const signup = (await loadSignup(db, id))!;
    const actor = { userId: people.planner.id, role: 'planner', ipPrefix: ip, regionId: region.id };
    const moments = [{ date: '2026-03-24', time: '14:00', durationMinutes: 60 }];
    const proposed = await proposeMoments(db, actor, signup, { seen: 1, memberIds: members.map((m) => m.id), moments }, now);
    if (!proposed.ok) throw new Error('not proposed');
    return { signup, conversationId: proposed.conversationId };
  };
  const agree = async (p: Awaited<ReturnType<typeof propose>>) => {
    const [option] = await db.select().from(conversationProposals).where(eq(conversationProposals.conversationId, p.conversationId));
    expect(await pickMoment(db, p.signup, option!.id, now)).toMatchObject({ ok: true });
  };
  const reads = (userId: string) =>
    db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorId, userId), eq(accessLog.object, `registration:${id}`), eq(accessLog.action, 'registration.answers_read')));
  return { db, region, resident, people, id, reader, propose, agree, reads };
}

describe("the resident's answers", () => {
  it('reach the planner and the planned duo, labelled as the resident gave them, each read logged and in "wie keek"', async () => {
    const w = await world();
    const planner = await readResidentAnswers(w.db, w.reader(w.people.planner.id), w.id, 'planner');
    expect(planner).toEqual({
      callName: 'Sanne',
      contact: told.contact,
      topic: told.topic,
      help: told.help,
      naaste: told.naaste,
      otherLanguage: 'Pools',
      accessibility: told.accessibility,
      language: 'other',
      interpreter: true,
    });
    await w.agree(await w.propose());
    for (const worker of w.people.duo) expect(await readResidentAnswers(w.db, w.reader(worker.id), w.id, 'duo')).toEqual(planner);

    expect(await w.reads(w.people.planner.id)).toMatchObject([{ actorRole: 'planner', authority: 'role:planner', subjectId: w.resident.id, ipPrefix: ip }]);
    for (const worker of w.people.duo) expect(await w.reads(worker.id)).toMatchObject([{ actorRole: 'worker', authority: 'duo', subjectId: w.resident.id }]);

    // The resident reads each of the three in "wie keek", with why it was allowed.
    const looks = (await looksAt(w.db, w.resident.id, new Date(0), new Date(Date.now() + 86_400_000))).filter((l) => l.label === 'answersRead');
    expect(looks).toHaveLength(3);
    const t = getT('nl', 'report');
    const sentences = looks.map((l) => {
      const words = lookWords(t, l);
      return `${words.did}. ${words.why}`;
    });
    expect(sentences.filter((s) => s === 'las wat je ons vertelde, om het gesprek voor te bereiden. Die persoon voert jouw gesprek.')).toHaveLength(2);
    expect(sentences).toContain('las wat je ons vertelde, om het gesprek voor te bereiden. Die persoon plant de gesprekken in jouw regio.');
  });

  // The independent expectations (tests/expectations/access.ts) decide who reads; this walks every row.
  it.each(Object.entries(residentAnswersExpectations))('%s: %s', async (who, expected) => {
    const w = await world();
    const p = await w.propose();
    if (who !== 'duo worker, while moments are only proposed') await w.agree(p);
    const [userId, regionId, via] = (
      {
        planner: [w.people.planner.id, w.region.id, 'planner'],
        'duo worker, once the moment is agreed': [w.people.duo[0]!.id, w.region.id, 'duo'],
        'duo worker, while moments are only proposed': [w.people.duo[0]!.id, w.region.id, 'duo'],
        'worker outside the duo': [w.people.outsider.id, w.region.id, 'duo'],
        partner: [w.people.partner.id, w.region.id, 'duo'],
        referrer: [w.people.referrer.id, w.region.id, 'duo'],
        'admin without emergency access': [w.people.admin.id, w.region.id, 'planner'],
        'planner of another region': [w.people.otherPlanner.id, w.people.otherPlanner.regionId, 'planner'],
      } as const
    )[who as keyof typeof residentAnswersExpectations];
    // Whichever reason someone would claim, a reader outside the expectations gets nothing.
    const results = await Promise.all((['planner', 'duo'] as const).map((v) => readResidentAnswers(w.db, w.reader(userId, regionId), w.id, v)));
    if (expected === 'reads') {
      expect((await readResidentAnswers(w.db, w.reader(userId, regionId), w.id, via))?.topic).toBe(told.topic);
    } else {
      expect(results).toEqual([null, null]);
      // Not found leaves no trace of a read that did not happen.
      expect(await w.reads(userId)).toEqual([]);
    }
  });
});
