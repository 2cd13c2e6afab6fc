import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { contactNotes, registrations, users } from '../db/schema/index.ts';
import { seal, unseal } from '../crypto/seal.ts';
import { logAccess } from '../audit/log.ts';
import { invalidateQueueTotal } from '../registrations/queue.ts';
import { invalidateContactEstimate } from '../registrations/waiting.ts';
import { invalidateWaitingFigures } from './waiting.ts';
import { bumpVersion, type Actor } from './version.ts';

/**
 * "Contact gehad", one action: the note (sealed), the first contact time that the waiting figures
 * count, and "received" becomes "contacted". A later contact adds a note and keeps the first time.
 */
export async function recordContact(db: Db, actor: Actor, registrationId: string, seen: number, note: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const version = await bumpVersion(tx, registrationId, seen, 'contact', actor.userId, actor.regionId);
    const [r] = await tx
      .update(registrations)
      .set({
        // An ISO string with a cast: postgres.js does not take a Date inside a raw sql fragment.
        firstContactAt: sql`coalesce(${registrations.firstContactAt}, ${now.toISOString()}::timestamptz)`,
        status: sql`case when ${registrations.status} = 'received' then 'contacted'::registration_status else ${registrations.status} end`,
      })
      .where(eq(registrations.id, registrationId))
      .returning({ regionId: registrations.regionId, residentId: registrations.residentId });
    await tx.insert(contactNotes).values({ registrationId, authorId: actor.userId, sealedNote: note ? seal(JSON.stringify({ note })) : null, at: now });
    await logAccess(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      subjectId: r!.residentId,
      object: `registration:${registrationId}`,
      action: 'planning.contact',
      authority: `role:${actor.role}`,
      ipPrefix: actor.ipPrefix,
    });
    invalidateContactEstimate(r!.regionId);
    invalidateWaitingFigures(r!.regionId);
    invalidateQueueTotal(r!.regionId);
    return { version };
  });
}

/** The notes of "Contact gehad", newest first with who wrote them, opened for the sign-up's planning page. */
export async function contactNotesFor(db: Db, registrationId: string, limit = 20) {
  const rows = await db
    .select({ at: contactNotes.at, sealedNote: contactNotes.sealedNote, author: users.name })
    .from(contactNotes)
    .leftJoin(users, eq(users.id, contactNotes.authorId))
    .where(eq(contactNotes.registrationId, registrationId))
    .orderBy(desc(contactNotes.at))
    .limit(limit);
  return rows.map((r) => ({ at: r.at, author: r.author, note: r.sealedNote ? (JSON.parse(unseal(r.sealedNote)) as { note: string }).note : '' }));
}
