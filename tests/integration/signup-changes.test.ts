import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, registrations } from '../../src/lib/server/db/schema/index.ts';
import type { SignupAnswers } from '../../src/lib/schemas/signup.ts';
import { renderMail } from '../../src/lib/server/mail/templates.ts';
import { dateFormat } from '../../src/lib/i18n/dates.ts';
import { loadDraft, saveDraft } from '../../src/lib/server/registrations/drafts.ts';
import { submitRegistration } from '../../src/lib/server/registrations/submit.ts';
import { listForResident, openDetails } from '../../src/lib/server/registrations/queries.ts';
import { saveChange, startChange } from '../../src/lib/server/registrations/changes.ts';
import { cancelForResident, undoCancelForResident } from '../../src/lib/server/registrations/cancel.ts';
import { insertUser, requestContext } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { mailsTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

// Written to kill mutants the first Stryker run left alive in registrations/changes.ts,
// cancel.ts and queries.ts (docs/mutation.md): each reads back the row, the log or the mail.
const database = useTestDatabase();
const ctx = requestContext;

let n = 0;
/** Every answer filled in, optional ones too. */
const full = (email: string): SignupAnswers => ({
  about: { callName: 'Robin', birthYear: 1985, postcode: '7001 AB' },
  contact: { email, phone: '0612345678', bestTimes: 'na vijf uur', voicemail: true, sms: false, senderNamed: true },
  topic: { topic: 'Mijn vader', help: 'Iemand die luistert' },
  place: { place: 'home', address: 'Dorpsstraat 1, Oostveld' },
  when: { days: ['ma', 'vr'], parts: ['avond'], start: 'from', from: '2026-12-14' },
  naaste: {
    withNaaste: true,
    naasteName: 'Kim',
    naasteRelation: 'zus',
    naasteContact: 'kim@test.example',
    inviteNaaste: false,
    language: 'other',
    otherLanguage: 'Tigrinya',
    interpreter: true,
    accessibility: 'Ik gebruik een rolstoel',
  },
});

/** A resident's own sign-up, in a region of its own unless given (a catalogue place is its region's). */
async function signedUp(a?: (email: string) => SignupAnswers, inRegion?: Awaited<ReturnType<typeof insertRegion>>) {
  const email = `wijzig-${++n}-${Date.now()}@test.example`;
  const owner = await insertUser(database.db, { email });
  const region = inRegion ?? (await insertRegion(database.db, { postcodeAreas: ['7001'] }));
  const answers = (a ?? full)(email);
  const token = await saveDraft(database.db, undefined, answers);
  const made = await submitRegistration(database.db, region, token, { signedIn: { id: owner.id }, newAccountPassword: null }, ctx);
  if (!made.ok) throw new Error('not submitted');
  return { owner, region, email, answers, made };
}

const rowOf = async (id: string) => (await database.db.select().from(registrations).where(eq(registrations.id, id)))[0]!;

describe('changing a sign-up', () => {
  it('opens it with every answer as it was given', async () => {
    const { owner, answers, made } = await signedUp();
    const token = (await startChange(database.db, owner.id, made.registrationId))!;
    expect(await loadDraft(database.db, token)).toEqual({ ...answers, editing: made.registrationId, owner: owner.id });
  });

  it('opens a sign-up without optional answers without inventing any', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const place = await insertLocation(database.db, region.id);
    const { owner, answers, made } = await signedUp(
      (email) => ({
        about: { callName: 'Robin', birthYear: 1985, postcode: '7001 AB' },
        contact: { email, voicemail: false, sms: false, senderNamed: false },
        topic: {},
        place: { place: `location:${place.id}` },
        when: { days: ['di'], parts: ['middag'], start: 'asap' },
        naaste: { withNaaste: false, language: 'nl', interpreter: false },
      }),
      region,
    );
    const token = (await startChange(database.db, owner.id, made.registrationId))!;
    expect(await loadDraft(database.db, token)).toEqual({ ...answers, editing: made.registrationId, owner: owner.id });
  });

  it('opens a sign-up for another place with that place as written', async () => {
    const { owner, answers, made } = await signedUp((email) => ({ ...full(email), place: { place: 'other', otherPlace: 'Het park bij de kerk' } }));
    const token = (await startChange(database.db, owner.id, made.registrationId))!;
    expect((await loadDraft(database.db, token))!.place).toEqual(answers.place);
  });

  it('saves the new answers, logs who changed it, mails what it says now and ends the draft', async () => {
    const { owner, region, email, made } = await signedUp();
    const token = (await startChange(database.db, owner.id, made.registrationId))!;
    const draft = (await loadDraft(database.db, token))!;
    await saveDraft(database.db, token, {
      ...draft,
      place: { place: 'walk' },
      when: { days: ['di'], parts: ['middag'], start: 'asap' },
      naaste: { withNaaste: false, language: 'nl', interpreter: false },
    });
    expect(await saveChange(database.db, region, owner.id, token, ctx)).toEqual({ ok: true, reference: made.reference });

    const row = await rowOf(made.registrationId);
    expect(row).toMatchObject({
      placeKind: 'walk',
      availability: { days: ['di'], parts: ['middag'], asap: true, from: null },
      language: 'nl',
      interpreter: false,
      withNaaste: false,
    });
    expect(openDetails(row)).toMatchObject({ address: null, naaste: null, otherLanguage: null, topic: 'Mijn vader' });
    expect(await loadDraft(database.db, token)).toBeNull();

    const [logged] = await database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.action, 'registration.changed'), eq(accessLog.actorId, owner.id)));
    expect(logged).toMatchObject({
      actorId: owner.id,
      actorRole: 'resident',
      subjectId: owner.id,
      object: `registration:${made.registrationId}`,
      action: 'registration.changed',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
    });

    const expected = renderMail(
      'signupChanged',
      'nl',
      {
        name: 'Robin',
        reference: made.reference,
        details: ['Waar: Tijdens een wandeling buiten', 'Wanneer: dinsdag; middag', 'Zo snel mogelijk', 'Je komt zonder iemand anders.'],
      },
      // Signed with the region the sign-up is in, and its contact.
      { discreet: false, region },
    );
    expect((await mailsTo(database.db, email)).filter((m) => m.subject === expected.subject)).toMatchObject([expected]);
  });

  it('mails discreetly when the service’s name is not allowed, and not at all without an address', async () => {
    const { owner, region, email, made } = await signedUp();
    const token = (await startChange(database.db, owner.id, made.registrationId))!;
    const draft = (await loadDraft(database.db, token))!;
    await saveDraft(database.db, token, { ...draft, contact: { ...draft.contact!, senderNamed: false } });
    expect(await saveChange(database.db, region, owner.id, token, ctx)).toMatchObject({ ok: true });
    expect((await mailsTo(database.db, email)).at(-1)).toMatchObject({ fromName: 'Sam', subject: 'Je gegevens zijn aangepast' });

    const before = (await mailsTo(database.db, email)).length;
    const again = (await startChange(database.db, owner.id, made.registrationId))!;
    await saveDraft(database.db, again, { ...draft, contact: { phone: '0612345678', voicemail: false, sms: false, senderNamed: true } });
    expect(await saveChange(database.db, region, owner.id, again, ctx)).toMatchObject({ ok: true });
    expect(await mailsTo(database.db, email)).toHaveLength(before);
  });

  it('is refused, and nothing changed, without an edit draft, when incomplete, outside the rules or once planned', async () => {
    const { owner, region, made } = await signedUp();
    const before = await rowOf(made.registrationId);
    const attempt = async (edit: (d: SignupAnswers) => SignupAnswers) => {
      const token = (await startChange(database.db, owner.id, made.registrationId))!;
      await saveDraft(database.db, token, edit((await loadDraft(database.db, token))!));
      return { token, result: await saveChange(database.db, region, owner.id, token, ctx) };
    };
    expect(await saveChange(database.db, region, owner.id, undefined, ctx)).toEqual({ ok: false, reason: 'no_draft' });
    // A draft for a new sign-up is not a change, even for the same person.
    const fresh = await saveDraft(database.db, undefined, { ...full('x@test.example'), owner: owner.id });
    expect(await saveChange(database.db, region, owner.id, fresh, ctx)).toEqual({ ok: false, reason: 'no_draft' });

    for (const step of ['about', 'contact', 'topic', 'place', 'when', 'naaste'] as const) {
      const { result } = await attempt((d) => {
        const lacking = { ...d };
        delete lacking[step];
        return lacking;
      });
      expect(result, step).toEqual({ ok: false, reason: 'incomplete' });
    }
    const outside = await attempt((d) => ({ ...d, about: { ...d.about!, postcode: '9999 ZZ' } }));
    expect(outside.result).toEqual({ ok: false, reason: 'not_eligible' });

    expect(await rowOf(made.registrationId)).toEqual(before);

    // A change opened while it could still be made, saved once a date is planned.
    const planned = (await startChange(database.db, owner.id, made.registrationId))!;
    await saveDraft(database.db, planned, { ...(await loadDraft(database.db, planned))!, place: { place: 'walk' } });
    await database.db.update(registrations).set({ status: 'planned' }).where(eq(registrations.id, made.registrationId));
    const plannedRow = await rowOf(made.registrationId);
    expect(await saveChange(database.db, region, owner.id, planned, ctx)).toEqual({ ok: false, reason: 'not_changeable' });
    expect(await loadDraft(database.db, planned)).not.toBeNull();
    expect(await rowOf(made.registrationId)).toEqual(plannedRow);
  });
});

