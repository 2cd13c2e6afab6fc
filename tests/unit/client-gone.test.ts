import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isDatabaseUnavailable } from '../../src/lib/server/db/errors.ts';
import { mapFailures } from '../../src/lib/server/http/failures.ts';

// Issue 20, item 6: a visitor who hangs up mid-request gives an ECONNRESET too, from their own
// socket. That is not an outage: it must not be logged or answered as "database unavailable".

/** The error a handler really gets when the client closes the connection halfway through its body. */
async function clientHangUp(): Promise<unknown> {
  let caught: (error: unknown) => void = () => {};
  const seen = new Promise<unknown>((resolve) => (caught = resolve));
  const server = http.createServer((req) => {
    // Read the body the way Astro's Node adapter does: the request itself as the body of a Request.
    new Request('http://portal.test/', { method: 'POST', body: req as unknown as BodyInit, duplex: 'half' } as RequestInit)
      .formData()
      .then(() => caught(new Error('the body was read completely')), caught);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const request = http.request({
    port,
    host: '127.0.0.1',
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 1000 },
  });
  request.on('error', () => {});
  request.write('naam=Sam&');
  setTimeout(() => request.destroy(), 50);
  const error = await seen;
  server.close();
  return error;
}

/** What drizzle on node-postgres really throws when nothing listens where the database should be. */
async function databaseRefused(): Promise<unknown> {
  const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:9/none', max: 1, connectionTimeoutMillis: 2_000 });
  try {
    await drizzle(pool).execute(sql`select 1`);
    return new Error('connected');
  } catch (error) {
    return error;
  } finally {
    await pool.end();
  }
}

let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('a client that hangs up', () => {
  it('is not a database that is away, and is not logged as one', async () => {
    const error = await clientHangUp();
    expect(JSON.stringify(Object.assign({}, error, { message: (error as Error).message }))).toMatch(/ECONNRESET|aborted/);
    expect(isDatabaseUnavailable(error)).toBe(false);
    const rewrite = vi.fn(async (to: string) => new Response(to, { status: 503 }));
    const context = {
      request: new Request('http://portal.test/aanmelden', { method: 'POST' }),
      url: new URL('http://portal.test/aanmelden'),
      locals: { lang: 'nl' },
      rewrite,
    };
    const response = await (mapFailures as (c: unknown, next: () => Promise<Response>) => Promise<Response>)(context, () => Promise.reject(error));
    expect(rewrite).not.toHaveBeenCalledWith('/niet-beschikbaar');
    expect(response.status).not.toBe(503);
    expect(logged.join('\n')).not.toMatch(/database unavailable/);
  });

  it('while a database that refuses connections still is', async () => {
    expect(isDatabaseUnavailable(await databaseRefused())).toBe(true);
  });
});
