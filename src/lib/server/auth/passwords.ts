import { hash, verify } from '@node-rs/argon2';
import commonPasswords from 'fxa-common-password-list';
import { dutchCommonPasswords } from './common-passwords-nl.ts';

// NIST 800-63B / ASVS: a minimum length and a block list, no composition rules.
import { PASSWORD_MAX, PASSWORD_MIN } from '../../schemas/limits.ts';

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_common';

export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return 'password_too_short';
  if (password.length > PASSWORD_MAX) return 'password_too_long';
  const lower = password.toLowerCase();
  if (commonPasswords.test(password) || commonPasswords.test(lower) || dutchCommonPasswords.has(lower)) return 'password_common';
  return null;
}

// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane) keeps a sign-in fast on two cores.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a hash (unknown account, invitation not accepted) we still spend the same time, so
  // the answer's timing does not tell whether the account exists.
  if (!passwordHash) {
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$3q94iiApw3rHaxAY4Fx+5A$lcOKlSjEcFlKRN8Ft1dkjyDFSCBxpZW/7l63gKDwe7U';
