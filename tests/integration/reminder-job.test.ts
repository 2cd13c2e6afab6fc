import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { conversationReminders, conversations, registrations } from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { startReminderJob } from '../../src/lib/server/planning/reminder-job.ts';
import { insertRegion } from '../builders/region.ts';
import { buildRegistration } from '../builders/registrations.ts';
import { lastMailTo } from './mail.ts';
import { useTestDatabase } from './database.ts';

// src/boot.ts starts the job and stops it before closing the database: after stop, no round runs.
const database = useTestDatabase();
const HOUR = 3_600_000;

async function dueReminder(email: string) {
  const db = database.db;
  const region = await insertRegion(db);
  const details = { callName: 'Sanne', contact: { email, voicemail: false, sms: false, senderNamed: true }, naaste: null };
  const [r] = await db
    .insert(registrations)
    .values(buildRegistration(region.id, { status: 'planned', sealedDetails: seal(JSON.stringify(details)) }))
    .returning();
  const [c] = await db
    .insert(conversations)
    .values({
      registrationId: r!.id,
      regionId: region.id,
      sequence: 1,
      status: 'confirmed',
      startsAt: new Date(Date.now() + 20 * HOUR),
      durationMinutes: 60,
      placeKind: 'home',
    })
    .returning();
  await db.insert(conversationReminders).values({ conversationId: c!.id, recipient: 'resident', dueAt: new Date(Date.now() - 60_000) });
  return c!.id;
}

const sent = async (conversationId: string) =>
  (await database.db.select().from(conversationReminders).where(eq(conversationReminders.conversationId, conversationId)))[0]?.sentAt ?? null;

describe('the reminder job', () => {
  it('sends what is due by itself, and after stop sends nothing more', async () => {
    const email = `sanne-${Math.random().toString(36).slice(2)}@test.example`;
    const first = await dueReminder(email);
    const stop = startReminderJob(database.db, 500);
    await expect.poll(() => sent(first), { timeout: 10_000, interval: 100 }).not.toBeNull();
    expect((await lastMailTo(database.db, email))?.subject).toBeTruthy();
    await stop();
    const second = await dueReminder(`kees-${Math.random().toString(36).slice(2)}@test.example`);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await sent(second)).toBeNull();
  });
});
