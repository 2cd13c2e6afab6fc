import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync, brotliCompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponder } from '../../src/lib/server/http/respond.ts';
import { publicAddresses } from '../../src/lib/server/http/page-cache.ts';
import { invalidateLocations } from '../../src/lib/server/locations/queries.ts';
import { createCache } from '../../src/lib/server/cache.ts';
import { buildDirectory, type Directory } from '../../src/lib/server/region/directory.ts';
import type { Region } from '../../src/lib/server/region/queries.ts';

// The real responder in front of a stand-in for Astro that counts how often it renders.
const html = `<!doctype html><title>x</title>${'<p>Herstelgesprek</p>'.repeat(200)}`;
let renders = 0;
const rendered: string[] = [];
let setCookie = false;
let server: http.Server;
let base = '';

// Two regions as the directory would hold them (region/directory.ts), without a database.
const region = (id: string, slug: string, hostNames: string[]) => ({ id, slug, name: slug, active: true, hostNames, postcodeAreas: [] }) as unknown as Region;
const regions = [region('r-oost', 'oostveld', ['oostveld.example']), region('r-west', 'westmark', ['westmark.example'])];
const putDirectory = () => createCache<Directory>('regions', 60_000).put('all', buildDirectory(regions));

beforeAll(async () => {
  putDirectory();
  const client = mkdtempSync(path.join(tmpdir(), 'hog-client-'));
  mkdirSync(path.join(client, '_astro'));
  const css = Buffer.from('.a{color:red}'.repeat(200));
  writeFileSync(path.join(client, '_astro/Page.abc123.css'), css);
  writeFileSync(path.join(client, '_astro/Page.abc123.css.gz'), gzipSync(css));
  writeFileSync(path.join(client, '_astro/Page.abc123.css.br'), brotliCompressSync(css));
  writeFileSync(path.join(client, 'favicon.svg'), '<svg/>');
  const pages: http.RequestListener = (req, res) => {
    renders++;
    rendered.push(`${req.headers.host} ${req.headers.cookie ?? ''}`);
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/html' };
    if (setCookie) headers['set-cookie'] = 'draft=1; Path=/';
    res.writeHead(200, headers);
    res.end(html);
  };
  const respond = createResponder(pages, client, publicAddresses(['/', '/privacy'], path.resolve('locales')));
  server = http.createServer(respond);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** node:http does not decompress, so the bytes on the wire are what we see. */
function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${base}${pathname}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('public addresses', () => {
  it('are every public page in Dutch and under each other language', () => {
    expect([...publicAddresses(['/', '/privacy'], path.resolve('locales'))].sort()).toEqual(['/', '/en', '/en/', '/en/privacy', '/privacy']);
  });
});

describe('public pages for anonymous visitors', () => {
  it('are rendered once and sent again byte for byte, compressed as asked', async () => {
    invalidateLocations();
    const before = renders;
    const first = await get('/en', { 'accept-encoding': 'gzip' });
    const second = await get('/en', { 'accept-encoding': 'gzip' });
    expect(renders - before).toBe(1);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(second.body).toString()).toBe(html);
    // Another encoding is another page to keep, never a page in an encoding not asked for.
    const plain = await get('/en', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(html);
  });

  it('are rendered anew for anyone with a cookie, with a query, or after the places change', async () => {
    invalidateLocations();
    await get('/privacy');
    const before = renders;
    await get('/privacy', { cookie: 'hog_session=abc' });
    await get('/privacy?x=1');
    await get('/hoe-gaat-het');
    expect(renders - before).toBe(3);
    await get('/privacy');
    expect(renders - before).toBe(3);
    invalidateLocations();
    await get('/privacy');
    expect(renders - before).toBe(4);
  });

  it("are kept per region: one region's page is never sent on another's host, a chosen region shares its host's page", async () => {
    invalidateLocations();
    putDirectory();
    const before = renders;
    await get('/', { host: 'oostveld.example' });
    await get('/', { host: 'westmark.example' });
    expect(renders - before).toBe(2);
    await get('/', { host: 'oostveld.example' });
    await get('/', { host: 'unknown.example' });
    // On the national host, the visit's region choice is keyed as that region.
    await get('/', { host: 'unknown.example', cookie: 'hog_regio=westmark' });
    expect(renders - before).toBe(3);
    expect(rendered.slice(-3)).toEqual(['oostveld.example ', 'westmark.example ', 'unknown.example ']);
    // Any other cookie, or a choice of a region that does not exist, is rendered anew.
    await get('/', { host: 'unknown.example', cookie: 'hog_regio=westmark; hog_session=abc' });
    await get('/', { host: 'unknown.example', cookie: 'hog_regio=nergens' });
    expect(renders - before).toBe(5);
  });

  it('are never kept when the answer sets a cookie', async () => {
    invalidateLocations();
    setCookie = true;
    const before = renders;
    await get('/');
    await get('/');
    setCookie = false;
    expect(renders - before).toBe(2);
  });
});

describe('built assets', () => {
  it('come from memory, precompressed, immutable, with a 304 for a known ETag', async () => {
    const before = renders;
    const br = await get('/_astro/Page.abc123.css', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const refused = await get('/_astro/Page.abc123.css', { 'accept-encoding': 'br;q=0, gzip' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    const plain = await get('/_astro/Page.abc123.css');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe('.a{color:red}'.repeat(200));
    expect((await get('/_astro/Page.abc123.css', { 'if-none-match': br.headers.etag! })).status).toBe(304);
    expect((await get('/favicon.svg')).headers['cache-control']).toBe('public, max-age=86400');
    expect(renders).toBe(before);
  });
});
