import type { APIRoute } from 'astro';
import { getProbeDb } from '../lib/server/db/client.ts';
import { checkDatabase } from '../lib/server/db/health.ts';

// For load balancers and monitoring: 200 while the database answers, 503 when it does not.
export const GET: APIRoute = async () => {
  const database = await checkDatabase(getProbeDb());
  return new Response(JSON.stringify({ status: database.ok ? 'ok' : 'unavailable', database: database.ok ? 'ok' : database.reason }), {
    status: database.ok ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
};
