import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { createCache } from '../cache.ts';
import { filterKey, queueFilterSql, type QueueFilters } from './queue-filters.ts';
import type { registrationStatuses } from '../db/schema/index.ts';

type RegistrationStatus = (typeof registrationStatuses)[number];

type Reader = { userId: string; role: 'planner' | 'admin'; ipPrefix: string | null };

export const QUEUE_PAGE_SIZE = 50;

export type QueueRow = {
  id: string;
  reference: string;
  /** Any state when searched by code; the open queue otherwise. */
  status: RegistrationStatus;
  createdAt: Date;
  placeKind: 'home' | 'catalogue' | 'walk' | 'other';
  locationKind: string | null;
  language: string;
  interpreter: boolean;
  source: 'resident' | 'partner';
  /** The organisation of the partner who made it ("via Buurtteam Oost"); null for the resident's own. */
  partnerOrganisation: string | null;
};

/** `after`: the page after this sign-up; `before`: the page before it; neither: the oldest. */
export type QueuePosition = { after?: string; before?: string };

export type QueuePage = { rows: QueueRow[]; total: number; previous: string | null; next: string | null };

// The queue order is (created_at, id) over open sign-ups; registrations_open_queue_idx is a
// partial index in exactly that order with exactly this predicate, so a page is an index range
// read of `size` rows however long the queue is. Keep the status list here and in the schema equal.
const open = sql`r.status in ('received', 'contacted', 'planned')`;
// "Awaiting confirmation" (a partner's sign-up the resident has not confirmed) is not in the open
// queue; its filter reads registrations_awaiting_idx instead, in the same order, whose predicate
// this repeats.
const awaiting = sql`r.source = 'partner' and r.confirmed_at is null and r.status = 'awaiting_confirmation'`;
// A code is how a resident on the phone is found, whatever became of their sign-up (held, closed,
// cancelled): the reference is unique, so this reads one row of its unique index, in the region only.
const anyState = sql`true`;
const base = (f: QueueFilters): SQL => (f.reference ? anyState : f.status === 'awaiting_confirmation' ? awaiting : open);

// Counting every open sign-up reads the whole index range (26 ms at 50,000 open): the total is
// kept for 30 seconds per region, and whatever opens or closes a sign-up here empties it.
const totals = createCache<number>('queue-total', 30_000);

export function invalidateQueueTotal(regionId?: string): void {
  // Totals are kept per region and filter; a change to one sign-up can move it in and out of any filter.
  void regionId;
  totals.invalidate();
}

/** Drivers differ in what db.execute returns: some the rows, PGlite and node-postgres an object holding them. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The statement behind listQueue: exported so a test can ask PostgreSQL how it runs it. */
export function queueStatement(regionId: string, reader: Reader, position: QueuePosition = {}, size = QUEUE_PAGE_SIZE, filters: QueueFilters = {}): SQL {
  const backwards = !!position.before && !position.after;
  const cursor = position.after ?? position.before;
  // The cursor is read in the region too: another region's sign-up would tell when it was made.
  const from: SQL = cursor
    ? sql`and (r.created_at, r.id) ${backwards ? sql`<` : sql`>`} (select c.created_at, c.id from registrations c where c.id = ${cursor} and c.region_id = ${regionId})`
    : sql``;
  const direction = backwards ? sql`desc` : sql`asc`;
  // One row more than shown tells whether there is another page; it is neither shown nor logged.
  return sql`
    with candidates as (
      select r.id, r.reference, r.status, r.created_at, r.place_kind, l.kind as location_kind,
             r.language, r.interpreter, r.source, r.resident_id, p.organisation as partner_organisation
      from registrations r left join locations l on l.id = r.location_id
        -- who made a partner's sign-up: one primary-key lookup per row shown, no change to the plan's range read
        left join users p on p.id = r.partner_id
      where r.region_id = ${regionId} and ${base(filters)} ${from} ${queueFilterSql(filters)}
      order by r.created_at ${direction}, r.id ${direction}
      limit ${size + 1}
    ), logged as (
      insert into access_log (actor_id, actor_role, subject_id, object, action, authority, ip_prefix)
      select ${reader.userId}, ${reader.role}, resident_id, 'registration:' || id, 'registration.listed', ${`role:${reader.role}`}, ${reader.ipPrefix}
      from (select * from candidates order by created_at ${direction}, id ${direction} limit ${size}) shown
    )
    select id, reference, status, created_at, place_kind, location_kind, language, interpreter, source, partner_organisation
    from candidates order by created_at, id`;
}

/**
 * One page of the planner's queue, oldest first. Every sign-up shown is a look at someone's data,
 * so the page is read and written to the access log in one statement: what is logged is exactly
 * what is shown. No sealed details are opened here.
 */
export async function listQueue(
  db: Db,
  regionId: string,
  reader: Reader,
  position: QueuePosition = {},
  size = QUEUE_PAGE_SIZE,
  filters: QueueFilters = {},
): Promise<QueuePage> {
  const backwards = !!position.before && !position.after;
  const cursor = position.after ?? position.before;
  const result = await db.execute(queueStatement(regionId, reader, position, size, filters));
  type Raw = {
    id: string;
    reference: string;
    status: QueueRow['status'];
    created_at: Date | string;
    place_kind: QueueRow['placeKind'];
    location_kind: string | null;
    language: string;
    interpreter: boolean;
    source: QueueRow['source'];
    partner_organisation: string | null;
  };
  const raw = rowsOf<Raw>(result);
  const more = raw.length > size;
  // The extra row lies beyond the page: at the end going forward, at the start going back.
  const shown = more ? (backwards ? raw.slice(1) : raw.slice(0, size)) : raw;
  const rows = shown.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    createdAt: new Date(r.created_at),
    placeKind: r.place_kind,
    locationKind: r.location_kind,
    language: r.language,
    interpreter: r.interpreter,
    source: r.source,
    partnerOrganisation: r.partner_organisation,
  }));
  const total = await totals.get(filterKey(regionId, filters), async () => {
    const [counted] = rowsOf<{ total: number | string }>(
      await db.execute(
        sql`select count(*) as total from registrations r left join locations l on l.id = r.location_id where r.region_id = ${regionId} and ${base(filters)} ${queueFilterSql(filters)}`,
      ),
    );
    return Number(counted?.total ?? 0);
  });
  const first = rows[0]?.id ?? null;
  const last = rows.at(-1)?.id ?? null;
  return {
    rows,
    total,
    previous: backwards ? (more ? first : null) : cursor ? first : null,
    next: backwards ? last : more ? last : null,
  };
}

export const waitingDays = (createdAt: Date, now = new Date()): number => Math.floor((now.getTime() - createdAt.getTime()) / 86_400_000);
