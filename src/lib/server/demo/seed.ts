import { eq, getTableName, isTable, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { seal } from '../crypto/seal.ts';
import { isRegionRole } from '../../roles.ts';
import { demoAccounts, DEMO_PASSWORD, type DemoRegionSlug } from './accounts.ts';
import { amstelland, seedAmstellandReferral } from './amstelland.ts';
import { oostveld, type DemoRegion } from './region.ts';
import { seedWestmarkQueue, westmark } from './westmark.ts';
import { beekdal } from './beekdal.ts';
import { invalidateLocations } from '../locations/queries.ts';
import { forgetRegions } from '../region/directory.ts';
import { seedDemoPlanning } from './planning.ts';
import { seedDemoReports } from './reports.ts';

type Users = { id: string; email: string }[];

async function seedRegion(tx: Db, demo: DemoRegion, users: Users): Promise<string> {
  const [region] = await tx.insert(schema.regions).values(demo.region).returning({ id: schema.regions.id });
  if (!region) throw new Error(`demo region ${demo.region.slug} was not inserted`);
  await tx.insert(schema.locations).values(demo.locations.map((l) => ({ ...l, regionId: region.id })));
  // Members with a demo account see their conversations in /team/gesprekken.
  await tx
    .insert(schema.teamMembers)
    .values(demo.team.map(({ account, ...m }) => ({ ...m, regionId: region.id, userId: users.find((u) => u.email === account)?.id ?? null })));
  const members = demoAccounts.filter((a) => a.regions?.includes(demo.region.slug as DemoRegionSlug));
  const rows = members.flatMap((a) =>
    a.roles.filter(isRegionRole).map((role) => ({ userId: users.find((u) => u.email === a.email)!.id, regionId: region.id, role })),
  );
  if (rows.length) await tx.insert(schema.memberships).values(rows);
  return region.id;
}

/** Seeds the fictional regions once; a second start finds them and leaves everything as it is. */
export async function seedDemo(db: Db): Promise<'seeded' | 'present'> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const result = await db.transaction(async (tx) => {
    const existing = await tx.select({ id: schema.regions.id }).from(schema.regions).where(eq(schema.regions.slug, oostveld.region.slug));
    if (existing.length > 0) return 'present' as const;
    const now = new Date();
    const users = await tx
      .insert(schema.users)
      .values(
        demoAccounts.map(({ totpSecret, regions: _heldAsMemberships, roles, ...a }) => ({
          ...a,
          roles: roles.filter((r) => !isRegionRole(r)),
          passwordHash,
          emailVerifiedAt: now,
          totpSecret: totpSecret ? seal(totpSecret) : null,
          totpEnabledAt: totpSecret ? now : null,
        })),
      )
      .returning({ id: schema.users.id, email: schema.users.email });
    // Oostveld first: it is where people with roles in both regions start.
    const oostveldId = await seedRegion(tx, oostveld, users);
    const westmarkId = await seedRegion(tx, westmark, users);
    await seedRegion(tx, beekdal, users);
    await seedDemoPlanning(tx, oostveldId, now);
    await seedDemoReports(tx, oostveldId);
    await seedWestmarkQueue(tx, westmarkId, now);
    const amstellandId = await seedRegion(tx, amstelland, users);
    await seedAmstellandReferral(tx, amstellandId, now);
    return 'seeded' as const;
  });
  if (result === 'seeded') {
    invalidateLocations();
    forgetRegions();
  }
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
  forgetRegions();
  await seedDemo(db);
}
