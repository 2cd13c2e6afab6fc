import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { conversationDuo, conversations, memberships, registrations, teamMembers } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { duoInRegion } from '../planning/duo-scope.ts';
import { openDetails, type RegistrationDetails } from './queries.ts';

// What the resident told when signing up (how to reach them, what they need, who comes along, what
// they want to talk about), for the people who prepare the conversation: a planner of the sign-up's
// region, and the two of a duo from the moment a moment is agreed. Nobody else on the team reads it:
// an admin stands in for planning, but not for reading someone's own words (break-glass is for the
// report only), so they get the same "not found" as a worker outside the duo.

export type ResidentAnswers = Pick<RegistrationDetails, 'callName' | 'contact' | 'topic' | 'help' | 'naaste' | 'otherLanguage' | 'accessibility'> & {
  language: string;
  interpreter: boolean;
};

export type AnswersReader = { userId: string; regionId: string; ipPrefix: string | null };

/** A duo reads from the agreed moment on: the conversation is theirs then, and stays theirs for the report. */
const duoStatuses = ['confirmed', 'held', 'no_show'] as const;

async function isPlannerIn(db: Db, userId: string, regionId: string): Promise<boolean> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.regionId, regionId), eq(memberships.role, 'planner')));
  return !!row;
}

async function isInDuo(db: Db, userId: string, regionId: string, registrationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .innerJoin(conversationDuo, eq(conversationDuo.conversationId, conversations.id))
    .innerJoin(teamMembers, eq(teamMembers.id, conversationDuo.teamMemberId))
    .where(and(eq(conversations.registrationId, registrationId), inArray(conversations.status, [...duoStatuses]), duoInRegion(userId, regionId)))
    .limit(1);
  return !!row;
}

const readers = {
  planner: { role: 'planner', authority: 'role:planner', allowed: (db: Db, reader: AnswersReader) => isPlannerIn(db, reader.userId, reader.regionId) },
  duo: { role: 'worker', authority: 'duo', allowed: (db: Db, reader: AnswersReader, id: string) => isInDuo(db, reader.userId, reader.regionId, id) },
} as const;

/**
 * The resident's answers, unsealed for a planner of the region (`via: 'planner'`, the sign-up's
 * page) or a member of a planned duo (`via: 'duo'`, their conversations), and each read logged as
 * a look with that reason (the resident sees it in "wie keek"). Null for everyone else, and for a
 * sign-up of another region: the same as an unknown id.
 */
export async function readResidentAnswers(db: Db, reader: AnswersReader, registrationId: string, via: keyof typeof readers): Promise<ResidentAnswers | null> {
  const [r] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.regionId, reader.regionId)));
  if (!r) return null;
  const as = readers[via];
  if (!(await as.allowed(db, reader, r.id))) return null;
  await logAccess(db, {
    actorId: reader.userId,
    actorRole: as.role,
    subjectId: r.residentId,
    object: `registration:${r.id}`,
    action: 'registration.answers_read',
    authority: as.authority,
    ipPrefix: reader.ipPrefix,
  });
  const d = openDetails(r);
  return {
    callName: d.callName,
    contact: d.contact,
    topic: d.topic,
    help: d.help,
    naaste: d.naaste,
    otherLanguage: d.otherLanguage,
    accessibility: d.accessibility,
    language: r.language,
    interpreter: r.interpreter,
  };
}
