import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { looksAt } from '../../src/lib/server/audit/who-looked.ts';
import { recordContact } from '../../src/lib/server/planning/contact.ts';
import { loadSignup } from '../../src/lib/server/planning/context.ts';
import { askPlanners } from '../../src/lib/server/planning/outcome.ts';
import { saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { changeAsDuo } from '../../src/lib/server/reports/duo.ts';
import { emergencyRead } from '../../src/lib/server/reports/emergency.ts';
import { answerReport, reportsForResident } from '../../src/lib/server/reports/resident.ts';
import { readShared } from '../../src/lib/server/sharing/open.ts';
import { createShare } from '../../src/lib/server/sharing/shares.ts';
import { insertUser, requestContext, TEST_PASSWORD } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { buildReportContent, insertHeldConversation } from '../builders/reports.ts';
import { useTestDatabase } from './database.ts';

// Issue 20, item 1: the access log is kept for ever, so nothing a person typed may be readable in
// it, nor anywhere else in the database. Every free-text field gets a marker no table may show.
const database = useTestDatabase();
const ctx = requestContext;
const marker = (field: string) => `mrk${field}${Math.random().toString(36).slice(2, 8)}`;

/** Every row of every table in the public schema, every column as text. */
async function dumpEverything(): Promise<string> {
  const tables = (await database.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`)) as unknown as
    { tablename: string }[] | { rows: { tablename: string }[] };
  const names = (Array.isArray(tables) ? tables : tables.rows).map((t) => t.tablename);
  expect(names).toContain('access_log');
  let dump = '';
  for (const name of names) dump += JSON.stringify(await database.db.execute(sql.raw(`select t::text as row from "${name}" t`)));
  return dump;
}

describe('a whole journey with typed text in every free field', () => {
  it('leaves none of it readable in any table, and "wie keek" still shows the name and the reason', async () => {
    const m = Object.fromEntries(
      ['callName', 'topic', 'help', 'address', 'naaste', 'relation', 'naasteContact', 'access', 'happened', 'resilience', 'direction', 'needs', 'strengths']
        .concat(['nextSteps', 'addition', 'change', 'recipient', 'message', 'reason', 'email', 'note', 'request'])
        .map((f) => [f, marker(f)]),
    );
    // A sign-up of their own, with a new account.
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const draft = await saveDraft(database.db, undefined, {
      about: { callName: m.callName!, birthYear: 1990, postcode: '7001 AB' },
      contact: { phone: '0612345678', email: 'journey-account@test.example', voicemail: false, sms: false, senderNamed: false },
      topic: { topic: m.topic!, help: m.help! },
      place: { place: 'home', address: m.address! },
      when: { days: ['di'], parts: ['middag'], start: 'asap' },
      naaste: {
        withNaaste: true,
        naasteName: m.naaste!,
        naasteRelation: m.relation!,
        naasteContact: m.naasteContact!,
        language: 'nl',
        interpreter: false,
        accessibility: m.access!,
      },
    });
    const signed = await submitRegistration(database.db, region, draft, { signedIn: null, newAccountPassword: TEST_PASSWORD }, ctx);
    if (!signed.ok) throw new Error(signed.reason);
    // The planner's note of the first contact.
    const planner = await insertUser(database.db, { roles: ['planner'] });
    await recordContact(database.db, { userId: planner.id, role: 'planner', ipPrefix: ctx.ipPrefix }, signed.registrationId, 1, m.note!);

    // The report: written by the duo, added to, a change asked, approved, shared and opened.
    const held = await insertHeldConversation(database.db);
    const content = buildReportContent({
      answers: { happened: m.happened!, resilience: m.resilience!, direction: m.direction!, needs: m.needs! },
      strengths: m.strengths!,
      nextSteps: m.nextSteps!,
    });
    await changeAsDuo(database.db, held.duo[0].id, held.registration.regionId, held.conversation.id, { kind: 'save', content, send: true }, ctx);
    const [mine] = await reportsForResident(database.db, held.resident.id);
    await answerReport(database.db, held.resident.id, mine!.id, { kind: 'addition', text: m.addition! }, ctx);
    await answerReport(database.db, held.resident.id, mine!.id, { kind: 'change', text: m.change! }, ctx);
    await changeAsDuo(database.db, held.duo[0].id, held.registration.regionId, held.conversation.id, { kind: 'save', content, send: true }, ctx);
    await answerReport(database.db, held.resident.id, mine!.id, { kind: 'approve' }, ctx);
    // The resident asks the planners for a follow-up, in their own words.
    expect(await askPlanners(database.db, (await loadSignup(database.db, held.registration.id))!, 'follow_up', m.request!)).toBe(true);
    const made = await createShare(
      database.db,
      held.resident.id,
      {
        reportId: mine!.id,
        relation: 'huisarts',
        scope: 'whole',
        endsAt: new Date(Date.now() + 7 * 86_400_000),
        notifyFirstOpen: true,
        name: m.recipient!,
        email: `${m.email}-ontvanger@test.example`,
        message: m.message!,
      },
      ctx,
    );
    if (typeof made === 'string') throw new Error(made);
    // The link's token only reaches the recipient by mail (sealed); the share row is what it finds.
    const [share] = await database.db.query.reportShares.findMany();
    expect(await readShared(database.db, share!, ctx)).not.toBeNull();
    const admin = await insertUser(database.db, { roles: ['admin'] });
    expect(await emergencyRead(database.db, admin.id, held.registration.regionId, held.registration.reference, m.reason!, ctx)).not.toBeNull();

    const dump = await dumpEverything();
    // The account's own address is how it signs in, so it is plain by design; the recipient's is not.
    const readable = Object.entries(m).filter(([, value]) => dump.includes(value));
    expect(readable.map(([field]) => field)).toEqual([]);

    const looks = await looksAt(database.db, held.resident.id, new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000));
    expect(looks.find((l) => l.authority === 'share')?.who.name).toBe(m.recipient);
    expect(looks.find((l) => l.authority === 'emergency')?.reason).toBe(m.reason);
  });
});
