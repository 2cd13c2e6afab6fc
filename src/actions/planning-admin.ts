import type { ActionAPIContext } from 'astro:actions';
import { changeMemberSchema, switchSchema } from '../lib/schemas/planning.ts';
import { requireActionInRegion } from '../lib/server/auth/guards.ts';
import type { ProtectedAction } from '../lib/server/auth/access.ts';
import { getDb } from '../lib/server/db/client.ts';
import { changeInRegion, type Catalogue } from '../lib/server/region/switch.ts';
import { formAction } from './form.ts';

// The admin switches members, places and offers on and off (nothing is deleted: old sign-ups and
// reports point to them) and changes what the duo picker's hints read about a member.
async function change(
  context: ActionAPIContext,
  access: ProtectedAction,
  catalogue: Catalogue,
  id: string,
  values: { active: boolean } & Record<string, unknown>,
) {
  const { user, region } = await requireActionInRegion(context.locals, access);
  const actor = { userId: user.id, role: 'admin', ipPrefix: context.locals.ipPrefix, regionId: region.id };
  return changeInRegion(getDb(), actor, region.id, catalogue, id, values);
}

const switchAction = (access: ProtectedAction, catalogue: Catalogue) =>
  formAction(
    switchSchema,
    async (input, context, { fail }) =>
      (await change(context, access, catalogue, input.item, { active: input.active === 'ja' }))
        ? { ok: true as const, active: input.active === 'ja' }
        : fail('planning:errors.notFound'),
    access,
  );

export const planningAdmin = {
  changeMember: formAction(
    changeMemberSchema,
    async (input, context, { fail }) => {
      const values = {
        active: input.active === 'ja',
        countsAsGgz: input.countsAsGgz === 'ja',
        languages: input.languages.split(',').map((l) => l.trim()),
        workingDays: input.workingDays,
      };
      return (await change(context, 'planning.changeMember', 'team_members', input.member, values))
        ? { ok: true as const, member: input.member }
        : fail('planning:errors.notFound', 'member');
    },
    'planning.changeMember',
  ),
  switchPlace: switchAction('planning.switchPlace', 'locations'),
  switchOffer: switchAction('planning.switchOffer', 'follow_up_offers'),
};
