import http from 'node:http';

// The baseline: a bare node:http server that answers each request with the bytes the portal sent
// for it (status, headers, compressed body), recorded once. Ratios against it show what the
// portal's own work costs on this machine, whatever else the machine is doing.

export type Recorded = { status: number; headers: http.OutgoingHttpHeaders; body: Buffer };
const skip = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** Sends one request to the portal and keeps its answer byte for byte (no decompression). */
export function record(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Recorded> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { 'accept-encoding': 'gzip, deflate, br, zstd', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const kept: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(res.headers)) if (!skip.has(name) && value !== undefined) kept[name] = value;
        resolve({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function startBare(port: number, answers: Map<string, Recorded>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const answer = answers.get(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      if (!answer) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
