import type { APIRoute } from 'astro';
import { getProbeDb } from '../lib/server/db/client.ts';
import { checkDatabase } from '../lib/server/db/health.ts';

// Readiness, for load balancers and monitoring: 200 only while the database answers and takes
// writes (a primary); 503 when it is away, too slow, or a read-only standby. /health/live is the
// process's own liveness.
export const GET: APIRoute = async () => {
  const database = await checkDatabase(getProbeDb());
  return new Response(JSON.stringify({ status: database.ok ? 'ok' : 'unavailable', database: database.ok ? 'ok' : database.reason }), {
    status: database.ok ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
};
