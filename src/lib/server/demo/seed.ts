import { eq, getTableName, isTable, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { seal } from '../crypto/seal.ts';
import { demoAccounts, DEMO_PASSWORD } from './accounts.ts';
import { demoLocations, demoRegion, demoTeam } from './region.ts';
import { invalidateLocations } from '../locations/queries.ts';
import { seedDemoPlanning } from './planning.ts';
import { seedDemoReports } from './reports.ts';

/** Seeds the fictional region once; a second start finds it and leaves everything as it is. */
export async function seedDemo(db: Db): Promise<'seeded' | 'present'> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const result = await db.transaction(async (tx) => {
    const existing = await tx.select({ id: schema.regions.id }).from(schema.regions).where(eq(schema.regions.slug, demoRegion.slug));
    if (existing.length > 0) return 'present' as const;
    const [region] = await tx.insert(schema.regions).values(demoRegion).returning({ id: schema.regions.id });
    if (!region) throw new Error('demo region was not inserted');
    await tx.insert(schema.locations).values(demoLocations.map((l) => ({ ...l, regionId: region.id })));
    const now = new Date();
    const users = await tx
      .insert(schema.users)
      .values(
        demoAccounts.map(({ totpSecret, ...a }) => ({
          ...a,
          passwordHash,
          emailVerifiedAt: now,
          totpSecret: totpSecret ? seal(totpSecret) : null,
          totpEnabledAt: totpSecret ? now : null,
        })),
      )
      .returning({ id: schema.users.id, email: schema.users.email });
    // Members with a demo account see their conversations in /team/gesprekken.
    await tx
      .insert(schema.teamMembers)
      .values(demoTeam.map(({ account, ...m }) => ({ ...m, regionId: region.id, userId: users.find((u) => u.email === account)?.id ?? null })));
    await seedDemoPlanning(tx, region.id, now);
    await seedDemoReports(tx, region.id);
    return 'seeded' as const;
  });
  if (result === 'seeded') invalidateLocations();
  return result;
}

/**
 * Empties every table of the schema but the access log and seeds again. The access log is
 * evidence: the database refuses to truncate it, a demo reset included.
 */
export async function resetDemo(db: Db): Promise<void> {
  const tables = Object.values(schema).flatMap((t) => (isTable(t) && t !== schema.accessLog ? [sql.identifier(getTableName(t))] : []));
  await db.transaction(async (tx) => {
    await tx.execute(sql`truncate ${sql.join(tables, sql`, `)} cascade`);
  });
  invalidateLocations();
  await seedDemo(db);
}
