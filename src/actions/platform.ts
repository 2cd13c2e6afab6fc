import type { ActionAPIContext } from 'astro:actions';
import * as schemas from '../lib/schemas/platform.ts';
import { requireAction } from '../lib/server/auth/guards.ts';
import type { ProtectedAction } from '../lib/server/auth/access.ts';
import { getDb } from '../lib/server/db/client.ts';
import { createRegion, setRegionActive, updateRegion, type PlatformActor, type RegionChangeResult } from '../lib/server/region/platform.ts';
import { inviteRegionAdmin } from '../lib/server/region/platform-overview.ts';
import { formAction, type FormHelpers } from './form.ts';

// Landelijk beheer: regions, their postcode areas and host names, and each region's first admin.
const actor = (context: ActionAPIContext, access: ProtectedAction): PlatformActor => ({
  userId: requireAction(context.locals, access).user.id,
  ipPrefix: context.locals.ipPrefix,
});

/** A refused change, in words: which area or host another region has, or why else. */
function refused(result: Exclude<RegionChangeResult, { ok: true }>, fail: FormHelpers['fail']) {
  if (result.reason === 'slug') return fail('platform:errors.slugTaken', 'slug');
  if (result.reason === 'notFound') return fail('platform:errors.notFound');
  if (result.reason === 'nationalHost') return fail('platform:errors.nationalHost', 'hostNames', { host: result.host });
  const { kind, value, region } = result.conflict;
  return kind === 'area'
    ? fail('platform:errors.areaTaken', 'postcodeAreas', { area: value, region })
    : fail('platform:errors.hostTaken', 'hostNames', { host: value, region });
}

export const platform = {
  createRegion: formAction(
    schemas.createRegionSchema,
    async (input, context, { fail }) => {
      const result = await createRegion(getDb(), actor(context, 'platform.createRegion'), input);
      return result.ok ? { ok: true as const, id: result.id, name: input.name } : refused(result, fail);
    },
    'platform.createRegion',
  ),
  updateRegion: formAction(
    schemas.updateRegionSchema,
    async ({ region, ...changes }, context, { fail }) => {
      const result = await updateRegion(getDb(), actor(context, 'platform.updateRegion'), region, changes);
      return result.ok ? { ok: true as const, saved: true } : refused(result, fail);
    },
    'platform.updateRegion',
  ),
  setRegionActive: formAction(
    schemas.regionActiveSchema,
    async (input, context, { fail }) => {
      const active = input.active === 'ja';
      const result = await setRegionActive(getDb(), actor(context, 'platform.setRegionActive'), input.region, active);
      return result.ok ? { ok: true as const, active } : refused(result, fail);
    },
    'platform.setRegionActive',
  ),
  inviteAdmin: formAction(
    schemas.inviteRegionAdminSchema,
    async ({ region, adminName: name, adminEmail: email, language }, context, { fail, ctx }) => {
      const { user, session } = requireAction(context.locals, 'platform.inviteAdmin');
      const inviter = { id: user.id, reauthenticatedAt: session.reauthenticatedAt };
      const result = await inviteRegionAdmin(getDb(), inviter, region, { name, email, language }, ctx);
      if (result.ok) return { ok: true as const, invited: email, added: result.added ?? false };
      if (result.reason === 'notFound') return fail('platform:errors.notFound');
      // The same answers as a region admin's invitation gets (actions/admin.ts).
      if (result.reason === 'reauth') return fail('errors.reauthFirst');
      return result.reason === 'exists' ? fail('errors.accountExists', 'adminEmail') : fail('errors.throttled', '', { minutes: 60 });
    },
    'platform.inviteAdmin',
  ),
};
