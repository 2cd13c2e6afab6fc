import type { APIRoute } from 'astro';

// Asked by the idle warning's "Ik ben er nog": the request itself slides the session (middleware);
// the answer says how long it now lasts. Nothing else about the person is returned. A duration,
// not a time: the browser's clock may differ from the server's.
export const GET: APIRoute = ({ locals }) =>
  new Response(JSON.stringify({ active: !!locals.session, remainingMs: locals.session ? locals.session.expiresAt.getTime() - Date.now() : 0 }), {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
