import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkDatabase } from '../../src/lib/server/db/health.ts';
import { migrate, migrationsFolder } from '../../src/lib/server/db/migrate.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
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
