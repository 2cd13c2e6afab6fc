import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, registrations } from '../../src/lib/server/db/schema/index.ts';
import { listQueue, queueStatement, type QueuePage } from '../../src/lib/server/registrations/queue.ts';
import { awaitingQuery, listAwaiting } from '../../src/lib/server/partner/team.ts';
import { insertUser } from '../builders/accounts.ts';
import { insertRegion } from '../builders/region.ts';
import { insertRegistrations } from '../builders/registrations.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();
const base = new Date('2026-09-01T08:00:00Z').getTime();
const statuses = ['received', 'contacted', 'planned', 'held', 'cancelled', 'report_ready'] as const;

/** 260 sign-ups, three at each moment (ties are broken by id), half of them no longer open. */
async function fill() {
  const region = await insertRegion(database.db);
  const other = await insertRegion(database.db);
  const all = await insertRegistrations(database.db, region.id, 260, (i) => ({
    // Inserted newest first, so the table's physical order is the opposite of the queue's.
    createdAt: new Date(base - Math.floor(i / 3) * 60_000),
    status: statuses[i % statuses.length]!,
  }));
  await insertRegistrations(database.db, other.id, 40, (i) => ({ createdAt: new Date(base - i * 60_000 - 1) }));
  const open = all
    .filter((r) => ['received', 'contacted', 'planned'].includes(r.status))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
    .map((r) => r.id);
  const planner = await insertUser(database.db, { roles: ['planner'] });
  return { region, open, reader: { userId: planner.id, role: 'planner' as const, ipPrefix: '192.0.2.0/24' } };
}

describe('the planner queue', () => {
  it('pages through every open sign-up of its region exactly once, oldest first, and back again', async () => {
    const { region, open, reader } = await fill();
    expect(open).toHaveLength(131);
    const pages: QueuePage[] = [await listQueue(database.db, region.id, reader, {}, 50)];
    while (pages.at(-1)!.next) pages.push(await listQueue(database.db, region.id, reader, { after: pages.at(-1)!.next! }, 50));
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 31]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(open);
    expect(pages.map((p) => p.total)).toEqual([131, 131, 131]);
    expect(pages[0]!.previous).toBeNull();
    expect(pages[2]!.next).toBeNull();

    const back = await listQueue(database.db, region.id, reader, { before: pages[2]!.previous! }, 50);
    expect(back.rows.map((r) => r.id)).toEqual(pages[1]!.rows.map((r) => r.id));
    const first = await listQueue(database.db, region.id, reader, { before: back.previous! }, 50);
    expect(first.rows.map((r) => r.id)).toEqual(pages[0]!.rows.map((r) => r.id));
    expect(first.previous).toBeNull();
    expect(first.next).toBe(pages[0]!.next);
  });

  it('logs each sign-up shown, and only those, in the same statement that reads them', async () => {
    const { region, open, reader } = await fill();
    const page = await listQueue(database.db, region.id, reader, { after: open[49]! }, 50);
    const logged = await database.db
      .select({ object: accessLog.object, action: accessLog.action, authority: accessLog.authority, ipPrefix: accessLog.ipPrefix })
      .from(accessLog)
      .where(and(eq(accessLog.actorId, reader.userId)));
    expect(logged.map((l) => l.object).sort()).toEqual(page.rows.map((r) => `registration:${r.id}`).sort());
    expect(logged).toHaveLength(50);
    expect(new Set(logged.map((l) => `${l.action} ${l.authority} ${l.ipPrefix}`))).toEqual(new Set(['registration.listed role:planner 192.0.2.0/24']));
  });

  it('reads a page straight from the queue index, without sorting the sign-ups', async () => {
    const { region, open, reader } = await fill();
    for (const position of [{}, { after: open[60]! }, { before: open[60]! }]) {
      const plan = await database.db.transaction(async (tx) => {
        // With sorting and full scans priced out, PostgreSQL sorts only when no index gives the order.
        await tx.execute(sql`set local enable_sort = off`);
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        const result = await tx.execute(sql`explain ${queueStatement(region.id, reader, position, 50)}`);
        const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
        return rows.map((r) => Object.values(r)[0]).join('\n');
      });
      // The rows of the page come from the index in queue order (forwards or backwards); the only
      // sort allowed is of the finished page (at most 51 rows), outside the read of sign-ups.
      const read = plan.slice(plan.indexOf('CTE candidates'), plan.indexOf('CTE logged'));
      expect(read).toMatch(/Index Scan (Backward )?using registrations_open_queue_idx on registrations r/);
      expect(read).not.toMatch(/Sort|Seq Scan|Bitmap/);
      // Who made a partner's sign-up ("via <organisation>") is a primary-key lookup, not a scan.
      expect(read).toMatch(/Index Scan using users_pkey on users p/);
    }
  });
});

