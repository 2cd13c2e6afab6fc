import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { registrations, signupDrafts, userTokens, users } from '../../src/lib/server/db/schema/index.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { requestEmailChange } from '../../src/lib/server/accounts/account-changes.ts';
import { inviteMember } from '../../src/lib/server/accounts/invitations.ts';
import { requestPasswordReset } from '../../src/lib/server/accounts/password-reset.ts';
import { registerResident } from '../../src/lib/server/accounts/registration.ts';
import { hashToken } from '../../src/lib/server/auth/tokens.ts';
import { unseal } from '../../src/lib/server/crypto/seal.ts';
import { loadDraft, saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { listQueue } from '../../src/lib/server/registrations/queue.ts';
import { mailResumeLink } from '../../src/lib/server/registrations/resume.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { insertUser, requestContext, TEST_PASSWORD } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { useTestDatabase } from './database.ts';
import { lastMailTo as lastMail } from './mail.ts';

// Each test backs one sentence of the README; breaking the rule behind it fails here.
const database = useTestDatabase();

const answers = (name = 'Robin Geheim'): SignupAnswers => ({
  about: { callName: name, birthYear: 1990, postcode: '7001 AB' },
  contact: { phone: '0612345678', email: 'robin@test.example', voicemail: false, sms: false, senderNamed: false },
  topic: { topic: 'Ik slaap slecht sinds mijn vader overleed', help: 'Iemand die luistert' },
  place: { place: 'home', address: 'Verborgenstraat 12, Oostveld' },
  when: { days: ['di'], parts: ['middag'], start: 'asap' },
  naaste: { withNaaste: true, naasteName: 'Kim Zus', naasteRelation: 'zus', language: 'nl', interpreter: false },
});

const lastMailTo = async (to: string) => (await lastMail(database.db, to))?.text ?? '';
const linkToken = (text: string, path: string) => new RegExp(`${path}/([a-z2-7]{32})`).exec(text)?.[1];

describe('"Answers live in a draft on the server, sealed with AES-256-GCM"', () => {
  it('stores a draft, while it exists, only sealed and under the hash of its token', async () => {
    const token = await saveDraft(database.db, undefined, answers());
    const rows = await database.db.select().from(signupDrafts);
    const mine = rows.find((r) => r.id === hashToken(token));
    expect(mine).toBeDefined();
    expect(JSON.stringify(rows)).not.toContain(token);
    const dump = JSON.stringify(await database.db.execute(sql`select * from signup_drafts`));
    for (const secret of ['Robin Geheim', 'slaap slecht', 'Verborgenstraat', 'Kim Zus', '0612345678', 'robin@test.example']) expect(dump).not.toContain(secret);
    // v1.<key id>.<96-bit IV>.<ciphertext + 128-bit GCM tag>
    expect(mine!.sealedAnswers).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(JSON.parse(unseal(mine!.sealedAnswers))).toEqual(answers());
    expect(await loadDraft(database.db, token)).toEqual(answers());
  });
});

describe('"PostgreSQL keeps only its SHA-256": every token mailed as a link', () => {
  it('is stored as its hash, never as itself', async () => {
    const resident = await insertUser(database.db);
    const admin = await insertUser(database.db, { roles: ['admin'] });
    await requestPasswordReset(database.db, resident.email, requestContext);
    await requestEmailChange(database.db, { userId: resident.id, sessionId: 'none' }, TEST_PASSWORD, 'nieuw-adres@test.example', requestContext);
    await inviteMember(
      database.db,
      { id: admin.id, reauthenticatedAt: new Date() },
      admin.regionId,
      { email: 'genodigd@test.example', name: 'Gast', roles: ['worker'], language: 'nl' },
      requestContext,
    );
    await registerResident(database.db, 'bevestig@test.example', 'een lange eigen zin', requestContext);
    const draft = await saveDraft(database.db, undefined, { about: answers().about! });
    expect(await mailResumeLink(database.db, draft, 'later@test.example', 'nl', requestContext.ipPrefix)).toBe('sent');

    const tokens = [
      linkToken(await lastMailTo(resident.email), '/wachtwoord-herstellen'),
      linkToken(await lastMailTo('nieuw-adres@test.example'), '/email-wijzigen'),
      linkToken(await lastMailTo('genodigd@test.example'), '/uitnodiging'),
      linkToken(await lastMailTo('bevestig@test.example'), '/account-bevestigen'),
    ];
    expect(tokens.every(Boolean)).toBe(true);
    const stored = await database.db.select({ id: userTokens.id }).from(userTokens);
    const dump = JSON.stringify(await database.db.execute(sql`select * from user_tokens`));
    for (const token of tokens) {
      expect(dump).not.toContain(token!);
      expect(stored.map((r) => r.id)).toContain(hashToken(token!));
    }
    expect(linkToken(await lastMailTo('later@test.example'), '/aanmelden/verder')).toBe(draft);
    expect(JSON.stringify(await database.db.execute(sql`select * from signup_drafts`))).not.toContain(draft);
  });
});

describe('"Planners see open sign-ups oldest first"', () => {
  it('orders the queue by the time a sign-up came in, not by the order rows were written', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const planner = await insertUser(database.db, { roles: ['planner'] });
    const references: Record<string, string> = {};
    // Written middle, newest, oldest: neither insertion order nor its reverse is the right answer.
    for (const [name, daysAgo] of [
      ['midden', 5],
      ['nieuwst', 1],
      ['oudst', 9],
    ] as const) {
      const token = await saveDraft(database.db, undefined, answers(name));
      const result = await submitRegistration(database.db, region, token, { signedIn: null, newAccountPassword: null }, requestContext);
      if (!result.ok) throw new Error('not submitted');
      await database.db
        .update(registrations)
        .set({ createdAt: new Date(Date.now() - daysAgo * 86_400_000) })
        .where(eq(registrations.id, result.registrationId));
      references[name] = result.reference;
    }
    const queue = await listQueue(database.db, region.id, { userId: planner.id, role: 'planner', ipPrefix: null });
    expect(queue.rows.map((r) => r.reference)).toEqual([references['oudst'], references['midden'], references['nieuwst']]);
  });
});

