import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkDatabase } from '../../src/lib/server/db/health.ts';
import { migrate, migrationsFolder } from '../../src/lib/server/db/migrate.ts';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from '../../src/lib/server/db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { DEFAULT_PROFILE, readProfile, readSignupProfile, signupProfile } from '../../src/lib/profile.ts';
import { openTestDatabase, useTestDatabase } from './database.ts';

const database = useTestDatabase();
const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

describe('migrations', () => {
  it('create every table of the schema with its indexes', async () => {
    const tables = await rows<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
    expect(tables.map((t) => t.table_name)).toEqual([
      'access_log',
      'contact_notes',
      'conversation_duo',
      'conversation_proposals',
      'conversation_reminders',
      'conversations',
      'follow_up_offers',
      'idempotency_keys',
      'locations',
      'mail_outbox',
      'memberships',
      'naaste_invitations',
      'planning_events',
      'planning_requests',
      'rate_limits',
      'recovery_codes',
      'regions',
      'registration_confirmations',
      'registrations',
      'report_shares',
      'report_versions',
      'reports',
      'sessions',
      'signup_drafts',
      'team_members',
      'user_tokens',
      'users',
    ]);
    const indexes = await rows<{ indexname: string }>(sql`select indexname from pg_indexes where schemaname = 'public'`);
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining([
        'locations_region_active_idx',
        'team_members_region_idx',
        'users_email_idx',
        'sessions_user_idx',
        'mail_outbox_due_idx',
        'registrations_open_queue_idx',
        'registrations_contacted_idx',
        'registrations_first_conversation_idx',
        'conversations_confirmed_starts_idx',
        'conversation_duo_member_idx',
        'conversation_reminders_due_idx',
        'registrations_partner_idx',
        'registrations_contact_email_idx',
        'registrations_unconfirmed_idx',
        'registration_confirmations_registration_idx',
        'reports_registration_idx',
        'report_shares_resident_idx',
        'memberships_region_idx',
        'team_members_region_user_idx',
        'team_members_region_email_idx',
        'idempotency_keys_created_idx',
      ]),
    );
  });

  it('apply again as a no-op, so every start may run them', async () => {
    await expect(migrate(database)).resolves.toBeUndefined();
    const applied = await rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(applied[0]?.n).toBe(journal.entries.length);
  });

  it('report the database as healthy', async () => {
    expect(await checkDatabase(database.db)).toEqual({ ok: true });
  });
});

/** A PGlite database migrated up to (not including) the migration whose tag starts with `tag`. */
async function databaseBefore(tag: string) {
  const before = mkdtempSync(path.join(tmpdir(), 'hog-migrations-'));
  cpSync(migrationsFolder, before, { recursive: true });
  const full = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const upTo = full.entries.findIndex((e) => e.tag.startsWith(tag));
  writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify({ ...full, entries: full.entries.slice(0, upTo) }));
  const client = new PGlite();
  const db = drizzle(client, { schema }) as unknown as Db;
  const old = { db, probe: db, kind: 'pglite' as const, close: () => client.close() };
  await migrate(old, before);
  return old;
}

describe('the move to many regions (0012)', () => {
  it("turns one region's partner and team roles into memberships of that region, and leaves residents as they were", async () => {
    // The migrations up to 0011, then the data a one-region portal had.
    const old = await databaseBefore('0012_');
    const { db } = old;
    try {
      await db.execute(sql`insert into regions (slug, name, contact_email, contact_phone) values ('een', 'Regio Een', 'a@een.example', '0')`);
      await db.execute(
        sql`insert into users (email, roles) values ('p@x.example', '{planner,worker}'), ('r@x.example', '{resident}'), ('c@x.example', '{partner}')`,
      );
      await migrate(old, migrationsFolder);
      const held = (await db.execute(
        sql`select u.email, m.role::text as role, r.slug from memberships m join users u on u.id = m.user_id join regions r on r.id = m.region_id order by u.email, m.role`,
      )) as unknown as { rows: { email: string; role: string; slug: string }[] };
      expect(held.rows).toEqual([
        { email: 'c@x.example', role: 'partner', slug: 'een' },
        { email: 'p@x.example', role: 'worker', slug: 'een' },
        { email: 'p@x.example', role: 'planner', slug: 'een' },
      ]);
      const accounts = (await db.execute(sql`select email, roles::text[] as roles from users order by email`)) as unknown as {
        rows: { email: string; roles: string[] }[];
      };
      expect(accounts.rows).toEqual([
        { email: 'c@x.example', roles: [] },
        { email: 'p@x.example', roles: [] },
        { email: 'r@x.example', roles: ['resident'] },
      ]);
    } finally {
      await old.close();
    }
  }, 120_000);
});

describe('region profiles (0014)', () => {
  it("gives every sign-up made before profiles Doetinchem's rules, and a partner's sign-up its partner way in", async () => {
    const old = await databaseBefore('0014_');
    const { db } = old;
    try {
      await db.execute(
        sql`insert into regions (slug, name, contact_email, contact_phone, duo_rule) values ('een', 'Regio Een', 'a@een.example', '0', 'block')`,
      );
      for (const [reference, source] of [
        ['HOG-AAAAAA', 'resident'],
        ['HOG-BBBBBB', 'partner'],
      ] as const) {
        await db.execute(sql`insert into registrations (reference, region_id, source, sealed_details, birth_year, postcode_area, place_kind, availability, language, consent_version, consent_at)
          select ${reference}, id, ${source}, 'x', 1990, '7001', 'home', '{"days":[],"parts":[],"asap":true,"from":null}', 'nl', 'v', now() from regions`);
      }
      await migrate(old, migrationsFolder);
      const kept = (await db.execute(sql`select reference, profile from registrations order by reference`)) as unknown as {
        rows: { reference: string; profile: Record<string, unknown> }[];
      };
      expect(kept.rows.map((r) => readSignupProfile(r.profile))).toEqual([
        signupProfile(DEFAULT_PROFILE, 'block', 'open'),
        signupProfile(DEFAULT_PROFILE, 'block', 'partner'),
      ]);
      const region = (await db.execute(sql`select profile, min_age from regions`)) as unknown as { rows: { profile: unknown; min_age: number }[] };
      expect(readProfile(region.rows[0]!.profile)).toEqual(DEFAULT_PROFILE);
      expect(region.rows[0]!.min_age).toBe(18);
    } finally {
      await old.close();
    }
  }, 120_000);
});

describe('health check', () => {
  it('reports a closed database as unreachable without internals', async () => {
    const other = await openTestDatabase();
    await other.close();
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(await checkDatabase(other.db)).toEqual({ ok: false, reason: 'unreachable' });
    } finally {
      console.error = quiet;
    }
  });
});
