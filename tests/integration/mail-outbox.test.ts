import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox } from '../../src/lib/server/db/schema/index.ts';
import { limits } from '../../src/lib/server/auth/rate-limit-rules.ts';
import { deliverDue, purgeOldMail, type OutgoingMail } from '../../src/lib/server/mail/outbox.ts';
import { queueMail } from '../../src/lib/server/mail/queue.ts';
import { sealLegacyMail } from '../../src/lib/server/mail/seal-legacy.ts';
import { listHeldMail } from '../../src/lib/server/mail/mailbox.ts';
import { lastMailTo, mailsTo, outbox } from './mail.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

const message = (to: string) => ({ to, lang: 'nl', template: 'passwordChanged' as const, values: {} });

describe('mail outbox', () => {
  it('holds mail for the demo mailbox when there is no mail server', async () => {
    await queueMail(database.db, message('demo@test.example'), false);
    expect(await lastMailTo(database.db, 'demo@test.example')).toMatchObject({ status: 'held', subject: 'Je wachtwoord is veranderd' });
    expect((await listHeldMail(database.db)).map((m) => m.to)).toContain('demo@test.example');
    const sent: OutgoingMail[] = [];
    await deliverDue(database.db, async (m) => void sent.push(m));
    expect(sent.filter((m) => m.to === 'demo@test.example')).toEqual([]);
  });

  it('keeps recipient, subject and body sealed: the table holds no address, link or code in plain text', async () => {
    const link = 'https://hog.example.nl/wachtwoord-herstellen/geheimetoken1234567890abcdefgh';
    await queueMail(database.db, { to: 'verzegeld@test.example', lang: 'nl', template: 'emailConfirmation', values: { link, code: '987654' } }, false);
    const rows = await database.db.execute(sql`select * from mail_outbox`);
    const dump = JSON.stringify(rows);
    expect(dump).toContain('v1.'); // the sealed message is there ...
    for (const secret of ['verzegeld@test.example', 'geheimetoken', '987654', 'Bevestig']) expect(dump).not.toContain(secret);
    expect(await lastMailTo(database.db, 'verzegeld@test.example')).toMatchObject({ text: expect.stringContaining('987654') });
  });

  it('sends due mail once, and keeps a failed one for a later try without the address in its error', async () => {
    await queueMail(database.db, message('ok@test.example'), true);
    await queueMail(database.db, message('down@test.example'), true);
    const now = new Date(Date.now() + 1000);
    const sent: string[] = [];
    const report = await deliverDue(
      database.db,
      async (m) => {
        if (m.to === 'down@test.example') throw new Error('421 mail server busy for <down@test.example>');
        sent.push(m.to);
      },
      now,
    );
    expect(report).toEqual({ sent: 1, retried: 1, failed: 0 });
    expect(sent).toEqual(['ok@test.example']);
    const [down] = await mailsTo(database.db, 'down@test.example');
    expect(down).toMatchObject({ status: 'pending', attempts: 1, lastError: '421 mail server busy for <[address]>' });
    expect(down!.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);

    // Not due yet: nothing happens; once due, it goes.
    expect(await deliverDue(database.db, async () => {}, new Date(now.getTime() + 30_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await deliverDue(database.db, async () => {}, new Date(now.getTime() + 61_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  // PGlite has one connection, so three workers never overlap there and this could not fail.
  it.skipIf(process.env['TEST_DB_DRIVER'] !== 'postgres')(
    'never sends one message twice when two workers run at once (PostgreSQL only: needs TEST_DATABASE_URL)',
    async () => {
      for (let i = 0; i < 6; i++) await queueMail(database.db, message(`samen-${i}@test.example`), true);
      const sent: string[] = [];
      const send = async (m: OutgoingMail) => {
        await new Promise((r) => setTimeout(r, 20));
        sent.push(m.to);
      };
      const soon = new Date(Date.now() + 1000);
      await Promise.all([deliverDue(database.db, send, soon, 3), deliverDue(database.db, send, soon, 3), deliverDue(database.db, send, soon, 3)]);
      const ours = sent.filter((to) => to.startsWith('samen-'));
      expect(new Set(ours).size).toBe(ours.length);
      expect(ours.length).toBe(6);
    },
  );

  it('gives up after the eighth failed try and keeps only the first 500 characters of the error', async () => {
    await queueMail(database.db, message('kapot@test.example'), true);
    const [queued] = await mailsTo(database.db, 'kapot@test.example');
    await database.db
      .update(mailOutbox)
      .set({ attempts: 7, nextAttemptAt: new Date(0) })
      .where(eq(mailOutbox.id, queued!.id));
    const report = await deliverDue(database.db, async (m) => {
      if (m.to === 'kapot@test.example') throw new Error('5'.repeat(800));
    });
    expect(report.failed).toBe(1);
    const [failed] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, queued!.id));
    expect(failed).toMatchObject({ status: 'failed', attempts: 8, sentAt: null });
    expect(failed!.lastError).toHaveLength(500);
    expect(await deliverDue(database.db, async () => {}, new Date(Date.now() + 86_400_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('keeps nothing of a sent message, and purges old rows', async () => {
    await queueMail(
      database.db,
      { to: 'body@test.example', lang: 'nl', template: 'passwordReset', values: { link: 'https://hog.example.nl/wachtwoord-herstellen/abc' } },
      true,
    );
    const [queued] = await mailsTo(database.db, 'body@test.example');
    await deliverDue(database.db, async () => {}, new Date(Date.now() + 1000));
    const [sent] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, queued!.id));
    expect(sent).toMatchObject({ status: 'sent', sealedMessage: null, to: null, subject: null, text: null, html: null });
    await purgeOldMail(database.db, new Date(Date.now() + 2 * 24 * 60 * 60_000));
    expect(await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, queued!.id))).toEqual([]);
  });

  it('sends no address more than the hourly number of messages, whatever asks for them', async () => {
    const results = [];
    for (let i = 0; i < limits.mailPerRecipient.max + 5; i++) results.push(await queueMail(database.db, message('Doelwit@test.example'), true));
    expect(results.filter(Boolean)).toHaveLength(limits.mailPerRecipient.max);
    expect(await mailsTo(database.db, 'Doelwit@test.example')).toHaveLength(limits.mailPerRecipient.max);
    // Another address is not affected.
    expect(await queueMail(database.db, message('ander@test.example'), true)).toBe(true);
  });

  it('seals messages written in plain text before sealing existed, so none is lost', async () => {
    const [legacy] = await database.db
      .insert(mailOutbox)
      .values({ to: 'oud@test.example', subject: 'Oud', text: 'oude tekst https://x.example/t', html: '<p>oud</p>', status: 'pending' })
      .returning();
    expect(await sealLegacyMail(database.db)).toBe(1);
    const [row] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, legacy!.id));
    expect(row).toMatchObject({ to: null, subject: null, text: null, html: null, sealedMessage: expect.stringMatching(/^v1\./) });
    expect((await outbox(database.db)).find((m) => m.row.id === legacy!.id)?.message).toEqual({
      to: 'oud@test.example',
      subject: 'Oud',
      text: 'oude tekst https://x.example/t',
      html: '<p>oud</p>',
    });
    expect(await sealLegacyMail(database.db)).toBe(0);
  });
});
