import type { APIRoute } from 'astro';

// Liveness: this process answers HTTP. It asks the database nothing, so an orchestrator restarts a
// process only when the process itself is stuck, never because the database is away or a standby
// (that is what /health, readiness, reports: restarting would not help).
export const GET: APIRoute = () =>
  new Response(JSON.stringify({ status: 'alive' }), {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
