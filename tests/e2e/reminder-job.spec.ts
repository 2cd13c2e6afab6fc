import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from '@playwright/test';
import { freePort } from './own-server.ts';

// The reminder job starts with the server (src/boot.ts), not with the first request: after a
// restart at night a reminder that is due goes out although nobody visits the portal. This test
// makes no request at all: it reads the portal's own database before and after.
// Preparing a fresh database alone takes minutes on a busy machine.
test.setTimeout(300_000);

const root = path.resolve(import.meta.dirname, '../..');
let port = 0;

function portal(dataDir: string, args: string[] = []) {
  let output = '';
  const child = spawn(process.execPath, ['src/boot.ts', ...args], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DEMO_DATA: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function query<T>(dataDir: string, sql: string): Promise<T[]> {
  const db = await PGlite.create(path.join(dataDir, 'pglite'));
  try {
    return (await db.query<T>(sql)).rows;
  } finally {
    await db.close();
  }
}

test('a due reminder goes out after a start without any request, and the portal stops cleanly', async () => {
  port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hog-reminder-job-'));
  const prepared = portal(dataDir, ['--prepare']);
  expect(await prepared.exited, prepared.output()).toBe(0);
  // The demo's planned conversation has a reminder a day before; make it due now.
  await query(dataDir, `update conversation_reminders set due_at = now() - interval '1 minute'`);
  const [before] = await query<{ due: number; mails: number }>(
    dataDir,
    `select (select count(*)::int from conversation_reminders where sent_at is null) as due, (select count(*)::int from mail_outbox) as mails`,
  );
  expect(before!.due).toBeGreaterThan(0);

  const server = portal(dataDir);
  try {
    await expect.poll(() => server.output(), { timeout: 120_000, intervals: [250] }).toContain('listening on');
    // The job's first round is a second after the start; give a busy machine time, still no request.
    await new Promise((r) => setTimeout(r, 8_000));
  } finally {
    // Also when the start fails: a portal left running would hold its port and CPU for the rest of the run.
    server.child.kill('SIGTERM');
  }
  expect(await server.exited, server.output()).toBe(0);
  expect(server.output()).not.toContain('reminders: round failed');

  const [after] = await query<{ due: number; mails: number }>(
    dataDir,
    `select (select count(*)::int from conversation_reminders where sent_at is null) as due, (select count(*)::int from mail_outbox) as mails`,
  );
  expect(after!.due).toBe(0);
  expect(after!.mails).toBeGreaterThan(before!.mails);
});

test("the naaste's reminder is their own: who invited them, what, when, where, and how to cancel without an account", async ({ page }) => {
  port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hog-reminder-naaste-'));
  const prepared = portal(dataDir, ['--prepare']);
  expect(await prepared.exited, prepared.output()).toBe(0);
  // The demo's planned conversation (Sam's, in the library) invites Lotte; she said yes, and her
  // reminder is due now. The token is never needed: the reminder carries no link.
  await query(
    dataDir,
    `insert into naaste_invitations (conversation_id, token_hash, answer, answered_at, expires_at)
       select id, 'e2e-naaste-reminder', 'yes', now(), starts_at + interval '1 day' from conversations where status = 'confirmed' limit 1`,
  );
  await query(
    dataDir,
    `insert into conversation_reminders (conversation_id, recipient, due_at)
       select conversation_id, 'naaste', now() - interval '1 minute' from naaste_invitations where token_hash = 'e2e-naaste-reminder'`,
  );
  const server = portal(dataDir);
  try {
    await expect.poll(() => server.output(), { timeout: 120_000, intervals: [250] }).toContain('listening on');
    const mail = async () => {
      await page.goto(`http://127.0.0.1:${port}/demo/postvak`);
      const found = page.locator('article', { hasText: 'Aan: lotte@oostveld.example' }).filter({ hasText: 'Herinnering' });
      return (await found.count()) ? ((await found.first().locator('pre').first().textContent()) ?? '') : '';
    };
    await expect.poll(mail, { timeout: 30_000, intervals: [1_000] }).not.toBe('');
    const text = await mail();
    await expect(page.locator('article', { hasText: 'Aan: lotte@oostveld.example' }).first()).toContainText(
      'Herinnering: je gaat mee naar het gesprek van Sam',
    );
    expect(text).toMatch(/^Hallo Lotte,\n\nJe hebt gezegd dat je meekomt naar het gesprek van Sam\. Dit is een herinnering\./);
    expect(text).toMatch(/\n- \w+dag \d+ \w+ \d{4} om 14:00, 60 minuten\n- Bibliotheek/);
    expect(text).toContain('Kun je toch niet komen? Open de uitnodiging die je van ons kreeg en kies ‘Nee, ik kom niet’.');
    expect(text).toMatch(/Vragen\? Bel \d/);
    // Not the resident's reminder: the naaste has no account to sign in to.
    expect(text).not.toMatch(/Log in|je herstelgesprek/);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});
