import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/client.ts';
import { registrations } from '../../src/lib/server/db/schema/index.ts';
import { seal } from '../../src/lib/server/crypto/seal.ts';
import { DEFAULT_PROFILE, signupProfile } from '../../src/lib/profile.ts';

type NewRegistration = typeof registrations.$inferInsert;

const reference = () => `HOG-${randomBytes(4).toString('hex').toUpperCase()}`;

/** A plain sign-up as the queue sees it; the sealed details say nothing real. */
export function buildRegistration(regionId: string, overrides: Partial<NewRegistration> = {}): NewRegistration {
  return {
    regionId,
    reference: reference(),
    sealedDetails: seal(JSON.stringify({ callName: 'Test' })),
    birthYear: 1990,
    postcodeArea: '7001',
    placeKind: 'home',
    availability: { days: ['di'], parts: ['middag'], asap: true, from: null },
    language: 'nl',
    consentVersion: 'test',
    consentAt: new Date(),
    profile: signupProfile(DEFAULT_PROFILE, 'warn', overrides.source === 'partner' ? 'partner' : 'open'),
    ...overrides,
  };
}

/** Many sign-ups in one insert per thousand; `each(i)` varies them. */
export async function insertRegistrations(db: Db, regionId: string, count: number, each: (i: number) => Partial<NewRegistration> = () => ({})) {
  const rows = Array.from({ length: count }, (_, i) => buildRegistration(regionId, each(i)));
  const inserted: { id: string; createdAt: Date; status: string }[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    inserted.push(
      ...(await db
        .insert(registrations)
        .values(rows.slice(i, i + 1000))
        .returning({ id: registrations.id, createdAt: registrations.createdAt, status: registrations.status })),
    );
  }
  return inserted;
}
