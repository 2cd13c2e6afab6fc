import type { APIRoute } from 'astro';
import { z } from 'zod';
import { requirePageInRegion } from '../../lib/server/auth/guards.ts';
import { getDb } from '../../lib/server/db/client.ts';
import { letterForResident } from '../../lib/server/partner/letter.ts';
import { onBehalfRole, onBehalfVia } from '../../lib/server/partner/rules.ts';
import { regionProfile } from '../../lib/server/region/profile.ts';

// The letter for the resident, as a PDF download. A POST: each letter has a new code and replaces
// the earlier letter's. Another partner's sign-up, or one that no longer waits, is 404 like an unknown id.
export const POST: APIRoute = async ({ locals, request, rewrite }) => {
  const { user, region } = await requirePageInRegion(locals, 'partnerSignup');
  // A clone: the 404 below is a rewrite, which needs the body unread.
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const id = z.uuid().safeParse(form?.get('registration'));
  const letter = id.success
    ? await letterForResident(
        getDb(),
        region,
        user.id,
        id.data,
        { lang: locals.lang, ipPrefix: locals.ipPrefix, userAgent: null },
        onBehalfRole(onBehalfVia(user.roles, regionProfile(region))),
      )
    : null;
  if (!letter) return rewrite('/404');
  return new Response(letter.pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="brief-${letter.reference}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
};
