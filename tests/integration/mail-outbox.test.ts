import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox } from '../../src/lib/server/db/schema/index.ts';
import { deliverDue, purgeOldMail, type OutgoingMail } from '../../src/lib/server/mail/outbox.ts';
import { queueMail } from '../../src/lib/server/mail/queue.ts';
import { useTestDatabase } from './database.ts';

const database = useTestDatabase();

const message = (to: string) => ({ to, lang: 'nl', template: 'passwordChanged' as const, values: {} });

describe('mail outbox', () => {
  it('holds mail for the demo mailbox when there is no mail server', async () => {
    await queueMail(database.db, message('demo@test.example'), false);
    const [row] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'demo@test.example'));
    expect(row).toMatchObject({ status: 'held', subject: 'Je wachtwoord is veranderd' });
    const sent: OutgoingMail[] = [];
    await deliverDue(database.db, async (m) => void sent.push(m));
    expect(sent.filter((m) => m.to === 'demo@test.example')).toEqual([]);
  });

  it('sends due mail once, and keeps a failed one for a later try', async () => {
    await queueMail(database.db, message('ok@test.example'), true);
    await queueMail(database.db, message('down@test.example'), true);
    const now = new Date(Date.now() + 1000);
    const sent: string[] = [];
    const report = await deliverDue(database.db, async (m) => {
      if (m.to === 'down@test.example') throw new Error('421 mail server busy');
      sent.push(m.to);
    }, now);
    expect(report).toEqual({ sent: 1, retried: 1, failed: 0 });
    expect(sent).toEqual(['ok@test.example']);
    const [down] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'down@test.example'));
    expect(down).toMatchObject({ status: 'pending', attempts: 1, lastError: '421 mail server busy' });
    expect(down!.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);

    // Not due yet: nothing happens; once due, it goes.
    expect(await deliverDue(database.db, async () => {}, new Date(now.getTime() + 30_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await deliverDue(database.db, async () => {}, new Date(now.getTime() + 61_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  it('never sends one message twice when two workers run at once', async () => {
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
  });

  it('gives up after the eighth failed try and keeps only the first 500 characters of the error', async () => {
    const [row] = await database.db
      .insert(mailOutbox)
      .values({ to: 'kapot@test.example', subject: 's', text: 't', html: '<p>t</p>', status: 'pending', attempts: 7, nextAttemptAt: new Date(0) })
      .returning();
    const report = await deliverDue(database.db, async (m) => {
      if (m.to === 'kapot@test.example') throw new Error('5'.repeat(800));
    });
    expect(report.failed).toBe(1);
    const [failed] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, row!.id));
    expect(failed).toMatchObject({ status: 'failed', attempts: 8, sentAt: null });
    expect(failed!.lastError).toHaveLength(500);
    expect(await deliverDue(database.db, async () => {}, new Date(Date.now() + 86_400_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('keeps no body of a sent message, and purges old rows', async () => {
    await queueMail(database.db, { to: 'body@test.example', lang: 'nl', template: 'passwordReset', values: { link: 'https://hog.example.nl/wachtwoord-herstellen/abc' } }, true);
    await deliverDue(database.db, async () => {}, new Date(Date.now() + 1000));
    const [sent] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'body@test.example'));
    expect(sent).toMatchObject({ status: 'sent', text: '', html: '' });
    await purgeOldMail(database.db, new Date(Date.now() + 2 * 24 * 60 * 60_000));
    expect(await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'body@test.example'))).toEqual([]);
  });
});
