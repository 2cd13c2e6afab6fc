import type { APIRoute } from 'astro';
import { requirePage } from '../../../lib/server/auth/guards.ts';
import { getDb } from '../../../lib/server/db/client.ts';
import { residentCalendar } from '../../../lib/server/planning/calendar-file.ts';

/** The .ics of the resident's own confirmed conversation; anyone else's id answers 404 like an unknown one. */
export const GET: APIRoute = async ({ locals, params }) => {
  const { user } = requirePage(locals, 'residentCalendar');
  const file = await residentCalendar(getDb(), user.id, params.id ?? '', locals.lang);
  if (!file) return new Response(null, { status: 404 });
  return new Response(file, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="gesprek.ics"',
      'cache-control': 'private, no-store',
    },
  });
};
