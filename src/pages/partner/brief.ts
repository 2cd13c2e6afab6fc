import type { APIRoute } from 'astro';
import { z } from 'zod';
import { requirePage } from '../../lib/server/auth/guards.ts';
import { getDb } from '../../lib/server/db/client.ts';
import { currentRegion } from '../../lib/server/region/current.ts';
import { letterForResident } from '../../lib/server/partner/letter.ts';

// The letter for the resident, as a PDF download. A POST: each letter has a new code and replaces
// the earlier letter's. Another partner's sign-up, or one that no longer waits, is 404 like an unknown id.
export const POST: APIRoute = async ({ locals, request, rewrite }) => {
  const { user } = requirePage(locals, 'partnerSignup');
  // A clone: the 404 below is a rewrite, which needs the body unread.
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const id = z.uuid().safeParse(form?.get('registration'));
  const region = await currentRegion();
  const letter =
    id.success && region ? await letterForResident(getDb(), region, user.id, id.data, { lang: locals.lang, ipPrefix: locals.ipPrefix, userAgent: null }) : null;
  if (!letter) return rewrite('/404');
  return new Response(letter.pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="brief-${letter.reference}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
};
