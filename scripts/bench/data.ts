import type { Sql } from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from '../../src/lib/server/db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { createSession, markTwoFactorVerified } from '../../src/lib/server/auth/sessions.ts';
import { sessionCookieName } from '../../src/lib/server/auth/cookie.ts';

/** A session cookie for a demo account, made the way sign-in makes it (TOTP counted as given). */
export async function signedInCookie(sql: Sql, email: string, twoFactor: boolean, origin: string): Promise<Map<string, string>> {
  const db = drizzle(sql, { schema }) as unknown as Db;
  const [user] = await sql`select id from users where email = ${email}`;
  if (!user) throw new Error(`no demo account ${email}`);
  const { token, session } = await createSession(db, user['id'] as string, { userAgent: 'bench', ipPrefix: '127.0.0.0/24' });
  // The second factor gives the session a new token, as sign-in does.
  const final = twoFactor ? await markTwoFactorVerified(db, session.id) : token;
  return new Map([[sessionCookieName(origin), final]]);
}

/**
 * Fills the demo region to `total` sign-ups, one minute apart, half of them still open (received,
 * contacted, planned) as a busy region's would be, one in five through a partner and confirmed by the resident (the queue's filters). One statement, then fresh planner statistics.
 */
export async function fillQueue(sql: Sql, total: number): Promise<void> {
  const [region] = await sql`select id from regions order by created_at limit 1`;
  const [sample] = await sql`select sealed_details from registrations limit 1`;
  const [{ n }] = (await sql`select count(*)::int as n from registrations`) as unknown as [{ n: number }];
  await sql`
    insert into registrations (reference, region_id, status, source, sealed_details, birth_year, postcode_area, place_kind,
                               availability, language, consent_version, consent_at, created_at, confirmed_at)
    select 'BENCH-' || g, ${region!['id'] as string},
           (array['received','contacted','planned','held','cancelled','report_ready'])[1 + g % 6]::registration_status,
           (array['resident','partner'])[1 + g % 5 / 4]::registration_source,
           ${(sample?.['sealed_details'] as string) ?? 'x'}, 1980, '7001', 'walk',
           '{"days":["di"],"parts":["middag"],"asap":true,"from":null}'::jsonb, 'nl', 'bench', now(),
           now() - make_interval(mins => g),
           -- A partner's sign-up is in the queue only once the resident confirmed it (confirmed_at set).
           case when g % 5 = 4 then now() - make_interval(mins => g) + interval '1 day' end
    from generate_series(1, ${total - n}) g`;
  // As autovacuum would after a bulk load: the visibility map lets counts read the index alone.
  await sql`vacuum analyze registrations`;
}
