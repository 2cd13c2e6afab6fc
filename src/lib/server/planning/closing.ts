import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * A sign-up closes on its own when its last conversation was held (or missed) more than the
 * region's close_after_days ago and nothing is planned or asked since; the report (issue 14)
 * closes it earlier. Run by housekeeping; no mail, no translations needed.
 */
export async function closeQuietSignups(db: Db, now = new Date()): Promise<void> {
  await db.execute(sql`
    update registrations r set closed_at = ${now.toISOString()}::timestamptz
    from regions g
    where g.id = r.region_id and r.closed_at is null and r.status = 'held'
      and not exists (select 1 from conversations c where c.registration_id = r.id and c.status in ('proposed', 'confirmed'))
      and not exists (select 1 from planning_requests q where q.registration_id = r.id and q.handled_at is null)
      and (select max(c.outcome_at) from conversations c where c.registration_id = r.id)
          < ${now.toISOString()}::timestamptz - make_interval(days => g.close_after_days)`);
}
