import { ActionError } from 'astro:actions';
import type { Role } from '../db/schema/index.ts';
import { protectedActions, protectedPages, type ProtectedAction, type ProtectedPage } from './access.ts';
import type { Session, SessionUser } from './sessions.ts';
import { regionById } from '../region/directory.ts';
import type { Region } from '../region/queries.ts';

// Typed errors for pages; src/middleware.ts maps each to its response once (redirect or 403).
export class AuthRequired extends Error {}
export class TwoFactorRequired extends Error {
  readonly setup: boolean;
  constructor(setup: boolean) {
    super('second factor required');
    this.setup = setup;
  }
}
export class PermissionDenied extends Error {}

type Locals = App.Locals;
export type Signed = { user: SessionUser; session: Session };
export type InRegion = Signed & { region: Region };

/** A signed-in person whose second factor (if their role needs one) is done. */
export function requireUser(locals: Locals): Signed {
  const { user, session } = locals;
  if (!user || !session) throw new AuthRequired();
  if (locals.twoFactorPending) throw new TwoFactorRequired(!user.totpEnabled);
  return { user, session };
}

/** Signed in with a password; the second factor may still be owed (the pages that take it). */
export function requireSession(locals: Locals): Signed {
  const { user, session } = locals;
  if (!user || !session) throw new AuthRequired();
  return { user, session };
}

export const hasRole = (user: SessionUser, roles: readonly Role[]): boolean => user.roles.some((r) => roles.includes(r));

export function requireRole(locals: Locals, roles: readonly Role[]): Signed {
  const signed = requireUser(locals);
  if (!hasRole(signed.user, roles)) throw new PermissionDenied();
  return signed;
}

export const requirePage = (locals: Locals, page: ProtectedPage): Signed => requireRole(locals, protectedPages[page].roles);

/** The same checks for actions, which answer with an ActionError (401/403) instead of a page. */
export function requireAction(locals: Locals, action: ProtectedAction): Signed {
  try {
    return requireRole(locals, protectedActions[action]);
  } catch (error) {
    if (error instanceof PermissionDenied) throw new ActionError({ code: 'FORBIDDEN' });
    throw new ActionError({ code: 'UNAUTHORIZED' });
  }
}

/** A partner's or team member's page, with the region they work in: every query below is scoped to it. */
export async function requirePageInRegion(locals: Locals, page: ProtectedPage): Promise<InRegion> {
  const signed = requirePage(locals, page);
  const region = await regionById(signed.user.regionId);
  if (!region) throw new PermissionDenied();
  return { ...signed, region };
}

/** The same for actions. */
export async function requireActionInRegion(locals: Locals, action: ProtectedAction): Promise<InRegion> {
  const signed = requireAction(locals, action);
  const region = await regionById(signed.user.regionId);
  if (!region) throw new ActionError({ code: 'FORBIDDEN' });
  return { ...signed, region };
}
