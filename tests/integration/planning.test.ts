import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, conversationReminders, registrations } from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { listHeldMail } from '../../src/lib/server/mail/mailbox.ts';
import { loadSignup } from '../../src/lib/server/planning/context.ts';
import { conversationsFor } from '../../src/lib/server/planning/queries.ts';
import { contactNotesFor, recordContact } from '../../src/lib/server/planning/contact.ts';
import { proposeMoments } from '../../src/lib/server/planning/propose.ts';
import { confirmByPhone, pickMoment } from '../../src/lib/server/planning/confirm.ts';
import { answerInvitation, withdrawInvitation } from '../../src/lib/server/planning/naaste.ts';
import { sendDueReminders } from '../../src/lib/server/planning/reminders.ts';
import { askPlanners, recordOutcome } from '../../src/lib/server/planning/outcome.ts';
import { queueFigures } from '../../src/lib/server/planning/waiting.ts';
import { cancelForResident, undoCancelForResident } from '../../src/lib/server/registrations/cancel.ts';
import { StaleVersion } from '../../src/lib/server/planning/version.ts';
import { conversationProposals, conversations } from '../../src/lib/server/db/schema/index.ts';
import { insertUser } from '../builders/accounts.ts';
import { insertLocation, insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { insertMember } from '../builders/team.ts';
import { REVEALING } from '../builders/mail.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();
const now = new Date('2026-03-20T12:00:00Z');

async function world(naaste = true, discreet = false, secondWorkerLanguage = 'nl', home = false) {
  const db = database.db;
  const region = await insertRegion(db);
  const place = await insertLocation(db, region.id, { street: 'Raadhuisstraat 1', city: 'Doetinchem' });
  const resident = await insertUser(db);
  const planner = await insertUser(db, { roles: ['planner'] });
  const workers = [await insertUser(db, { roles: ['worker'] }), await insertUser(db, { roles: ['worker'], language: secondWorkerLanguage })];
  const members = [
    await insertMember(db, region.id, { userId: workers[0]!.id, countsAsGgz: true }),
    await insertMember(db, region.id, { userId: workers[1]!.id }),
  ];
  const n = Math.random().toString(36).slice(2, 8);
  const sanne = `sanne-${n}@test.example`;
  const kees = `kees-${n}@test.example`;
  const details = {
    callName: 'Sanne',
    contact: { email: sanne, voicemail: false, sms: false, senderNamed: !discreet },
    naaste: naaste ? { name: 'Kees', relation: 'broer', contact: kees, invite: true } : null,
    ...(home ? { address: 'Dorpsstraat 1, 7001 AB Doetinchem' } : {}),
  };
  const [registration] = await db
    .insert(registrations)
    .values(
      buildRegistration(region.id, {
        residentId: resident.id,
        placeKind: home ? 'home' : 'catalogue',
        locationId: home ? null : place.id,
        createdAt: new Date('2026-03-10T12:00:00Z'),
        sealedDetails: seal(JSON.stringify(details)),
      }),
    )
    .returning();
  const actor = { userId: planner.id, role: 'planner', ipPrefix: '192.0.2.0/24', regionId: region.id };
  return { sanne, kees, db, region, place, resident, planner, workers, members, registration: registration!, actor };
}

const moments = [
  { date: '2026-03-23', time: '10:00', durationMinutes: 60 },
  { date: '2026-03-24', time: '14:00', durationMinutes: 90 },
];

describe('planning a conversation', () => {
  it('records contact once, and tells a second planner on a stale version what changed', async () => {
    const w = await world();
    const first = await recordContact(w.db, w.actor, w.registration.id, 1, 'Gebeld, wil graag dinsdag', now);
    expect(first.version).toBe(2);
    await expect(recordContact(w.db, w.actor, w.registration.id, 1, 'ook gebeld', now)).rejects.toMatchObject({ changes: [{ kind: 'contact' }] });
    await expect(recordContact(w.db, w.actor, w.registration.id, 1, '', now)).rejects.toBeInstanceOf(StaleVersion);
    const [r] = await w.db.select().from(registrations).where(eq(registrations.id, w.registration.id));
    expect(r).toMatchObject({ status: 'contacted', firstContactAt: now, planningVersion: 2 });
    // Issue 23: the saved note can be read back on the sign-up's page, with when and by whom.
    expect(await contactNotesFor(w.db, w.registration.id)).toEqual([{ at: now, author: w.planner.name, note: 'Gebeld, wil graag dinsdag' }]);
    const logged = await w.db
      .select()
      .from(accessLog)
      .where(eq(accessLog.object, `registration:${w.registration.id}`));
    expect(logged.map((l) => l.action)).toEqual(['planning.contact']);
  });

  it('refuses a duo of one, an inactive member and a clash with the travel buffer', async () => {
    const w = await world();
    const ctx = (await loadSignup(w.db, w.registration.id))!;
    const [a, b] = w.members as [(typeof w.members)[0], (typeof w.members)[0]];
    expect(await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: [a.id], moments }, now)).toMatchObject({ ok: false, duo: ['duo_size'] });
    const inactive = await insertMember(w.db, w.region.id, { active: false });
    expect(await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: [a.id, inactive.id], moments }, now)).toMatchObject({
      ok: false,
      duo: ['duo_inactive'],
    });
    const stranger = await insertMember(w.db, (await insertRegion(w.db)).id);
    expect(await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: [a.id, stranger.id], moments }, now)).toMatchObject({ ok: false, duo: ['duo_size'] });
    expect(
      await proposeMoments(
        w.db,
        w.actor,
        ctx,
        { seen: 1, memberIds: [a.id, b.id], moments: [{ date: '2026-03-19', time: '10:00', durationMinutes: 60 }] },
        now,
      ),
    ).toMatchObject({
      ok: false,
      proposals: [{ index: 0, problem: 'past' }],
    });

    // Member a has a confirmed conversation elsewhere until 10:30 on the 24th: 14:00 is fine, 10:45 is not (buffer 30).
    const [home] = await w.db
      .insert(registrations)
      .values(
        buildRegistration(w.region.id, {
          placeKind: 'home',
          sealedDetails: seal(JSON.stringify({ callName: 'Ali', contact: { senderNamed: false }, address: 'Dorpsstraat 2' })),
        }),
      )
      .returning();
    const otherCtx = (await loadSignup(w.db, home!.id))!;
    const c = await proposeMoments(
      w.db,
      w.actor,
      otherCtx,
      { seen: 1, memberIds: [a.id, (await insertMember(w.db, w.region.id)).id], moments: [{ date: '2026-03-24', time: '09:30', durationMinutes: 60 }] },
      now,
    );
    expect(c.ok).toBe(true);
    const [p] = await w.db.select().from(conversationProposals);
    expect((await pickMoment(w.db, otherCtx, p!.id, now)).ok).toBe(true);
    const clash = await proposeMoments(
      w.db,
      w.actor,
      ctx,
      { seen: 1, memberIds: [a.id, b.id], moments: [{ date: '2026-03-24', time: '10:45', durationMinutes: 60 }] },
      now,
    );
    expect(clash).toEqual({ ok: false, conflicts: [{ index: 0, memberId: a.id }] });
    expect(
      (
        await proposeMoments(
          w.db,
          w.actor,
          ctx,
          { seen: 1, memberIds: [a.id, b.id], moments: [{ date: '2026-03-24', time: '11:00', durationMinutes: 60 }] },
          now,
        )
      ).ok,
    ).toBe(true);
  });

  it('goes from proposal to a held conversation: mail with .ics, the naaste, the reminder once, the follow-up', async () => {
    const w = await world();
    const ctx = (await loadSignup(w.db, w.registration.id))!;
    const proposed = await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: w.members.map((m) => m.id), moments }, now);
    expect(proposed).toMatchObject({ ok: true, warnings: [] });
    const options = await w.db
      .select()
      .from(conversationProposals)
      .where(eq(conversationProposals.conversationId, proposed.ok ? proposed.conversationId : ''))
      .orderBy(conversationProposals.startsAt);
    expect(options).toHaveLength(2);
    expect((await listHeldMail(w.db)).map((m) => [m.to, m.subject])).toContainEqual([w.sanne, 'Kies een moment voor je herstelgesprek']);

    expect(await pickMoment(w.db, ctx, options[1]!.id, now)).toMatchObject({ ok: true });
    expect(await pickMoment(w.db, ctx, options[0]!.id, now)).toEqual({ ok: false, reason: 'not_found' });
    const mail = await listHeldMail(w.db);
    const mine = [...w.members.map((m) => m.email), w.kees, w.sanne];
    const withIcs = mail.filter((m) => m.attachments?.length && mine.includes(m.to));
    expect(withIcs.map((m) => m.to).sort()).toEqual([...w.members.map((m) => m.email), w.kees, w.sanne].sort());
    for (const m of withIcs) {
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(m.attachments![0]!.content)).getFirstSubcomponent('vevent')!);
      expect(event.startDate.toJSDate()).toEqual(new Date('2026-03-24T13:00:00Z'));
      expect(event.duration.toSeconds()).toBe(90 * 60);
    }
    // The place with its address for everyone here (a library, not a home); no health word in the title.
    expect(withIcs.find((m) => m.to === w.sanne)!.attachments![0]!.content).toContain('SUMMARY:Afspraak');

    const invite = mail.find((m) => m.to === w.kees)!;
    const token = /\/naaste\/([a-z0-9]+)/.exec(invite.text)![1]!;
    expect(await answerInvitation(w.db, 'verkeerd', 'yes', now)).toBe(false);
    expect(await answerInvitation(w.db, token, 'yes', now)).toBe(true);

    // Reminders are due 24 h before; two rounds at once send each once.
    const due = new Date('2026-03-23T14:00:00Z');
    const sent = await Promise.all([sendDueReminders(w.db, due), sendDueReminders(w.db, due)]);
    // Other tests' conversations in this database may be due too; ours must each be mailed exactly once.
    expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    expect(await sendDueReminders(w.db, due)).toBe(0);
    const reminders = (await listHeldMail(w.db)).filter((m) => m.subject.startsWith('Herinnering') && mine.includes(m.to));
    expect(reminders.map((m) => m.to).sort()).toEqual([w.kees, w.sanne]);

    const [c] = await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id));
    const after = new Date('2026-03-24T16:00:00Z');
    expect(await recordOutcome(w.db, w.actor, c!.id, 'held', c!.version, after)).toEqual({ ok: false, reason: 'not_found' });
    const duoActor = { userId: w.workers[0]!.id, role: 'worker', ipPrefix: null, regionId: w.region.id };
    // Issue 23: the same morning, hours before it starts, "held" or "not there" would be untrue.
    const sameMorning = new Date('2026-03-24T09:00:00Z');
    expect(await recordOutcome(w.db, duoActor, c!.id, 'held', c!.version, sameMorning)).toMatchObject({ ok: false, reason: 'not_started' });
    expect(await recordOutcome(w.db, duoActor, c!.id, 'no_show', c!.version, sameMorning)).toMatchObject({ ok: false, reason: 'not_started' });
    expect(await recordOutcome(w.db, duoActor, c!.id, 'held', c!.version - 1, after)).toMatchObject({ ok: false, reason: 'stale' });
    expect(await recordOutcome(w.db, duoActor, c!.id, 'held', c!.version, after)).toEqual({ ok: true });
    const [r] = await w.db.select().from(registrations).where(eq(registrations.id, w.registration.id));
    expect(r).toMatchObject({ status: 'held', firstConversationAt: new Date('2026-03-24T13:00:00Z') });
    expect(await askPlanners(w.db, (await loadSignup(w.db, w.registration.id))!, 'follow_up', 'Graag nog een keer')).toBe(true);
    expect(await askPlanners(w.db, (await loadSignup(w.db, w.registration.id))!, 'move', '')).toBe(false);

    const figures = await queueFigures(w.db, w.region.id, after);
    expect(figures.toConversation).toEqual({ count: 1, median: 14, p90: 14 });
  });

  it("reads several sign-ups' conversations at once, each with its own duo and moments", async () => {
    const [a, b, none] = [await world(), await world(false), await world()];
    for (const [w, m] of [
      [a, moments],
      [b, moments.slice(1)],
    ] as const) {
      const ctx = (await loadSignup(w.db, w.registration.id))!;
      expect(await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: w.members.map((x) => x.id), moments: [...m] }, now)).toMatchObject({ ok: true });
    }
    const read = await conversationsFor(database.db, [a.registration.id, b.registration.id, none.registration.id]);
    expect([...read.keys()]).toEqual([a.registration.id, b.registration.id, none.registration.id]);
    for (const [w, count] of [
      [a, 2],
      [b, 1],
    ] as const) {
      const [c, ...more] = read.get(w.registration.id)!;
      expect(more).toEqual([]);
      expect(c!.registrationId).toBe(w.registration.id);
      expect(c!.duo.map((d) => d.id).sort()).toEqual(w.members.map((m) => m.id).sort());
      expect(c!.proposals.map((p) => p.conversationId)).toEqual(Array(count).fill(c!.id));
      expect(c!.invitation).toBeNull();
    }
    expect(read.get(none.registration.id)).toEqual([]);
    expect((await conversationsFor(database.db, [])).size).toBe(0);
  });

  it('confirms by phone, and a withdrawn invitation stops the link and the naaste reminder', async () => {
    const w = await world();
    const ctx = (await loadSignup(w.db, w.registration.id))!;
    const proposed = await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: w.members.map((m) => m.id), moments }, now);
    expect(proposed.ok).toBe(true);
    const seen = proposed.ok ? proposed.version : 0;
    expect(await confirmByPhone(w.db, w.actor, ctx, { seen, date: '2026-03-29', time: '02:30', durationMinutes: 60 }, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await confirmByPhone(w.db, w.actor, ctx, { seen, date: '2026-03-25', time: '09:00', durationMinutes: 60 }, now)).toMatchObject({ ok: true });
    const [c] = await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id));
    expect(c).toMatchObject({ status: 'confirmed', confirmedVia: 'phone', startsAt: new Date('2026-03-25T08:00:00Z') });
    const token = /\/naaste\/([a-z0-9]+)/.exec((await listHeldMail(w.db)).find((m) => m.to === w.kees)!.text)![1]!;
    expect(await answerInvitation(w.db, token, 'yes', now)).toBe(true);
    // Asking to move an agreed conversation tells both of the duo.
    expect(await askPlanners(w.db, ctx, 'move', 'Liever later')).toBe(true);
    const told = (await listHeldMail(w.db)).filter((m) => m.subject === 'Een gesprek is gewijzigd').map((m) => m.to);
    expect(told).toEqual(expect.arrayContaining(w.members.map((m) => m.email)));
    expect(await withdrawInvitation(w.db, ctx, c!.id, now)).toBe(true);
    expect(await answerInvitation(w.db, token, 'no', now)).toBe(false);
    const left = await w.db.select().from(conversationReminders).where(eq(conversationReminders.conversationId, c!.id));
    expect(left.map((l) => l.recipient)).toEqual(['resident']);
    expect((await listHeldMail(w.db)).some((m) => m.to === w.kees && m.subject === 'De uitnodiging gaat niet door')).toBe(true);
  });

  it('cancels an agreed conversation with the sign-up, tells the duo, and an undo goes back to be planned again', async () => {
    const w = await world();
    const ctx = (await loadSignup(w.db, w.registration.id))!;
    const proposed = await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: w.members.map((m) => m.id), moments }, now);
    expect(
      await confirmByPhone(w.db, w.actor, ctx, { seen: proposed.ok ? proposed.version : 0, date: '2026-03-25', time: '09:00', durationMinutes: 60 }, now),
    ).toMatchObject({ ok: true });
    const request = { lang: 'nl', ipPrefix: null, userAgent: null };
    expect(await cancelForResident(w.db, w.resident.id, w.registration.id, false, request)).toBe(true);
    const [c] = await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id));
    expect(c!.status).toBe('cancelled');
    expect(await w.db.select().from(conversationReminders).where(eq(conversationReminders.conversationId, c!.id))).toEqual([]);
    const told = (await listHeldMail(w.db)).filter((m) => m.subject === 'Een gesprek is gewijzigd' && m.text.includes('Afgezegd')).map((m) => m.to);
    expect(told).toEqual(expect.arrayContaining(w.members.map((m) => m.email)));
    // The invited naaste is told too, in the same transaction as the cancel.
    const naaste = (await listHeldMail(w.db)).filter((m) => m.to === w.kees && m.subject === 'Het gesprek gaat niet door');
    expect(naaste).toHaveLength(1);
    expect(naaste[0]!.text).toContain('25 maart 2026');
    expect(await undoCancelForResident(w.db, w.resident.id, w.registration.id, request)).toBe(true);
    const [r] = await w.db.select().from(registrations).where(eq(registrations.id, w.registration.id));
    expect(r!.status).toBe('contacted');
  });

  it('mails each member of the duo in the language of their own account', async () => {
    const w = await world(false, false, 'en');
    const ctx = (await loadSignup(w.db, w.registration.id))!;
    const proposed = await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: w.members.map((m) => m.id), moments }, now);
    await confirmByPhone(w.db, w.actor, ctx, { seen: proposed.ok ? proposed.version : 0, date: '2026-03-25', time: '09:00', durationMinutes: 60 }, now);
    expect(await cancelForResident(w.db, w.resident.id, w.registration.id, false, { lang: 'nl', ipPrefix: null, userAgent: null })).toBe(true);
    const to = async (email: string) => (await listHeldMail(w.db)).filter((m) => m.to === email).map((m) => m.subject);
    expect(await to(w.members[0]!.email)).toEqual(expect.arrayContaining(['Nieuw gesprek in je agenda', 'Een gesprek is gewijzigd']));
    expect(await to(w.members[1]!.email)).toEqual(expect.arrayContaining(['New conversation in your calendar', 'A conversation has changed']));
    const [changed] = (await listHeldMail(w.db)).filter((m) => m.to === w.members[1]!.email && m.subject === 'A conversation has changed');
    expect(changed!.text).toContain('Cancelled');
    expect(changed!.text).toContain('/en/team/gesprekken');
  });

  for (const discreet of [false, true])
    it(`tells the naaste who invites them and whose home it is, and reminds them in their own words (${discreet ? 'discreet' : 'named'})`, async () => {
      const w = await world(true, discreet, 'nl', true);
      const ctx = (await loadSignup(w.db, w.registration.id))!;
      const proposed = await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: w.members.map((m) => m.id), moments }, now);
      const seen = proposed.ok ? proposed.version : 0;
      expect(await confirmByPhone(w.db, w.actor, ctx, { seen, date: '2026-03-25', time: '09:00', durationMinutes: 60 }, now)).toMatchObject({ ok: true });
      const held = await listHeldMail(w.db);
      const invite = held.find((m) => m.to === w.kees)!;
      expect(invite.subject).toBe(discreet ? 'Een uitnodiging van Sanne' : 'Een uitnodiging van Sanne voor een gesprek');
      expect(invite.text).toMatch(/^Hallo Kees,\n\nSanne wil graag dat je meekomt naar een/);
      expect(invite.text).toContain('\n- Bij Sanne thuis, Dorpsstraat 1, 7001 AB Doetinchem\n');
      expect(invite.attachments![0]!.content).toContain('Bij Sanne thuis');
      // The duo reads whose home it is in their own terms, never "Bij mij thuis".
      for (const m of w.members) {
        const duo = held.find((x) => x.to === m.email && x.subject === 'Nieuw gesprek in je agenda')!;
        expect(duo.text).toContain('- Bij de inwoner thuis: Dorpsstraat 1, 7001 AB Doetinchem');
        expect(duo.text).not.toContain('Bij mij thuis');
      }
      const token = /\/naaste\/([a-z0-9]+)/.exec(invite.text)![1]!;
      expect(await answerInvitation(w.db, token, 'yes', now)).toBe(true);
      await sendDueReminders(w.db, new Date('2026-03-24T09:00:00Z'));
      const [reminder] = (await listHeldMail(w.db)).filter((m) => m.to === w.kees && m.subject.startsWith('Herinnering'));
      expect(reminder!.subject).toBe(discreet ? 'Herinnering: je gaat mee met Sanne' : 'Herinnering: je gaat mee naar het gesprek van Sanne');
      expect(reminder!.text).toContain(`Hallo Kees,\n\nJe hebt gezegd dat je meekomt naar ${discreet ? 'de afspraak' : 'het gesprek'} van Sanne.`);
      expect(reminder!.text).toContain('- Bij Sanne thuis, Dorpsstraat 1, 7001 AB Doetinchem');
      // How to cancel their own coming, as their invitation allows: no account to sign in to.
      expect(reminder!.text).toContain('kies ‘Nee, ik kom niet’');
      expect(reminder!.text).toContain(`Bel ${w.region.contactPhone}`);
      expect(reminder!.text).not.toMatch(/Log in/i);
      if (discreet) for (const part of [reminder!.subject, reminder!.text, invite.subject, invite.text]) expect(part).not.toMatch(REVEALING);
    });

  it('schedules no reminder for a naaste who says yes when the conversation is closer than the lead time', async () => {
    const w = await world();
    const ctx = (await loadSignup(w.db, w.registration.id))!;
    const proposed = await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: w.members.map((m) => m.id), moments }, now);
    const seen = proposed.ok ? proposed.version : 0;
    // 20 hours after "now", with the region's reminder 24 hours before.
    expect(await confirmByPhone(w.db, w.actor, ctx, { seen, date: '2026-03-21', time: '09:00', durationMinutes: 60 }, now)).toMatchObject({ ok: true });
    const token = /\/naaste\/([a-z0-9]+)/.exec((await listHeldMail(w.db)).find((m) => m.to === w.kees)!.text)![1]!;
    expect(await answerInvitation(w.db, token, 'yes', now)).toBe(true);
    const [c] = await w.db.select().from(conversations).where(eq(conversations.registrationId, w.registration.id));
    const rows = await w.db.select().from(conversationReminders).where(eq(conversationReminders.conversationId, c!.id));
    expect(rows.map((r) => r.recipient)).toEqual(['resident']);
  });

  it("tells a discreet resident's naaste of a cancel without naming the service", async () => {
    const w = await world(true, true);
    const ctx = (await loadSignup(w.db, w.registration.id))!;
    const proposed = await proposeMoments(w.db, w.actor, ctx, { seen: 1, memberIds: w.members.map((m) => m.id), moments }, now);
    await confirmByPhone(w.db, w.actor, ctx, { seen: proposed.ok ? proposed.version : 0, date: '2026-03-25', time: '09:00', durationMinutes: 60 }, now);
    expect(await cancelForResident(w.db, w.resident.id, w.registration.id, false, { lang: 'nl', ipPrefix: null, userAgent: null })).toBe(true);
    const [told] = (await listHeldMail(w.db)).filter((m) => m.to === w.kees && m.subject === 'De afspraak gaat niet door');
    expect(told).toBeDefined();
    expect(`${told!.subject} ${told!.text} ${told!.fromName ?? ''}`).not.toMatch(REVEALING);
  });
});