describe('"Mail goes through an outbox table in the same transaction as its cause"', () => {
  // A mail that cannot be written must undo its cause: no account without its confirmation mail,
  // no sign-up without its receipt. A trigger makes every outbox insert fail.
  const breakOutbox = async () => {
    await database.db.execute(
      sql.raw(`create or replace function refuse_mail() returns trigger language plpgsql as $$ begin raise exception 'outbox refused'; end $$`),
    );
    await database.db.execute(sql`create trigger refuse_mail before insert on mail_outbox for each row execute function refuse_mail()`);
  };
  afterEach(async () => {
    await database.db.execute(sql`drop trigger if exists refuse_mail on mail_outbox`);
  });

  it('an account is not made when its confirmation mail cannot be queued', async () => {
    const tokensBefore = await database.db.select().from(userTokens);
    await breakOutbox();
    await expect(registerResident(database.db, 'zonder-post@test.example', 'een lange eigen zin', requestContext)).rejects.toThrow(
      /^Failed query: insert into "mail_outbox"/,
    );
    expect(await database.db.select().from(users).where(eq(users.email, 'zonder-post@test.example'))).toEqual([]);
    expect(await database.db.select().from(userTokens)).toEqual(tokensBefore);
  });

  it('a sign-up is not made when its mail cannot be queued, and its draft stays for another try', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const token = await saveDraft(database.db, undefined, answers());
    await breakOutbox();
    await expect(submitRegistration(database.db, region, token, { signedIn: null, newAccountPassword: null }, requestContext)).rejects.toThrow(
      /^Failed query: insert into "mail_outbox"/,
    );
    expect(await database.db.select().from(registrations).where(eq(registrations.regionId, region.id))).toEqual([]);
    expect(await loadDraft(database.db, token)).toEqual(answers());
  });
});
