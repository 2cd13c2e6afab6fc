import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, reports, reportShares } from '../../src/lib/server/db/schema/index.ts';
import { changeAsDuo, heldConversationsFor, reportForDuo } from '../../src/lib/server/reports/duo.ts';
import { answerReport, reportsForResident } from '../../src/lib/server/reports/resident.ts';
import { changeShare, createShare, listShares } from '../../src/lib/server/sharing/shares.ts';
import { findOpenShare, readShared, tryCode } from '../../src/lib/server/sharing/open.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { lastMailTo } from './mail.ts';
import { buildReportContent, insertHeldConversation, insertWorker } from '../builders/reports.ts';
import { useTestDatabase } from './database.ts';
import { REVEALING } from '../builders/mail.ts';
import { seedDemo } from '../../src/lib/server/demo/seed.ts';
import { DEMO_SHARE } from '../../src/lib/server/demo/reports.ts';

const database = useTestDatabase();
const ctx = requestContext;
const XSS = '<script>alert(1)</script>';

async function approvedReport() {
  const held = await insertHeldConversation(database.db);
  const [writer] = held.duo;
  await changeAsDuo(
    database.db,
    writer.id,
    held.region.id,
    held.conversation.id,
    { kind: 'save', content: buildReportContent({ nextSteps: `Stap ${XSS}` }), send: true },
    ctx,
  );
  const [mine] = await reportsForResident(database.db, held.resident.id);
  await answerReport(database.db, held.resident.id, mine!.id, { kind: 'approve' }, ctx);
  return { ...held, reportId: mine!.id };
}

let shareCount = 0;
const share = (reportId: string, scope: 'whole' | 'next_steps' = 'next_steps') => ({
  reportId,
  relation: 'huisarts' as const,
  scope,
  endsAt: new Date(Date.now() + 30 * 86_400_000),
  notifyFirstOpen: true,
  name: 'Dokter Jansen',
  email: `praktijk-${++shareCount}@test.example`,
  message: null,
});