describe('the mails of a cancel and its undo', () => {
  it('say until when the cancel can be taken back, by name and code, discreetly when asked', async () => {
    for (const senderNamed of [true, false]) {
      const { owner, email, made, region } = await signedUp((e) => ({ ...full(e), contact: { email: e, voicemail: false, sms: false, senderNamed } }));
      expect(await cancelForResident(database.db, owner.id, made.registrationId, true, ctx)).toBe(true);
      const { cancelledAt, callMeAfterCancel } = await rowOf(made.registrationId);
      expect(callMeAfterCancel).toBe(true);
      const until = dateFormat('nl', 'date').format(new Date(cancelledAt!.getTime() + 7 * 86_400_000));
      const cancelled = renderMail('signupCancelled', 'nl', { name: 'Robin', reference: made.reference, until }, { discreet: !senderNamed, region });
      expect(cancelled.text).toContain(until);
      expect((await mailsTo(database.db, email)).at(-1)).toMatchObject(cancelled);

      expect(await undoCancelForResident(database.db, owner.id, made.registrationId, ctx)).toBe(true);
      // Taken back, the sign-up no longer asks to be called about a cancel.
      expect(await rowOf(made.registrationId)).toMatchObject({ status: 'received', statusBeforeCancel: null, cancelledAt: null, callMeAfterCancel: false });
      const undone = renderMail('cancelUndone', 'nl', { name: 'Robin', reference: made.reference }, { discreet: !senderNamed, region });
      expect((await mailsTo(database.db, email)).at(-1)).toMatchObject(undone);
    }
  });

  it('are not sent to a resident who left no address', async () => {
    const { owner, email, made } = await signedUp((e) => ({ ...full(e), contact: { phone: '0612345678', voicemail: false, sms: false, senderNamed: true } }));
    expect(await cancelForResident(database.db, owner.id, made.registrationId, false, ctx)).toBe(true);
    expect(await undoCancelForResident(database.db, owner.id, made.registrationId, ctx)).toBe(true);
    expect(await mailsTo(database.db, email)).toEqual([]);
  });
});

describe('a resident’s own sign-ups', () => {
  it('carry the name of the place chosen from the catalogue', async () => {
    const region = await insertRegion(database.db, { postcodeAreas: ['7001'] });
    const place = await insertLocation(database.db, region.id, { name: 'Bibliotheek Oost', names: { nl: 'Bibliotheek Oost', en: 'Library East' } });
    const { owner } = await signedUp((e) => ({ ...full(e), place: { place: `location:${place.id}` } }), region);
    const [own] = await listForResident(database.db, owner.id);
    expect(own!.location).toEqual({ name: 'Bibliotheek Oost', names: { nl: 'Bibliotheek Oost', en: 'Library East' } });
  });
});
