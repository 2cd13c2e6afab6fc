import { readdirSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createCache, PUBLIC_PAGES } from '../cache.ts';
import { peekDirectory } from '../region/directory.ts';
import { siteKey } from '../region/site.ts';

// The public information pages are the same for everyone who is not signed in: the region's text,
// its places, the crisis numbers. Under a rush they are rendered and compressed once a minute per
// region, language and encoding, not once per view. Only requests that carry no query and no cookie
// (or only the visit's region choice, region/site.ts) are answered from here, so nothing personal
// (a session, a draft) can be in a kept page, and only a 200 without Set-Cookie is kept. The key
// starts with the region the host or the choice names, so one region's page never shows on another's host. Whatever changes what these pages show empties the cache
// (locations/queries.ts); the minute bounds the rest (region settings, other processes).

type Kept = { status: number; headers: OutgoingHttpHeaders; body: Buffer };
const TTL_MS = 60_000;
const MAX_KEYS = 500;

/** Every address of the public pages: Dutch unprefixed, each other language under /<lng>. */
export function publicAddresses(pages: readonly string[], localesDir: string, defaultLang = 'nl'): Set<string> {
  const languages = readdirSync(localesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const addresses = new Set<string>();
  for (const page of pages) {
    for (const lang of languages) {
      if (lang === defaultLang) addresses.add(page);
      else if (page === '/') addresses.add(`/${lang}`).add(`/${lang}/`);
      else addresses.add(`/${lang}${page}`);
    }
  }
  return addresses;
}

export function createPageCache(addresses: Set<string>) {
  const pages = createCache<Kept>(PUBLIC_PAGES, TTL_MS);
  // Keyed by the Accept-Encoding header as sent, so a kept page is always in an encoding the client
  // asked for in those very words. Browsers send a handful of forms; odd ones are not kept.
  const seen = new Set<string>();
  const keyFor = (req: IncomingMessage): string | null => {
    if (req.method !== 'GET' || !req.url || !addresses.has(req.url)) return null;
    const region = siteKey(peekDirectory(), req.headers.host, req.headers.cookie);
    if (!region) return null;
    const key = `${region} ${req.url} ${req.headers['accept-encoding'] ?? ''}`;
    if (!seen.has(key)) {
      if (seen.size >= MAX_KEYS) return null;
      seen.add(key);
    }
    return key;
  };

  return {
    /** Answers from a kept page; otherwise, when the page may be kept, keeps what is sent. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      const key = keyFor(req);
      if (!key) return false;
      const kept = pages.peek(key);
      if (kept) {
        res.writeHead(kept.status, { ...kept.headers, 'content-length': kept.body.length });
        res.end(kept.body);
        return true;
      }
      keep(res, (page) => pages.put(key, page));
      return false;
    },
  };
}

/** Listens below compression: collects the bytes as they go on the wire, and the headers sent. */
function keep(res: ServerResponse, done: (page: Kept) => void): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const add = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    add(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') add(chunk, rest[0]);
    if (res.statusCode === 200 && !res.hasHeader('set-cookie')) {
      const headers = res.getHeaders();
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      done({ status: 200, headers, body: Buffer.concat(chunks) });
    }
    return end(chunk, ...rest);
  }) as typeof res.end;
}
