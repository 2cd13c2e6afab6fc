import { and, eq, type SQL } from 'drizzle-orm';
import { conversations, teamMembers } from '../db/schema/index.ts';

/**
 * A worker reaches a conversation through their team member row (joined through conversation_duo).
 * One person has a member row in each region they work in, so the row and the conversation must
 * both be of the region they work in now: otherwise a worker in two regions sees both at once, and
 * a sign-up moved to another region stays open to the old region's duo.
 */
export const duoInRegion = (userId: string, regionId: string): SQL =>
  and(eq(teamMembers.userId, userId), eq(teamMembers.regionId, regionId), eq(conversations.regionId, regionId))!;
