import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversations } from '../db/schema/index.ts';
import { loadSignup } from './context.ts';
import { icsFor } from './mails.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same .ics the confirmation mail carried, for the resident's own confirmed conversation only. */
export async function residentCalendar(db: Db, residentId: string, conversationId: string, lang: string): Promise<string | null> {
  if (!UUID.test(conversationId)) return null;
  const [c] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  if (!c || c.status !== 'confirmed' || !c.startsAt) return null;
  const ctx = await loadSignup(db, c.registrationId);
  if (!ctx || ctx.registration.residentId !== residentId) return null;
  return icsFor(ctx, { ...c, startsAt: c.startsAt }, lang, { discreet: ctx.resident.discreet });
}