describe("the partner's sign-ups that wait for the resident", () => {
  it('are read through their own index, not by reading every sign-up, and logged in one go', async () => {
    const { region, reader } = await fill();
    const waiting = await insertRegistrations(database.db, region.id, 3, (i) => ({
      createdAt: new Date(base + i * 60_000),
      status: 'awaiting_confirmation',
      source: 'partner',
    }));
    const explain = (statement: SQLWrapper) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        await tx.execute(sql`set local enable_sort = off`);
        const result = await tx.execute(sql`explain ${statement}`);
        const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
        return rows.map((r) => Object.values(r)[0]).join('\n');
      });
    // The outer read of sign-ups (the duplicate check below it reads by e-mail and phone hash).
    const plan = await explain(awaitingQuery(database.db, region.id));
    expect(plan.slice(0, plan.indexOf('SubPlan'))).toMatch(/Index Scan using registrations_awaiting_idx on registrations/);
    // The queue's "awaiting confirmation" filter reads the same index, in queue order.
    const filtered = await explain(queueStatement(region.id, reader, {}, 50, { status: 'awaiting_confirmation' }));
    const read = filtered.slice(filtered.indexOf('CTE candidates'), filtered.indexOf('CTE logged'));
    expect(read).toMatch(/Index Scan using registrations_awaiting_idx on registrations r/);
    expect(read).not.toMatch(/Sort|Seq Scan|Bitmap/);
    const shown = await listAwaiting(database.db, region.id, reader, { lang: 'nl', ipPrefix: reader.ipPrefix, userAgent: null });
    expect(shown.map((r) => r.id)).toEqual(waiting.map((r) => r.id));
    const logged = await database.db.select({ object: accessLog.object, action: accessLog.action }).from(accessLog).where(eq(accessLog.actorId, reader.userId));
    expect(logged.map((l) => l.object).sort()).toEqual(waiting.map((r) => `registration:${r.id}`).sort());
    expect(new Set(logged.map((l) => l.action))).toEqual(new Set(['registration.listed']));
  });
});

describe('the planner queue filters', () => {
  it('narrow by status, place, language, partner, reference and awaiting confirmation, with their own totals', async () => {
    const region = await insertRegion(database.db);
    const all = await insertRegistrations(database.db, region.id, 12, (i) => ({
      createdAt: new Date(base + i * 60_000),
      status: (['received', 'contacted', 'planned', 'awaiting_confirmation'] as const)[i % 4],
      source: i % 2 ? 'partner' : 'resident',
      language: i % 3 ? 'nl' : 'en',
      placeKind: i % 4 === 1 ? 'walk' : 'home',
    }));
    const planner = await insertUser(database.db, { roles: ['planner'] });
    const reader = { userId: planner.id, role: 'planner' as const, ipPrefix: null };
    const ids = (f: Parameters<typeof listQueue>[5]) =>
      listQueue(database.db, region.id, reader, {}, 50, f).then((p) => ({ ids: p.rows.map((r) => r.id), total: p.total }));
    const expected = (pred: (i: number) => boolean) => all.filter((_, i) => pred(i)).map((r) => r.id);
    expect((await ids({})).ids).toEqual(expected((i) => i % 4 !== 3));
    expect(await ids({ status: 'contacted' })).toEqual({ ids: expected((i) => i % 4 === 1), total: 3 });
    expect((await ids({ place: 'walk' })).ids).toEqual(expected((i) => i % 4 === 1));
    expect((await ids({ language: 'en' })).ids).toEqual(expected((i) => i % 4 !== 3 && i % 3 === 0));
    expect((await ids({ partner: true })).ids).toEqual(expected((i) => i % 4 !== 3 && i % 2 === 1));
    // Two filters at once (the mutation run of issue 9 found the space between them untested).
    const both = expected((i) => i % 4 === 0 && i % 2 === 0 && i % 3 !== 0);
    expect(both).toHaveLength(2);
    expect(await ids({ status: 'received', language: 'nl' })).toEqual({ ids: both, total: 2 });
    expect((await ids({ status: 'awaiting_confirmation' })).ids).toEqual(expected((i) => i % 4 === 3));
    const [row] = await database.db.select({ reference: registrations.reference }).from(registrations).where(eq(registrations.id, all[2]!.id));
    expect((await ids({ reference: row!.reference })).ids).toEqual([all[2]!.id]);
  });
});

describe('the search by code', () => {
  // Issue 23, item 4: a resident calls about a conversation that was held; the planner must find it.
  it('finds a sign-up of the region in every state, logged, and never one of another region', async () => {
    const { region, reader } = await fill();
    const other = await insertRegion(database.db);
    const states = ['awaiting_confirmation', 'received', 'planned', 'held', 'report_ready', 'cancelled'] as const;
    const withCode = (rows: { id: string }[]) =>
      Promise.all(rows.map(async (r) => (await database.db.select().from(registrations).where(eq(registrations.id, r.id)))[0]!));
    const mine = await withCode(await insertRegistrations(database.db, region.id, states.length, (i) => ({ status: states[i]! })));
    const [theirs] = await withCode(await insertRegistrations(database.db, other.id, 1, () => ({ status: 'held' })));
    for (const r of mine) {
      const page = await listQueue(database.db, region.id, reader, {}, 50, { reference: r.reference });
      expect(page.rows.map((row) => [row.id, row.status])).toEqual([[r.id, r.status]]);
      expect(page.total).toBe(1);
    }
    expect((await listQueue(database.db, region.id, reader, {}, 50, { reference: theirs!.reference })).rows).toEqual([]);
    const logged = await database.db
      .select({ object: accessLog.object })
      .from(accessLog)
      .where(and(eq(accessLog.actorId, reader.userId), eq(accessLog.action, 'registration.listed')));
    expect(logged.map((l) => l.object).sort()).toEqual(mine.map((r) => `registration:${r.id}`).sort());
    // Without a code the queue stays the open sign-ups only.
    const open = await listQueue(database.db, region.id, reader, {}, 500);
    expect(open.rows.some((row) => ['held', 'report_ready', 'cancelled'].includes(row.status))).toBe(false);
  });
});
