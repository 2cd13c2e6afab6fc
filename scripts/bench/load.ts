import http from 'node:http';

// A closed-loop load generator: `clients` keep-alive connections, each sending its next request as
// soon as the last one is answered, for `seconds`. Every latency is kept, so p95 and p99 are exact.
// Each client may bind its own loopback address (127.0.N.1), so per-network limits see clients as
// the different networks they would be.

export type Step = { method?: string; path: string; body?: string; headers?: Record<string, string>; expect?: number[] };
export type Script = (client: number) => { steps: (state: Map<string, string>) => Step[] };
export type Result = {
  requests: number;
  perSecond: number;
  iterationsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
  firstFailure?: string;
};

function send(agent: http.Agent, port: number, step: Step, cookies: Map<string, string>): Promise<{ status: number; location?: string; ms: number }> {
  const started = performance.now();
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br, zstd', ...step.headers };
  if (cookies.size) headers['cookie'] = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (step.body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = String(Buffer.byteLength(step.body));
    headers['origin'] = `http://127.0.0.1:${port}`;
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: '127.0.0.1', port, method: step.method ?? 'GET', path: step.path, headers }, (res) => {
      for (const line of res.headers['set-cookie'] ?? []) {
        const [pair] = line.split(';');
        const [name, ...value] = pair!.split('=');
        if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name!.trim());
        else cookies.set(name!.trim(), value.join('='));
      }
      res.on('data', () => {});
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}), ms: performance.now() - started }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(step.body);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

export async function load(
  port: number,
  script: Script,
  clients: number,
  seconds: number,
  options: { localAddresses?: boolean; initialCookies?: (client: number) => Map<string, string> } = {},
): Promise<Result> {
  const latencies: number[] = [];
  let failures = 0;
  let iterations = 0;
  let firstFailure: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1, ...(options.localAddresses ? { localAddress: `127.0.${client + 1}.1` } : {}) });
      try {
        while (performance.now() < deadline) {
          const cookies = options.initialCookies?.(client) ?? new Map<string, string>();
          const { steps } = script(client);
          for (const step of steps(cookies)) {
            try {
              const answer = await send(agent, port, step, cookies);
              latencies.push(answer.ms);
              const ok = (step.expect ?? [200]).includes(answer.status);
              if (!ok) {
                failures++;
                firstFailure ??= `${step.method ?? 'GET'} ${step.path} → ${answer.status} ${answer.location ?? ''}`;
                break;
              }
            } catch (error) {
              failures++;
              firstFailure ??= `${step.path}: ${(error as Error).message}`;
              break;
            }
          }
          iterations++;
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    iterationsPerSecond: iterations / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures,
    ...(firstFailure ? { firstFailure } : {}),
  };
}
