import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, users } from '../../src/lib/server/db/schema/index.ts';
import { looksAt, MAX_LOOKS } from '../../src/lib/server/audit/who-looked.ts';
import { periodFrom } from '../../src/lib/server/audit/periods.ts';
import { insertUser } from '../builders/accounts.ts';
import { useTestDatabase } from './database.ts';

// "Wie keek": the resident's own view of the access log. Each kind of look must read as who it was,
// on what, by which right; nothing of another resident, nothing outside the period.
const database = useTestDatabase();
const day = 86_400_000;
const now = new Date('2026-11-20T12:00:00Z');

async function world() {
  const db = database.db;
  const resident = await insertUser(db);
  const other = await insertUser(db);
  const planner = await insertUser(db, { roles: ['planner'] });
  await db.update(users).set({ name: 'Pim Planner' }).where(eq(users.id, planner.id));
  const partner = await insertUser(db, { roles: ['partner'] });
  await db.update(users).set({ name: 'Joyce Bakker', organisation: 'Buurtteam Oost' }).where(eq(users.id, partner.id));
  const worker = await insertUser(db, { roles: ['worker'] });
  const admin = await insertUser(db, { roles: ['admin'] });
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
  await db.insert(accessLog).values([
    {
      at: at(1),
      actorId: resident.id,
      actorRole: 'resident',
      subjectId: resident.id,
      object: 'registration:r1',
      action: 'registration.changed',
      authority: 'self',
    },
    {
      at: at(2),
      actorId: planner.id,
      actorRole: 'planner',
      subjectId: resident.id,
      object: 'registration:r1',
      action: 'registration.viewed',
      authority: 'role:planner',
    },
    { at: at(3), actorId: worker.id, actorRole: 'worker', subjectId: resident.id, object: 'report:p1', action: 'report.viewed', authority: 'duo' },
    {
      at: at(4),
      actorId: null,
      actorRole: null,
      subjectId: resident.id,
      object: 'report:p1',
      action: 'report.opened_by_share',
      authority: 'share:s1',
      detail: { recipient: 'Dr. Jansen', relation: 'huisarts' },
    },
    {
      at: at(5),
      actorId: partner.id,
      actorRole: 'partner',
      subjectId: resident.id,
      object: 'registration:r1',
      action: 'registration.listed_for_partner',
      authority: 'partner:own_signup',
    },
    {
      at: at(6),
      actorId: admin.id,
      actorRole: 'admin',
      subjectId: resident.id,
      object: 'report:p1',
      action: 'report.emergency',
      authority: 'emergency',
      detail: { reason: 'Crisis' },
    },
    {
      at: at(7),
      actorId: admin.id,
      actorRole: 'admin',
      subjectId: resident.id,
      object: 'registration:r1',
      action: 'registration.listed',
      authority: 'role:admin',
    },
    // Not looks at the sign-up or report, another resident's, and one outside the period.
    { at: at(1), actorId: resident.id, actorRole: 'resident', subjectId: resident.id, object: 'session', action: 'session.created', authority: 'self' },
    {
      at: at(1),
      actorId: planner.id,
      actorRole: 'planner',
      subjectId: other.id,
      object: 'registration:r2',
      action: 'registration.viewed',
      authority: 'role:planner',
    },
    {
      at: at(40),
      actorId: planner.id,
      actorRole: 'planner',
      subjectId: resident.id,
      object: 'registration:r1',
      action: 'registration.viewed',
      authority: 'role:planner',
    },
  ]);
  return { db, resident, other };
}

describe('who looked', () => {
  it('tells each kind of look by who, on what and by which right, newest first, for the period asked', async () => {
    const { db, resident } = await world();
    const looks = await looksAt(db, resident.id, periodFrom('30', now), now);
    expect(looks.map((l) => [l.what, l.action, l.authority, l.who, l.reason])).toEqual([
      ['registration', 'changed', 'self', { kind: 'self', name: null, role: null, organisation: null }, null],
      ['registration', 'viewed', 'planner', { kind: 'person', name: 'Pim Planner', role: 'planner', organisation: null }, null],
      ['report', 'report.viewed', 'duo', { kind: 'person', name: null, role: 'worker', organisation: null }, null],
      ['report', 'report.opened_by_share', 'share', { kind: 'recipient', name: 'Dr. Jansen', role: 'huisarts', organisation: null }, null],
      ['registration', 'listed_for_partner', 'partner', { kind: 'person', name: 'Joyce Bakker', role: 'partner', organisation: 'Buurtteam Oost' }, null],
      ['report', 'report.emergency', 'emergency', { kind: 'person', name: null, role: 'admin', organisation: null }, 'Crisis'],
      ['registration', 'listed', 'other', { kind: 'person', name: null, role: 'admin', organisation: null }, null],
    ]);
    expect(looks.map((l) => l.at.getTime())).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => now.getTime() - d * day));
  });

  it('counts a period back from now, "all" from the start, and ends before `to`', async () => {
    const { db, resident } = await world();
    expect(periodFrom('7', now)).toEqual(new Date(now.getTime() - 7 * day));
    expect(periodFrom('365', now)).toEqual(new Date(now.getTime() - 365 * day));
    expect(periodFrom('all', now)).toEqual(new Date(0));
    expect(await looksAt(db, resident.id, periodFrom('all', now), now)).toHaveLength(8);
    // The look exactly 7 days ago is in a 7-day period; one at `to` is not.
    expect((await looksAt(db, resident.id, periodFrom('7', now), now)).map((l) => l.action).at(-1)).toBe('listed');
    expect(await looksAt(db, resident.id, periodFrom('30', now), new Date(now.getTime() - day))).toHaveLength(6);
  });

  it('shows a share without a recorded name as an unnamed recipient, and stops at the most it shows', async () => {
    const { db, other } = await world();
    await db.insert(accessLog).values({ at: now, subjectId: other.id, object: 'report:p2', action: 'report.opened_by_share', authority: 'share:s2' });
    const [share] = await looksAt(db, other.id, periodFrom('7', now), new Date(now.getTime() + 1));
    expect(share!.who).toEqual({ kind: 'recipient', name: '', role: '', organisation: null });
    expect(MAX_LOOKS).toBe(500);
  });
});
