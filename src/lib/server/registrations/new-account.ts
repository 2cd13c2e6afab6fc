import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { mailLink, type RequestContext } from '../accounts/context.ts';
import { findUserByEmail } from '../accounts/queries.ts';
import { issueToken } from '../accounts/user-tokens.ts';
import { queueMail } from '../mail/queue.ts';
import { accountMailStyle } from './mails.ts';
import type { MailRegion } from '../mail/templates.ts';

/**
 * The account a resident asks for while signing up (or confirming a partner's sign-up), inside the
 * caller's transaction. Never attaches a sign-up to someone else's account: when the address has
 * one, its owner is told, as at "account maken", and the sign-up goes on without an account.
 */
export async function accountForSignup(
  tx: Db,
  email: string,
  passwordHash: string,
  ctx: RequestContext,
  discreet: boolean,
  /** The sign-up's call name and region: the mail greets by name and gives the region's phone number. */
  about: { name: string; region: MailRegion },
): Promise<{ residentId: string | null; accountMailed: boolean }> {
  const existing = await findUserByEmail(tx, email);
  if (existing) {
    const style = await accountMailStyle(tx, existing.id);
    await queueMail(tx, {
      to: existing.email,
      lang: existing.language,
      template: 'accountExists',
      values: { name: style.name ?? about.name, link: mailLink('/inloggen', existing.language) },
      discreet: discreet || style.discreet,
      region: about.region,
    });
    return { residentId: null, accountMailed: false };
  }
  const [user] = await tx
    .insert(users)
    .values({ email: email.toLowerCase(), passwordHash, roles: ['resident'], language: ctx.lang })
    .returning();
  const { token, code } = await issueToken(tx, user!.id, 'email_confirmation', { withCode: true });
  await queueMail(tx, {
    to: user!.email,
    lang: ctx.lang,
    template: 'emailConfirmation',
    values: { name: about.name, code: code!, link: mailLink(`/account-bevestigen/${token}`, ctx.lang) },
    discreet,
    region: about.region,
  });
  return { residentId: user!.id, accountMailed: true };
}
