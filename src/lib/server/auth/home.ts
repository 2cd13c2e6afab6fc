import type { Role } from '../db/schema/index.ts';
import { protectedPages } from './access.ts';

/** Where someone lands after signing in: their own area. */
export function homeFor(roles: readonly Role[]): string {
  if (roles.includes('platform')) return protectedPages.platform.path;
  if (roles.includes('admin') || roles.includes('planner') || roles.includes('worker')) return protectedPages.team.path;
  if (roles.includes('partner') || roles.includes('referrer')) return protectedPages.partner.path;
  return protectedPages.resident.path;
}
