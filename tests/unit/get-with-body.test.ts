import http from 'node:http';
import net from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponder } from '../../src/lib/server/http/respond.ts';
import { publicAddresses } from '../../src/lib/server/http/page-cache.ts';

// Issue 20, item 7: a GET (or HEAD) with a 20 MB body was read to the end. It is refused unread.
const BODY = 20 * 1024 * 1024;
let server: http.Server;
let port = 0;
let rendered = 0;

beforeAll(async () => {
  // A stand-in for Astro that, like Astro for a GET, never reads the body.
  const pages: http.RequestListener = (_req, res) => {
    rendered++;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>x</title>');
  };
  server = http.createServer(createResponder(pages, mkdtempSync(path.join(tmpdir(), 'hog-client-')), publicAddresses([], path.resolve('locales'))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Sends the request line and headers, then the body as fast as the server takes it. */
function sendWithBody(method: string): Promise<{ status: string; accepted: number; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    let accepted = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const done = () => resolve({ status: response.split('\r\n')[0] ?? '', accepted, ms: Date.now() - started });
    socket.on('data', (d) => (response += d.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', done);
    socket.write(`${method} /over HTTP/1.1\r\nhost: portal.test\r\ncontent-length: ${BODY}\r\n\r\n`);
    const pump = () => {
      while (accepted < BODY && !socket.destroyed) {
        accepted += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      // All of it was taken: the server read it. Give it a moment to answer, then stop.
      if (accepted >= BODY) setTimeout(() => socket.destroy(), 500);
    };
    pump();
  });
}

describe('a GET or HEAD with a body', () => {
  for (const method of ['GET', 'HEAD']) {
    it(`${method}: is refused with 400 and the connection closed, long before 20 MB are read`, async () => {
      const before = rendered;
      const result = await sendWithBody(method);
      expect(result.status).toBe('HTTP/1.1 400 Bad Request');
      expect(result.accepted).toBeLessThan(BODY);
      expect(result.ms).toBeLessThan(2_000);
      expect(rendered).toBe(before);
    });
  }

  it('a GET without a body is served as ever', async () => {
    const status = await new Promise<number>((resolve) =>
      http.get(`http://127.0.0.1:${port}/over`, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }),
    );
    expect(status).toBe(200);
  });
});
