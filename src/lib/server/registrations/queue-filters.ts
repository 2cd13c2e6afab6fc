import { sql, type SQL } from 'drizzle-orm';
import { locationKinds } from '../db/schema/index.ts';

// The planner queue's filters, read from the address bar (?status=...&plek=...&taal=...&partner=1&zoek=HOG-...),
// so a filtered page is a link and works without JavaScript. Unknown values are ignored, not errors.
export const queueStatuses = ['received', 'contacted', 'planned', 'awaiting_confirmation'] as const;
export const queuePlaces = ['home', 'walk', 'other', ...locationKinds] as const;

export type QueueFilters = {
  status?: (typeof queueStatuses)[number];
  place?: (typeof queuePlaces)[number];
  language?: string;
  partner?: boolean;
  reference?: string;
};

const pick = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  (list as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const filters: QueueFilters = {};
  const status = pick(queueStatuses, params.get('status'));
  const place = pick(queuePlaces, params.get('plek'));
  const language = params.get('taal');
  const reference = params.get('zoek')?.trim().toUpperCase();
  if (status) filters.status = status;
  if (place) filters.place = place;
  if (language && /^[a-z]{2,8}$/.test(language)) filters.language = language;
  if (params.get('partner') === '1') filters.partner = true;
  if (reference && /^(HOG-)?[A-Z0-9]{4,12}$/.test(reference)) filters.reference = reference.startsWith('HOG-') ? reference : `HOG-${reference}`;
  return filters;
}

/** The same filters as the address bar would carry them, for paging links. */
export function queueFilterQuery(f: QueueFilters): string {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.place) p.set('plek', f.place);
  if (f.language) p.set('taal', f.language);
  if (f.partner) p.set('partner', '1');
  if (f.reference) p.set('zoek', f.reference);
  return p.toString();
}

/** Extra conditions on the open-queue index scan; the reference is an exact match on its unique index. */
export function queueFilterSql(f: QueueFilters): SQL {
  const parts: SQL[] = [];
  if (f.status) parts.push(sql`and r.status = ${f.status}`);
  if (f.place) parts.push(sql`and (r.place_kind::text = ${f.place} or l.kind::text = ${f.place})`);
  if (f.language) parts.push(sql`and r.language = ${f.language}`);
  if (f.partner) parts.push(sql`and r.source = 'partner'`);
  if (f.reference) parts.push(sql`and r.reference = ${f.reference}`);
  return sql.join(parts, sql` `);
}

export const filterKey = (regionId: string, f: QueueFilters): string => `${regionId}?${queueFilterQuery(f)}`;
