import { sql as fragment } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from '../../src/lib/server/db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { createSession, markTwoFactorVerified } from '../../src/lib/server/auth/sessions.ts';
import { sessionCookieName } from '../../src/lib/server/auth/cookie.ts';

/** Tagged-template queries over drizzle on node-postgres: the rows, as the bench reads them. */
export type Sql = ((strings: TemplateStringsArray, ...values: unknown[]) => Promise<Record<string, unknown>[]>) & { db: Db };

export function benchSql(pool: pg.Pool): Sql {
  const db = drizzle(pool, { schema }) as unknown as Db;
  const run = async (strings: TemplateStringsArray, ...values: unknown[]) =>
    ((await db.execute(fragment(strings, ...values))) as unknown as { rows: Record<string, unknown>[] }).rows;
  return Object.assign(run, { db });
}

/** A session cookie for a demo account, made the way sign-in makes it (TOTP counted as given). */
export async function signedInCookie(sql: Sql, email: string, twoFactor: boolean, origin: string): Promise<Map<string, string>> {
  const db = sql.db;
  const [user] = await sql`select id from users where email = ${email}`;
  if (!user) throw new Error(`no demo account ${email}`);
  const { token, session } = await createSession(db, user['id'] as string, { userAgent: 'bench', ipPrefix: '127.0.0.0/24' });
  // The second factor gives the session a new token, as sign-in does.
  const final = twoFactor ? await markTwoFactorVerified(db, session.id) : token;
  return new Map([[sessionCookieName(origin), final]]);
}

/**
 * Fills each region (all, or the one named) to `perRegion` sign-ups, one minute apart, half of them
 * still open (received, contacted, planned) as a busy region's would be, one in five through a
 * partner and confirmed by the resident (the queue's filters). A region that has more bench rows
 * than that loses its oldest ones first. Two statements, then fresh planner statistics.
 */
export async function fillQueue(sql: Sql, perRegion: number, slug?: string): Promise<void> {
  const regionsFilled = slug ? fragment`where rg.slug = ${slug}` : fragment``;
  const [sample] = await sql`select sealed_details from registrations limit 1`;
  await sql`
    delete from registrations where id in (
      select x.id from (select r.id, r.reference, row_number() over (partition by r.region_id order by r.created_at desc, r.id desc) as k
                        from registrations r join regions rg on rg.id = r.region_id ${regionsFilled}) x
      where x.k > ${perRegion} and x.reference like 'BENCH-%')`;
  await sql`
    insert into registrations (reference, region_id, status, source, sealed_details, birth_year, postcode_area, place_kind,
                               availability, language, consent_version, consent_at, created_at, confirmed_at)
    select 'BENCH-' || r.slug || '-' || g, r.id,
           (array['received','contacted','planned','held','cancelled','report_ready'])[1 + g % 6]::registration_status,
           (array['resident','partner'])[1 + g % 5 / 4]::registration_source,
           ${(sample?.['sealed_details'] as string) ?? 'x'}, 1980, r.postcode_areas[1 + g % greatest(cardinality(r.postcode_areas), 1)], 'walk',
           '{"days":["di"],"parts":["middag"],"asap":true,"from":null}'::jsonb, 'nl', 'bench', now(),
           now() - make_interval(mins => g),
           -- A partner's sign-up is in the queue only once the resident confirmed it (confirmed_at set).
           case when g % 5 = 4 then now() - make_interval(mins => g) + interval '1 day' end
    from (select rg.id, rg.slug, rg.postcode_areas, (select count(*)::int from registrations x where x.region_id = rg.id) as have
          from regions rg ${regionsFilled}) r
    cross join lateral generate_series(1, ${perRegion} - r.have) g`;
  // As autovacuum would after a bulk load: the visibility map lets counts read the index alone.
  await sql`vacuum analyze registrations`;
}

/**
 * Adds regions up to `total` (`regio-03`, ...), each with its own host name (`regio-03.localhost`),
 * ten postcode areas of its own (8030-8039, ...) and a planner (`planner@regio-03.example`, planner
 * and worker there), as a national deployment would have them.
 */
export async function addRegions(sql: Sql, total: number): Promise<void> {
  const [{ n }] = (await sql`select count(*)::int as n from regions`) as unknown as [{ n: number }];
  await sql`
    insert into regions (slug, name, postcode_areas, host_names, contact_email, contact_phone)
    select 'regio-' || nn, 'Regio ' || nn, array(select (8000 + i * 10 + k)::text from generate_series(0, 9) k),
           array['regio-' || nn || '.localhost'], 'hog@regio-' || nn || '.example', '0300 000 0' || nn
    from generate_series(${n + 1}::int, ${total}::int) i, lpad(i::text, 2, '0') nn`;
  await sql`
    insert into users (email, name, roles, email_verified_at)
    select 'planner@' || slug || '.example', 'Planner ' || name, '{}', now() from regions where slug like 'regio-%'
    on conflict do nothing`;
  await sql`
    insert into memberships (user_id, region_id, role)
    select u.id, rg.id, x.role
    from regions rg join users u on u.email = 'planner@' || rg.slug || '.example', unnest(array['planner', 'worker']::role[]) x(role)
    on conflict do nothing`;
}
