import { randomBytes } from 'node:crypto';
import { and, count, eq, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import {
  contactNotes,
  conversationProposals,
  planningRequests,
  conversations,
  idempotencyKeys,
  naasteInvitations,
  registrations,
  reports,
  reportShares,
  reportVersions,
  users,
} from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { deleteOldKeys, KEEP_KEYS_MS, once } from '../../src/lib/server/db/once.ts';
import { submitForResident } from '../../src/lib/server/partner/submit.ts';
import { recordContact } from '../../src/lib/server/planning/contact.ts';
import { loadSignup } from '../../src/lib/server/planning/context.ts';
import { askPlanners } from '../../src/lib/server/planning/outcome.ts';
import { pickMoment } from '../../src/lib/server/planning/confirm.ts';
import { proposeMoments } from '../../src/lib/server/planning/propose.ts';
import { saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { changeAsDuo } from '../../src/lib/server/reports/duo.ts';
import { answerReport, reportsForResident } from '../../src/lib/server/reports/resident.ts';
import { createShare } from '../../src/lib/server/sharing/shares.ts';
import { insertUser, requestContext, TEST_PASSWORD } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { buildReportContent, insertHeldConversation } from '../builders/reports.ts';
import { insertMember } from '../builders/team.ts';
import { mailsTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

// Issue 20, items 2 and 3: every action that makes something, posted twice at once with the same
// form (the same draft, the same `once` key), twenty times: no error, one thing made, one answer.
// On PostgreSQL the two really run at once (each on its own connection); PGlite runs them in turn.
const database = useTestDatabase();
const ROUNDS = 20;
const key = () => randomBytes(18).toString('base64url');
const now = new Date('2026-03-20T12:00:00Z');

/** Both posts of a double click; neither may fail, and both get the same answer. */
async function twice<T>(post: () => Promise<T>): Promise<T> {
  const settled = await Promise.allSettled([post(), post()]);
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [String((s.reason as Error)?.message ?? s.reason)] : []));
  expect(failed).toEqual([]);
  const [a, b] = settled.map((s) => (s as PromiseFulfilledResult<T>).value);
  expect(b).toEqual(a);
  return a!;
}

const rows = async (db: Db, table: PgTable, where: SQL | undefined) => (await db.select({ n: count() }).from(table).where(where))[0]!.n;

const answers = (email: string): SignupAnswers => ({
  about: { callName: 'Dubbel', birthYear: 1985, postcode: '7001 AB' },
  contact: { email, voicemail: false, sms: false, senderNamed: true },
  topic: {},
  place: { place: 'walk' },
  when: { days: ['di'], parts: ['middag'], start: 'asap' },
  naaste: { withNaaste: false, language: 'nl', interpreter: false },
});

describe('a double submit of every action that makes something', () => {
  it('a sign-up with a new account: one sign-up, one account, the same answer', { timeout: 120_000 }, async () => {
    const db = database.db;
    const region = await insertRegion(db, { postcodeAreas: ['7001'] });
    for (let round = 0; round < ROUNDS; round++) {
      const email = `dubbel-${round}-${key()}@test.example`.toLowerCase();
      const draft = await saveDraft(db, undefined, answers(email));
      const ctx = { ...requestContext, ipPrefix: `10.20.${round}.0/24` };
      const answer = await twice(() => submitRegistration(db, region, draft, { signedIn: null, newAccountPassword: TEST_PASSWORD }, ctx));
      expect(answer).toMatchObject({ ok: true, accountMailed: true });
      expect(await rows(db, users, eq(users.email, email))).toBe(1);
      expect(await rows(db, registrations, eq(registrations.regionId, region.id))).toBe(round + 1);
    }
  });

  it("a partner's sign-up: one sign-up, one mail to the resident, the same answer", { timeout: 120_000 }, async () => {
    const db = database.db;
    const region = await insertRegion(db, { postcodeAreas: ['7001'] });
    const partner = await insertUser(db, { roles: ['partner'] });
    for (let round = 0; round < ROUNDS; round++) {
      const email = `partner-${round}-${key()}@test.example`.toLowerCase();
      const partnerAnswers = { ...answers(email), partner: { consentMethod: 'in_person', contactPerson: 'resident', partnerInformed: true } } as SignupAnswers;
      const draft = await saveDraft(db, undefined, partnerAnswers, new Date(), partner.id);
      const answer = await twice(() => submitForResident(db, region, partner, draft, requestContext));
      expect(answer).toMatchObject({ ok: true, mailed: true });
      expect(await rows(db, registrations, eq(registrations.partnerId, partner.id))).toBe(round + 1);
      expect(await mailsTo(db, email)).toHaveLength(1);
    }
  });

  it("a planner's proposal and the resident's pick (with the naaste's invitation): one of each", { timeout: 120_000 }, async () => {
    const db = database.db;
    const region = await insertRegion(db);
    const place = await insertLocation(db, region.id);
    const planner = await insertUser(db, { roles: ['planner'] });
    const actor = { userId: planner.id, role: 'planner', ipPrefix: '192.0.2.0/24' };
    for (let round = 0; round < ROUNDS; round++) {
      const resident = await insertUser(db);
      // A new duo each round: their earlier conversations would clash with the same moments.
      const members = [await insertMember(db, region.id, { countsAsGgz: true }), await insertMember(db, region.id)];
      const details = {
        callName: 'Sanne',
        contact: { email: `sanne-${key()}@test.example`, senderNamed: true },
        naaste: { name: 'Kees', relation: 'broer', contact: `kees-${key()}@test.example`, invite: true },
      };
      const [registration] = await db
        .insert(registrations)
        .values(
          buildRegistration(region.id, { residentId: resident.id, placeKind: 'catalogue', locationId: place.id, sealedDetails: seal(JSON.stringify(details)) }),
        )
        .returning();
      const ctx = (await loadSignup(db, registration!.id))!;
      const moments = [{ date: '2026-03-23', time: '10:00', durationMinutes: 60 }];
      const proposeKey = key();
      const proposed = await twice(() =>
        once(
          db,
          { key: proposeKey, actor: planner.id, action: 'planning.propose' },
          (tx) => proposeMoments(tx, actor, ctx, { seen: 1, memberIds: members.map((m) => m.id), moments }, now),
          (r) => r.ok,
        ),
      );
      expect(proposed.ok).toBe(true);
      expect(await rows(db, conversations, eq(conversations.registrationId, registration!.id))).toBe(1);

      const [proposal] = await db
        .select()
        .from(conversationProposals)
        .innerJoin(conversations, eq(conversations.id, conversationProposals.conversationId))
        .where(eq(conversations.registrationId, registration!.id));
      const fresh = (await loadSignup(db, registration!.id))!;
      const pickKey = key();
      const picked = await twice(() =>
        once(
          db,
          { key: pickKey, actor: resident.id, action: 'planning.pick' },
          (tx) => pickMoment(tx, fresh, proposal!.conversation_proposals.id, now),
          (r) => r.ok,
        ),
      );
      expect(picked).toMatchObject({ ok: true });
      expect(await rows(db, conversations, and(eq(conversations.registrationId, registration!.id), eq(conversations.status, 'confirmed')))).toBe(1);
      expect(await rows(db, naasteInvitations, eq(naasteInvitations.conversationId, picked.ok ? picked.conversationId : ''))).toBe(1);
    }
  });

  it("a planner's contact note and the resident's request to the planners: one of each", { timeout: 120_000 }, async () => {
    const db = database.db;
    const region = await insertRegion(db);
    const planner = await insertUser(db, { roles: ['planner'] });
    const actor = { userId: planner.id, role: 'planner', ipPrefix: '192.0.2.0/24' };
    for (let round = 0; round < ROUNDS; round++) {
      const [registration] = await db.insert(registrations).values(buildRegistration(region.id)).returning();
      const contactKey = key();
      const contacted = await twice(() =>
        once(
          db,
          { key: contactKey, actor: planner.id, action: 'planning.contact' },
          (tx) => recordContact(tx, actor, registration!.id, 1, 'Gebeld'),
          () => true,
        ),
      );
      expect(contacted).toEqual({ version: 2 });
      expect(await rows(db, contactNotes, eq(contactNotes.registrationId, registration!.id))).toBe(1);

      const held = await insertHeldConversation(db);
      const ctx = (await loadSignup(db, held.registration.id))!;
      const askKey = key();
      const asked = await twice(() =>
        once(
          db,
          { key: askKey, actor: held.resident.id, action: 'planning.ask' },
          (tx) => askPlanners(tx, ctx, 'follow_up', 'Nog een keer graag'),
          (a) => a,
        ),
      );
      expect(asked).toBe(true);
      expect(await rows(db, planningRequests, eq(planningRequests.registrationId, held.registration.id))).toBe(1);
    }
  });

  it("the duo's first save by both members at once: one report, no error", { timeout: 120_000 }, async () => {
    const db = database.db;
    for (let round = 0; round < ROUNDS; round++) {
      const held = await insertHeldConversation(db);
      const save = (member: 0 | 1) =>
        changeAsDuo(
          db,
          held.duo[member].id,
          held.registration.regionId,
          held.conversation.id,
          { kind: 'save', content: buildReportContent(), send: false },
          requestContext,
        );
      const results = await Promise.allSettled([save(0), save(1)]);
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual(['draft', 'draft']);
      expect(await rows(db, reports, eq(reports.conversationId, held.conversation.id))).toBe(1);
    }
  });

  it('a report version: approval by phone and by the resident, each once; a share once, with one code and one mail', { timeout: 120_000 }, async () => {
    const db = database.db;
    for (let round = 0; round < ROUNDS; round++) {
      const held = await insertHeldConversation(db);
      const [writer, other] = held.duo;
      await changeAsDuo(
        db,
        writer.id,
        held.registration.regionId,
        held.conversation.id,
        { kind: 'save', content: buildReportContent(), send: true },
        requestContext,
      );
      // Both members record the phone approval at once (two forms): one version, no error.
      const both = await Promise.allSettled(
        [writer, other].map((m) => changeAsDuo(db, m.id, held.registration.regionId, held.conversation.id, { kind: 'phoneApproval' }, requestContext)),
      );
      expect(both.filter((r) => r.status === 'rejected')).toEqual([]);
      const [mine] = await reportsForResident(db, held.resident.id);
      expect(await rows(db, reportVersions, eq(reportVersions.reportId, mine!.id))).toBe(1);

      // A new version, then the resident's approval posted twice with one form.
      const reopenKey = key();
      const reopened = await twice(() =>
        once(
          db,
          { key: reopenKey, actor: writer.id, action: 'report.duoStep' },
          (tx) => changeAsDuo(tx, writer.id, held.registration.regionId, held.conversation.id, { kind: 'reopen' }, requestContext),
          (s) => s !== null,
        ),
      );
      expect(reopened).toBe('draft');
      const [report] = await db.select().from(reports).where(eq(reports.id, mine!.id));
      expect(report!.version).toBe(2);
      await changeAsDuo(
        db,
        writer.id,
        held.registration.regionId,
        held.conversation.id,
        { kind: 'save', content: buildReportContent(), send: true },
        requestContext,
      );
      const approveKey = key();
      const approved = await twice(() =>
        once(
          db,
          { key: approveKey, actor: held.resident.id, action: 'report.answer' },
          (tx) => answerReport(tx, held.resident.id, mine!.id, { kind: 'approve' }, requestContext),
          (d) => d === true,
        ),
      );
      expect(approved).toBe(true);
      expect(await rows(db, reportVersions, eq(reportVersions.reportId, mine!.id))).toBe(2);

      const shareKey = key();
      const email = `dokter-${key()}@test.example`.toLowerCase();
      const input = {
        reportId: mine!.id,
        relation: 'huisarts' as const,
        scope: 'whole' as const,
        endsAt: new Date(Date.now() + 86_400_000),
        notifyFirstOpen: false,
      };
      const shared = await twice(() =>
        once(
          db,
          { key: shareKey, actor: held.resident.id, action: 'sharing.create' },
          (tx) => createShare(tx, held.resident.id, { ...input, name: 'Dokter', email, message: null }, requestContext),
          (r) => typeof r === 'object',
        ),
      );
      expect(shared).toMatchObject({ code: expect.any(String) });
      expect(await rows(db, reportShares, eq(reportShares.reportId, mine!.id))).toBe(1);
      expect(await mailsTo(db, email)).toHaveLength(1);
    }
  });
});

describe('form keys', () => {
  it('keep the answer sealed, and are forgotten after a day', async () => {
    const db = database.db;
    const k = key();
    await once(
      db,
      { key: k, actor: 'iemand', action: 'test' },
      async () => ({ code: 'GEHEIM-CODE' }),
      () => true,
    );
    const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.action, 'test'));
    expect(JSON.stringify(row)).not.toContain('GEHEIM');
    expect(JSON.stringify(row)).not.toContain(k);
    await deleteOldKeys(db, new Date(Date.now() + KEEP_KEYS_MS - 60_000));
    expect(await rows(db, idempotencyKeys, eq(idempotencyKeys.action, 'test'))).toBe(1);
    await deleteOldKeys(db, new Date(Date.now() + KEEP_KEYS_MS + 60_000));
    expect(await rows(db, idempotencyKeys, eq(idempotencyKeys.action, 'test'))).toBe(0);
  });

  it('free the key when the answer is a refusal that may pass later, so a retry does the work', async () => {
    const db = database.db;
    const k = key();
    let runs = 0;
    const claim = { key: k, actor: 'iemand', action: 'retry' };
    expect(
      await once(
        db,
        claim,
        async () => (++runs > 1 ? 'done' : 'throttled'),
        (r) => r === 'done',
      ),
    ).toBe('throttled');
    expect(
      await once(
        db,
        claim,
        async () => (++runs > 1 ? 'done' : 'throttled'),
        (r) => r === 'done',
      ),
    ).toBe('done');
    expect(
      await once(
        db,
        claim,
        async () => (++runs > 1 ? 'done' : 'throttled'),
        (r) => r === 'done',
      ),
    ).toBe('done');
    expect(runs).toBe(2);
  });
});
