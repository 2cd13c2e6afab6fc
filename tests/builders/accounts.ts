import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/client.ts';
import { memberships, regions, users, type Role } from '../../src/lib/server/db/schema/index.ts';
import { isRegionRole } from '../../src/lib/roles.ts';
import { insertRegion } from './region.ts';
import { hashPassword } from '../../src/lib/server/auth/passwords.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';

export const TEST_PASSWORD = 'een-lang-testwachtwoord';
let cachedHash: Promise<string> | undefined;

/**
 * `roles`: partner and team roles are held in `regionId` (a membership); without one, in the first
 * region of the database (made when there is none), as when the portal served one region.
 */
type Options = { roles?: Role[]; regionId?: string; email?: string; verified?: boolean; password?: string | null; totpSecret?: string; language?: string };

/** A person with an account; the argon2 hash of the shared test password is made once per file. */
export async function insertUser(db: Db, options: Options = {}) {
  const password = options.password === undefined ? TEST_PASSWORD : options.password;
  const passwordHash =
    password === null ? null : password === TEST_PASSWORD ? await (cachedHash ??= hashPassword(TEST_PASSWORD)) : await hashPassword(password);
  const [user] = await db
    .insert(users)
    .values({
      email: options.email ?? `iemand-${randomBytes(4).toString('hex')}@test.example`,
      passwordHash,
      roles: (options.roles ?? ['resident']).filter((r) => !isRegionRole(r)),
      emailVerifiedAt: options.verified === false ? null : new Date(),
      language: options.language ?? 'nl',
      totpSecret: options.totpSecret ? seal(options.totpSecret) : null,
      totpEnabledAt: options.totpSecret ? new Date() : null,
    })
    .returning();
  const inRegion = (options.roles ?? []).filter(isRegionRole);
  let regionId = '';
  if (inRegion.length) {
    regionId =
      options.regionId ?? (await db.select({ id: regions.id }).from(regions).orderBy(regions.createdAt).limit(1))[0]?.id ?? (await insertRegion(db)).id;
    await db.insert(memberships).values(inRegion.map((role) => ({ userId: user!.id, regionId, role })));
  }
  /** `regionId`: where the partner or team roles are held ('' for a resident). */
  return { ...user!, regionId };
}

export const requestContext = { lang: 'nl', ipPrefix: '192.0.2.0/24', userAgent: 'vitest' };
