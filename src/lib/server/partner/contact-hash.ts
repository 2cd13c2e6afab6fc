import { keyedHash } from '../crypto/keyed-hash.ts';
import { contactKeys } from './rules.ts';

/** The columns that find a second sign-up of the same person, without plain contact details. */
export function contactHashes(contact: { email?: string | undefined; phone?: string | undefined }) {
  const keys = contactKeys(contact);
  return {
    contactEmailHash: keys.email ? keyedHash(`contact:email:${keys.email}`) : null,
    contactPhoneHash: keys.phone ? keyedHash(`contact:phone:${keys.phone}`) : null,
  };
}
