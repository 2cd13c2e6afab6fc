import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox, rateLimits, users } from '../../src/lib/server/db/schema/index.ts';
import { openMessage } from '../../src/lib/server/mail/message.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { saveChange, startChange } from '../../src/lib/server/registrations/changes.ts';
import { cancelForResident, undoCancelForResident } from '../../src/lib/server/registrations/cancel.ts';
import { mailResumeLink } from '../../src/lib/server/registrations/resume.ts';
import { requestPasswordReset, resetPassword } from '../../src/lib/server/accounts/password-reset.ts';
import { changePassword, confirmEmailChange, requestEmailChange } from '../../src/lib/server/accounts/account-changes.ts';
import { registerResident, resendConfirmation } from '../../src/lib/server/accounts/registration.ts';
import { deliverDue, type OutgoingMail } from '../../src/lib/server/mail/outbox.ts';
import { queueMail } from '../../src/lib/server/mail/queue.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { requestContext } from '../builders/accounts.ts';
import { REVEALING } from '../builders/mail.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();
const ctx = requestContext;

const answers = (email: string, senderNamed: boolean, place: string): SignupAnswers => ({
  about: { callName: 'Robin', birthYear: 1990, postcode: '7001 AB' },
  contact: { email, voicemail: false, sms: false, senderNamed },
  topic: { topic: 'Ik slaap slecht' },
  place: { place },
  when: { days: ['di'], parts: ['middag'], start: 'asap' },
  naaste: { withNaaste: true, naasteName: 'Kim', inviteNaaste: true, language: 'nl', interpreter: false },
});

const linkIn = (text: string) => /https?:\/\/\S+/.exec(text)![0];
const tokenIn = (text: string) => linkIn(text).split('/').pop()!;
// The outbox is sealed: open every message and keep those to these addresses.
const mailTo = async (to: string[]) =>
  (await database.db.select().from(mailOutbox).orderBy(mailOutbox.createdAt))
    .map(openMessage)
    .filter((m) => m && to.includes(m.to))
    .map((m) => ({ ...m!, fromName: m!.fromName ?? null }));

/** Every path that mails a resident, for one resident who said yes or no to the service's name. */
async function everyMailKind(senderNamed: boolean) {
  const tag = senderNamed ? 'ja' : 'nee';
  const email = `robin-${tag}@test.example`;
  const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
  const ggz = await insertLocation(database.db, region.id, { kind: 'ggz', name: 'GGZ Oostveld' });
  const draft = await saveDraft(database.db, undefined, answers(email, senderNamed, `location:${ggz.id}`));
  expect(await mailResumeLink(database.db, draft, email, 'nl', null)).toBe('sent');
  const made = await submitRegistration(database.db, region, draft, { signedIn: null, newAccountPassword: 'een lange zin voor mij' }, ctx);
  if (!made.ok) throw new Error('not submitted');
  const [user] = await database.db.select().from(users).where(eq(users.email, email));
  await resendConfirmation(database.db, email);
  const change = (await startChange(database.db, user!.id, made.registrationId))!;
  expect(await saveChange(database.db, region, user!.id, change, ctx)).toMatchObject({ ok: true });
  expect(await cancelForResident(database.db, user!.id, made.registrationId, false, ctx)).toBe(true);
  expect(await undoCancelForResident(database.db, user!.id, made.registrationId, ctx)).toBe(true);
  // Every path at once is more than the hourly mail limit of one address allows: start the count again.
  await database.db.delete(rateLimits);
  await registerResident(database.db, email, 'nog een lange zin', ctx); // "you already have an account"
  await requestPasswordReset(database.db, email, ctx);
  const reset = (await mailTo([email])).find((m) => m.subject.includes('wachtwoord') && m.text.includes('/wachtwoord-herstellen/'))!;
  expect(await resetPassword(database.db, tokenIn(reset.text), 'weer een lange zin', ctx)).toBe(true);
  expect(await changePassword(database.db, { userId: user!.id, sessionId: 'none' }, 'weer een lange zin', 'nog weer een zin', ctx)).toBe('ok');
  const moved = `robin-${tag}-nieuw@test.example`;
  expect(await requestEmailChange(database.db, { userId: user!.id, sessionId: 'none' }, 'nog weer een zin', moved, ctx)).toBe('ok');
  const confirm = (await mailTo([moved]))[0]!;
  expect(await confirmEmailChange(database.db, tokenIn(confirm.text), ctx)).toBe(true);
  return mailTo([email, moved]);
}

describe('mail to a resident, through every path that sends one', () => {
  it('names nothing of the service when they said no: not the sender, the subject or any line', async () => {
    const mails = await everyMailKind(false);
    // resume, confirmation, sign-up, confirmation again, change, cancel, undo, account exists,
    // reset, password changed (reset), password changed, new address, address changed.
    expect(mails).toHaveLength(13);
    for (const m of mails) {
      expect(m.fromName, m.subject).toBe('Sam');
      for (const part of [m.subject, m.text, m.html]) expect(part).not.toMatch(REVEALING);
    }
    // The choices are repeated, but not a place whose name says what the talk is about.
    const received = mails.find((m) => m.text.includes('HOG-') && m.text.includes('Kim'))!;
    expect(received.text).toContain('Je neemt Kim mee. Wij sturen Kim een uitnodiging');
    expect(received.text).not.toContain('GGZ');
  });

  it('signs as the team and repeats the chosen place when they said yes', async () => {
    const mails = await everyMailKind(true);
    expect(mails.every((m) => m.fromName === null)).toBe(true);
    expect(mails.some((m) => m.text.includes('Waar: GGZ Oostveld'))).toBe(true);
    expect(mails.some((m) => REVEALING.test(m.subject))).toBe(true);
  });

  it('hands the discreet sender name to the mail server, with MAIL_FROM’s address', async () => {
    await queueMail(database.db, { to: 'stil@test.example', lang: 'nl', template: 'passwordChanged', values: {}, discreet: true }, true);
    const sent: OutgoingMail[] = [];
    await deliverDue(database.db, async (m) => void sent.push(m), new Date(Date.now() + 1000));
    expect(sent.find((m) => m.to === 'stil@test.example')).toMatchObject({ fromName: 'Sam' });
  });
});
