import { and, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedFor } from '../db/prepared.ts';
import { sessions, users, type Role } from '../db/schema/index.ts';
import { isExpired, needsTwoFactor, newSessionTimes, slidExpiry } from './session-rules.ts';
import { workingRegion, type Membership } from './working-region.ts';
import { generateToken, hashToken } from './tokens.ts';

export type Session = typeof sessions.$inferSelect;
export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  /** The account's own roles plus its roles in the region it works in now. */
  roles: Role[];
  /** Every role in every region (for the region switch); empty for a resident. */
  memberships: Membership[];
  /** The region whose data the partner or team roles above are for; null without memberships. */
  regionId: string | null;
  language: string;
  emailVerified: boolean;
  totpEnabled: boolean;
};
export type Validated = { session: Session; user: SessionUser; twoFactorPending: boolean };

type Client = { userAgent?: string | null; ipPrefix?: string | null };

/** A new session with a new token at every sign-in; only the token's hash is stored. */
export async function createSession(db: Db, userId: string, client: Client, now = new Date()) {
  const token = generateToken();
  const [session] = await db
    .insert(sessions)
    .values({
      id: hashToken(token),
      userId,
      ...newSessionTimes(now),
      reauthenticatedAt: now,
      userAgent: client.userAgent?.slice(0, 200) ?? null,
      ipPrefix: client.ipPrefix ?? null,
      createdAt: now,
    })
    .returning();
  return { token, session: session! };
}

// Every signed-in request reads its session: built once, not per request.
const sessionById = preparedFor((db) =>
  db
    // Only what a request needs of the person: not the password hash or the TOTP secret, which
    // every signed-in page would otherwise fetch and decode.
    .select({
      session: sessions,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        roles: users.roles,
        language: users.language,
        emailVerifiedAt: users.emailVerifiedAt,
        totpEnabledAt: users.totpEnabledAt,
        deactivatedAt: users.deactivatedAt,
        // One small subquery instead of a second round trip: most people have none or one.
        memberships: sql<
          Membership[]
        >`coalesce((select json_agg(json_build_object('regionId', m.region_id, 'role', m.role) order by r.created_at, r.name, r.id, m.role) from memberships m join regions r on r.id = m.region_id where m.user_id = ${users.id}), '[]'::json)`,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('session_by_id'),
);

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<Validated | null> {
  const [row] = await sessionById(db).execute({ id: hashToken(token) });
  if (!row) return null;
  let { session } = row;
  if (isExpired(session, now) || row.user.deactivatedAt) {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return null;
  }
  const next = slidExpiry(session, now);
  if (next) {
    await db.update(sessions).set({ expiresAt: next }).where(eq(sessions.id, session.id));
    session = { ...session, expiresAt: next };
  }
  const { user } = row;
  // PGlite hands json back parsed, postgres.js as text when it comes from a subquery expression.
  const memberships: Membership[] = typeof user.memberships === 'string' ? JSON.parse(user.memberships) : user.memberships;
  const working = workingRegion(user.roles, memberships, session.regionId);
  return {
    session,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      roles: working.roles,
      memberships,
      regionId: working.regionId,
      language: user.language,
      emailVerified: user.emailVerifiedAt !== null,
      totpEnabled: user.totpEnabledAt !== null,
    },
    // Any partner or team role in any region asks for the second factor, not only the current one.
    twoFactorPending: needsTwoFactor([...user.roles, ...memberships.map((m) => m.role)]) && session.twoFactorVerifiedAt === null,
  };
}

/**
 * The second factor is done: the session gains its rights under a new token, so a token seen
 * before this moment (on a shared screen, in a proxy log) opens nothing. Returns the new token.
 */
export async function markTwoFactorVerified(db: Db, sessionId: string, now = new Date()): Promise<string> {
  const token = generateToken();
  await db
    .update(sessions)
    .set({ id: hashToken(token), twoFactorVerifiedAt: now, reauthenticatedAt: now })
    .where(eq(sessions.id, sessionId));
  return token;
}

export async function markReauthenticated(db: Db, sessionId: string, now = new Date()) {
  await db.update(sessions).set({ reauthenticatedAt: now }).where(eq(sessions.id, sessionId));
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a person, or every other one when `except` is the current session. */
export async function invalidateUserSessions(db: Db, userId: string, except?: string): Promise<number> {
  const where = except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId);
  return (await db.delete(sessions).where(where).returning({ id: sessions.id })).length;
}

export async function listActiveSessions(db: Db, userId: string, now = new Date()): Promise<Session[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)))
    .orderBy(sessions.createdAt);
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const expired = or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now));
  return (await db.delete(sessions).where(expired).returning({ id: sessions.id })).length;
}
