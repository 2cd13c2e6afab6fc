import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, reportShares } from '../../src/lib/server/db/schema/index.ts';
import { changeAsDuo } from '../../src/lib/server/reports/duo.ts';
import { answerReport, reportsForResident } from '../../src/lib/server/reports/resident.ts';
import { limits } from '../../src/lib/server/auth/rate-limit-rules.ts';
import { hashToken } from '../../src/lib/server/auth/tokens.ts';
import { changeShare, createShare, listShares } from '../../src/lib/server/sharing/shares.ts';
import { readShared, tryCode } from '../../src/lib/server/sharing/open.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { buildReportContent, insertHeldConversation } from '../builders/reports.ts';
import { outbox } from './mail.ts';
import { useTestDatabase } from './database.ts';

// Issue 22, item 13: a resident who does not know the recipient's address shares without e-mail.
// The link comes back once (to copy or print), the code once, apart; only hashes are kept; nothing
// is mailed; the share is the resident's alone and its code as rate-limited as a mailed one.

const database = useTestDatabase();
const ctx = requestContext;

async function approvedReport() {
  const held = await insertHeldConversation(database.db);
  await changeAsDuo(database.db, held.duo[0].id, held.region.id, held.conversation.id, { kind: 'save', content: buildReportContent(), send: true }, ctx);
  const [mine] = await reportsForResident(database.db, held.resident.id);
  await answerReport(database.db, held.resident.id, mine!.id, { kind: 'approve' }, ctx);
  return { ...held, reportId: mine!.id };
}

const byHand = (reportId: string) => ({
  reportId,
  relation: 'naaste' as const,
  scope: 'whole' as const,
  endsAt: new Date(Date.now() + 30 * 86_400_000),
  notifyFirstOpen: false,
  name: 'Lotte',
  email: null,
  message: null,
});

const tokenOf = (link: string) => /\/gedeeld\/([a-z2-7]+)$/.exec(link)![1]!;

describe('sharing without e-mail', () => {
  it('gives the link once, mails nothing, keeps only hashes, logs it in words of its own, and opens with the code', async () => {
    const { resident, reportId, region } = await approvedReport();
    const mailsBefore = (await outbox(database.db)).length;
    const made = await createShare(database.db, resident.id, byHand(reportId), { ...ctx, lang: 'en' });
    if (typeof made === 'string') throw new Error(made);
    expect((await outbox(database.db)).length).toBe(mailsBefore);
    // The link in the resident's language; the code is not in it.
    expect(made.link).toMatch(/^https?:\/\/[^/]+\/en\/gedeeld\/[a-z2-7]{20,64}$/);
    expect(made.link!.toUpperCase()).not.toContain(made.code);
    const token = tokenOf(made.link!);
    const [row] = await database.db.select().from(reportShares).where(eq(reportShares.residentId, resident.id));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(made.code);
    expect(row!.sealedRecipient).not.toContain('Lotte');

    const [logged] = await database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectId, resident.id), eq(accessLog.object, `report:${reportId}`), eq(accessLog.action, 'shared_by_hand')));
    expect(logged).toMatchObject({ actorId: resident.id, authority: 'self' });

    expect((await tryCode(database.db, token, 'WRONGCOD', ctx)).result).toBe('wrong');
    const right = await tryCode(database.db, token, made.code, ctx);
    expect(right.result).toBe('ok');
    const view = await readShared(database.db, right.share!, { ...ctx, lang: 'en' });
    expect(view!.recipient).toMatchObject({ name: 'Lotte', email: null, lang: 'en' });
    // What a reader who never heard of the portal needs: when, by whom, and whom to call.
    expect(view!.about).toMatchObject({
      heldOn: new Date('2026-03-02T10:00:00Z'),
      duo: ['Medewerker', 'Medewerker'],
      regionName: region.name,
      phone: region.contactPhone,
      email: region.contactEmail,
    });

    const [listed] = await listShares(database.db, resident.id);
    expect(listed).toMatchObject({ way: 'self', state: 'active', recipient: { name: 'Lotte' } });
    expect(listed!.opens).toHaveLength(1);
  });

  it('says a mailed share was mailed, and returns no link for it', async () => {
    const { resident, reportId } = await approvedReport();
    const made = await createShare(database.db, resident.id, { ...byHand(reportId), email: 'lotte@test.example' }, ctx);
    if (typeof made === 'string') throw new Error(made);
    expect(made.link).toBeNull();
    expect((await listShares(database.db, resident.id))[0]!.way).toBe('email');
  });

  it('is the resident’s own: nobody else shares their report, lists or withdraws the share', async () => {
    const { resident, reportId } = await approvedReport();
    const stranger = await insertUser(database.db, { roles: ['resident'] });
    expect(await createShare(database.db, stranger.id, byHand(reportId), ctx)).toBe('notShareable');
    const made = await createShare(database.db, resident.id, byHand(reportId), ctx);
    if (typeof made === 'string') throw new Error(made);
    expect(await listShares(database.db, stranger.id)).toEqual([]);
    const [mine] = await listShares(database.db, resident.id);
    expect(await changeShare(database.db, stranger.id, mine!.id, { kind: 'withdraw' }, ctx)).toBeNull();
    expect((await listShares(database.db, resident.id))[0]!.state).toBe('active');
  });

  it('rate-limits its code like a mailed share: per share, also with the right code after the limit', async () => {
    const { resident, reportId } = await approvedReport();
    const made = await createShare(database.db, resident.id, byHand(reportId), ctx);
    if (typeof made === 'string') throw new Error(made);
    const token = tokenOf(made.link!);
    // Wrong and right codes alternate, so the lock (five wrong in a row) never closes it: the limit does.
    for (let i = 0; i < limits.shareCodePerShare.max; i++) {
      const typed = i % 2 === 0 ? 'AAAAAAAA' : made.code;
      expect((await tryCode(database.db, token, typed, { ...ctx, ipPrefix: `192.0.2.${i}/32` })).result).not.toBe('throttled');
    }
    expect((await tryCode(database.db, token, made.code, { ...ctx, ipPrefix: '192.0.2.200/32' })).result).toBe('throttled');
  });
});
