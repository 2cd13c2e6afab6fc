import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/client.ts';
import { users, type Role } from '../../src/lib/server/db/schema/index.ts';
import { hashPassword } from '../../src/lib/server/auth/passwords.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';

export const TEST_PASSWORD = 'een-lang-testwachtwoord';
let cachedHash: Promise<string> | undefined;

type Options = { roles?: Role[]; email?: string; verified?: boolean; password?: string | null; totpSecret?: string; language?: string };

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
      roles: options.roles ?? ['resident'],
      emailVerifiedAt: options.verified === false ? null : new Date(),
      language: options.language ?? 'nl',
      totpSecret: options.totpSecret ? seal(options.totpSecret) : null,
      totpEnabledAt: options.totpSecret ? new Date() : null,
    })
    .returning();
  return user!;
}

export const requestContext = { lang: 'nl', ipPrefix: '192.0.2.0/24', userAgent: 'vitest' };
