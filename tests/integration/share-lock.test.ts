import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { reportShares } from '../../src/lib/server/db/schema/index.ts';
import { changeAsDuo } from '../../src/lib/server/reports/duo.ts';
import { answerReport, reportsForResident } from '../../src/lib/server/reports/resident.ts';
import { MAX_CODE_FAILURES } from '../../src/lib/server/sharing/rules.ts';
import { tryCode } from '../../src/lib/server/sharing/open.ts';
import { createShare } from '../../src/lib/server/sharing/shares.ts';
import { requestContext } from '../builders/accounts.ts';
import { buildReportContent, insertHeldConversation } from '../builders/reports.ts';
import { lastMailTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

// Issue 20, item 4: five wrong codes lock a share, also when they arrive at once from several workers.
const database = useTestDatabase();
const ctx = requestContext;

async function sharedLink(): Promise<{ token: string; code: string; shareId: string }> {
  const held = await insertHeldConversation(database.db);
  await changeAsDuo(
    database.db,
    held.duo[0].id,
    held.registration.regionId,
    held.conversation.id,
    { kind: 'save', content: buildReportContent(), send: true },
    ctx,
  );
  const [mine] = await reportsForResident(database.db, held.resident.id);
  await answerReport(database.db, held.resident.id, mine!.id, { kind: 'approve' }, ctx);
  const email = `huisarts-${held.resident.id.slice(0, 8)}@test.example`;
  const input = { reportId: mine!.id, relation: 'huisarts' as const, scope: 'whole' as const, endsAt: new Date(Date.now() + 86_400_000) };
  const made = await createShare(database.db, held.resident.id, { ...input, notifyFirstOpen: false, name: 'Dokter', email, message: null }, ctx);
  if (typeof made === 'string') throw new Error(made);
  const token = /\/gedeeld\/([a-z2-7]+)/.exec((await lastMailTo(database.db, email))!.text)![1]!;
  const [share] = await database.db.select().from(reportShares).where(eq(reportShares.residentId, held.resident.id));
  return { token, code: made.code, shareId: share!.id };
}

describe('wrong access codes fired at once', () => {
  it('count exactly five: the share locks and its count stays within the bound', async () => {
    const { token, code, shareId } = await sharedLink();
    // Each from its own network, so only the share's own limits stand in the way.
    const tries = Array.from({ length: 30 }, (_, i) => tryCode(database.db, token, 'AAAAAAAA', { ...ctx, ipPrefix: `10.1.${i}.0/24` }));
    const results = (await Promise.all(tries)).map((r) => r.result);
    expect(results.filter((r) => r === 'wrong')).toHaveLength(MAX_CODE_FAILURES);
    const [share] = await database.db.select().from(reportShares).where(eq(reportShares.id, shareId));
    expect(share!.codeFailures).toBe(MAX_CODE_FAILURES);
    // Locked means locked: the right code opens nothing now.
    expect((await tryCode(database.db, token, code, { ...ctx, ipPrefix: '10.2.0.0/24' })).result).toBe('gone');
  });
});