describe('writing the report together', () => {
  it('keeps a draft to the duo: not the resident, not another worker, not a planner', async () => {
    const held = await insertHeldConversation(database.db);
    const [writer, partner] = held.duo;
    expect(
      await changeAsDuo(database.db, writer.id, held.region.id, held.conversation.id, { kind: 'save', content: buildReportContent(), send: false }, ctx),
    ).toBe('draft');
    expect((await reportForDuo(database.db, partner.id, held.region.id, held.conversation.id, ctx))?.content.strengths).toBe('Doorzetten.');
    expect(await heldConversationsFor(database.db, partner.id, held.region.id)).toEqual([
      expect.objectContaining({ conversationId: held.conversation.id, status: 'draft' }),
    ]);
    const outsider = await insertWorker(database.db, held.region.id, ['worker', 'planner']);
    expect(await reportForDuo(database.db, outsider.user.id, held.region.id, held.conversation.id, ctx)).toBeNull();
    expect(
      await changeAsDuo(database.db, outsider.user.id, held.region.id, held.conversation.id, { kind: 'save', content: buildReportContent(), send: true }, ctx),
    ).toBeNull();
    expect(await heldConversationsFor(database.db, outsider.user.id, held.region.id)).toEqual([]);
    expect(await reportsForResident(database.db, held.resident.id)).toEqual([]);
  });

  it('seals every word at rest', async () => {
    const held = await insertHeldConversation(database.db);
    await changeAsDuo(database.db, held.duo[0].id, held.region.id, held.conversation.id, { kind: 'save', content: buildReportContent(), send: false }, ctx);
    const [row] = await database.db.select().from(reports).where(eq(reports.conversationId, held.conversation.id));
    expect(row!.sealedContent).toMatch(/^v1\./);
    expect(row!.sealedContent).not.toContain('werk');
  });

  it('goes to the resident, who adds words, asks a change, and approves a final version with history', async () => {
    const held = await insertHeldConversation(database.db);
    const [writer] = held.duo;
    const save = (send: boolean) =>
      changeAsDuo(database.db, writer.id, held.region.id, held.conversation.id, { kind: 'save', content: buildReportContent(), send }, ctx);
    await save(true);
    let [mine] = await reportsForResident(database.db, held.resident.id);
    expect(mine!.status).toBe('with_resident');
    expect(await answerReport(database.db, held.resident.id, mine!.id, { kind: 'addition', text: 'Mijn eigen woorden.' }, ctx)).toBe(true);
    expect(await answerReport(database.db, held.resident.id, mine!.id, { kind: 'change', text: 'Graag mijn hond noemen.' }, ctx)).toBe(true);
    expect((await reportForDuo(database.db, writer.id, held.region.id, held.conversation.id, ctx))?.changeRequest).toBe('Graag mijn hond noemen.');
    // While it is back with the duo the resident cannot approve the old text.
    expect(await answerReport(database.db, held.resident.id, mine!.id, { kind: 'approve' }, ctx)).toBe(false);
    await save(true);
    expect(await answerReport(database.db, held.resident.id, mine!.id, { kind: 'approve' }, ctx)).toBe(true);
    // Approved is final: the duo cannot save over it, only start a new version.
    expect(await save(false)).toBeNull();
    expect(await changeAsDuo(database.db, writer.id, held.region.id, held.conversation.id, { kind: 'reopen' }, ctx)).toBe('draft');
    [mine] = await reportsForResident(database.db, held.resident.id);
    expect(mine!.current).toBeNull();
    expect(mine!.approved.map((v) => [v.version, v.content.addition])).toEqual([[1, 'Mijn eigen woorden.']]);
    await save(true);
    await changeAsDuo(database.db, writer.id, held.region.id, held.conversation.id, { kind: 'phoneApproval' }, ctx);
    [mine] = await reportsForResident(database.db, held.resident.id);
    expect(mine!.approved.map((v) => [v.version, v.approvedVia])).toEqual([
      [2, 'phone'],
      [1, 'resident'],
    ]);
    // Approved by phone: the PDF goes to the address from the sign-up, in the same transaction.
    const mail = (await lastMailTo(database.db, held.resident.email))!;
    expect(mail.subject).toBe('Je verslag');
    expect(mail.attachments).toEqual([expect.objectContaining({ filename: 'mijn-verslag-versie-2.pdf', contentType: 'application/pdf' })]);
    expect(Buffer.from(mail.attachments![0]!.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('tells the resident by mail when the report is theirs to read, and what to do; discreetly when asked', async () => {
    for (const senderNamed of [true, false]) {
      const held = await insertHeldConversation(database.db, { senderNamed });
      const save = (send: boolean) =>
        changeAsDuo(database.db, held.duo[0].id, held.region.id, held.conversation.id, { kind: 'save', content: buildReportContent(), send }, ctx);
      // A draft stays with the duo: no mail.
      await save(false);
      expect(await lastMailTo(database.db, held.resident.email)).toBeUndefined();
      await save(true);
      const mail = (await lastMailTo(database.db, held.resident.email))!;
      expect(mail.text).toMatch(/^Hallo Robin,/);
      expect(mail.text).toContain('Log in en lees het');
      expect(mail.text).toContain('Keur het dan goed');
      expect(mail.text).toContain('Daarna bepaal jij wie');
      expect(mail.text).toContain(`/mijn/verslag\n`);
      expect(mail.text).toContain(`Bel ${held.region.contactPhone}`);
      if (senderNamed) {
        expect(mail.subject).toBe('Het verslag van je herstelgesprek staat klaar');
        expect(mail.text).toContain(`Team Herstelgesprek ${held.region.name}`);
      } else {
        expect(mail.subject).toBe('Er staat iets voor je klaar');
        expect(mail.fromName).toBe('Sam');
        for (const part of [mail.subject, mail.text]) expect(part).not.toMatch(REVEALING);
        expect(mail.text).not.toContain(held.region.name);
      }
    }
  });

  it('belongs to its resident only', async () => {
    const { reportId } = await approvedReport();
    const stranger = await insertUser(database.db);
    expect(await answerReport(database.db, stranger.id, reportId, { kind: 'addition', text: 'x' }, ctx)).toBe(false);
    expect(await createShare(database.db, stranger.id, share(reportId), ctx)).toBe('notShareable');
  });
});

describe('sharing', () => {
  it('cannot share before approval', async () => {
    const held = await insertHeldConversation(database.db);
    await changeAsDuo(database.db, held.duo[0].id, held.region.id, held.conversation.id, { kind: 'save', content: buildReportContent(), send: true }, ctx);
    const [mine] = await reportsForResident(database.db, held.resident.id);
    expect(await createShare(database.db, held.resident.id, share(mine!.id), ctx)).toBe('notShareable');
  });

  it('mails a link, lets in only the right code, shows only the shared scope, logs and notices the view', async () => {
    const { resident, reportId } = await approvedReport();
    const input = share(reportId);
    const made = await createShare(database.db, resident.id, input, ctx);
    if (typeof made === 'string') throw new Error(made);
    const invitation = (await lastMailTo(database.db, input.email))!;
    const token = /\/gedeeld\/([a-z2-7]+)/.exec(invitation.text)![1]!;
    expect(invitation.text).not.toContain(made.code);
    // Who shares what, and why this reader gets it.
    expect(invitation.subject).toBe('Robin deelt een verslag met je');
    expect(invitation.text).toContain(
      'Hallo Dokter Jansen,\n\nRobin deelt het verslag van een herstelgesprek met je. Robin koos zelf om het met jou te delen.',
    );
    expect((await tryCode(database.db, token, 'WRONGCOD', ctx)).result).toBe('wrong');
    const right = await tryCode(database.db, token, made.code.toLowerCase(), ctx);
    expect(right.result).toBe('ok');
    const view = await readShared(database.db, right.share!, ctx);
    expect(view!.content).toEqual({ nextSteps: `Stap ${XSS}`, offerIds: [] });
    expect(view!.sharedBy).toBe('Robin');
    const [listed] = await listShares(database.db, resident.id);
    expect(listed).toMatchObject({ state: 'active', relation: 'huisarts', recipient: { name: 'Dokter Jansen' } });
    expect(listed!.opens).toHaveLength(1);
    const log = await database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectId, resident.id), eq(accessLog.authority, `share:${listed!.id}`)));
    expect(log.map((l) => l.action)).toEqual(['viewed']);
    const opened = (await lastMailTo(database.db, resident.email))!;
    expect(opened.subject).toBe('Wat je deelde is geopend');
    expect(opened.text).toContain('Dokter Jansen heeft je verslag net voor het eerst geopend.');
    expect(opened.text).toContain('/mijn/verslag/delen\n');
  });

  it('locks after five wrong codes until the resident renews it, and stops at once when withdrawn', async () => {
    const { resident, reportId } = await approvedReport();
    const input = share(reportId, 'whole');
    await createShare(database.db, resident.id, input, ctx);
    const token = /\/gedeeld\/([a-z2-7]+)/.exec((await lastMailTo(database.db, input.email))!.text)![1]!;
    for (let i = 0; i < 5; i++) expect((await tryCode(database.db, token, 'AAAAAAAA', ctx)).result).toBe('wrong');
    expect((await tryCode(database.db, token, 'AAAAAAAA', ctx)).result).toBe('gone');
    const [locked] = await listShares(database.db, resident.id);
    expect(locked!.state).toBe('locked');
    const renewed = await changeShare(database.db, resident.id, locked!.id, { kind: 'renew' }, ctx);
    const ok = await tryCode(database.db, token, renewed!.code!, ctx);
    expect(ok.result).toBe('ok');
    expect(Object.keys((await readShared(database.db, ok.share!, ctx))!.content)).toContain('answers');
    const stranger = await insertUser(database.db);
    expect(await changeShare(database.db, stranger.id, locked!.id, { kind: 'withdraw' }, ctx)).toBeNull();
    await changeShare(database.db, resident.id, locked!.id, { kind: 'withdraw' }, ctx);
    expect(await findOpenShare(database.db, token)).toBeNull();
    expect((await listShares(database.db, resident.id))[0]!.state).toBe('withdrawn');
    const [row] = await database.db.select().from(reportShares).where(eq(reportShares.id, locked!.id));
    expect(row!.tokenHash).not.toBe(token);
    expect(row!.sealedRecipient).not.toContain('Jansen');
  });

  it('treats tampered and unknown links alike', async () => {
    expect(await findOpenShare(database.db, 'a'.repeat(32))).toBeNull();
    expect(await findOpenShare(database.db, "x' or 1=1 --")).toBeNull();
    expect((await tryCode(database.db, 'b'.repeat(32), 'AAAAAAAA', { ...ctx, ipPrefix: '198.51.100.0/24' })).result).toBe('gone');
  });
});

describe('the demo region', () => {
  it('has a report shared with a GP, opened with the documented link and code, next steps only', async () => {
    await seedDemo(database.db);
    const token = DEMO_SHARE.path.split('/').at(-1)!;
    const opened = await tryCode(database.db, token, DEMO_SHARE.code, { ...ctx, ipPrefix: '203.0.113.0/24' });
    expect(opened.result).toBe('ok');
    const view = await readShared(database.db, opened.share!, ctx);
    expect(view).toMatchObject({ sharedBy: 'Sam', relation: 'huisarts', scope: 'next_steps' });
    expect(Object.keys(view!.content)).toEqual(['nextSteps', 'offerIds']);
  });
});
