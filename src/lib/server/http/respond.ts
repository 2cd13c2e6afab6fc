import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { constants } from 'node:zlib';
import compression from 'compression';
import { loadAssets, staticFileHandler } from './static-files.ts';
import { createPageCache } from './page-cache.ts';

type Next = (error?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

// Brotli with a small window and low quality: at its default 4 MB window, brotli per response
// lowered throughput under 50 connections to 0.58×; pages are a few KB, so 64 KB loses nothing.
// Measured against gzip by `npm run bench` (see README).
export const BROTLI_SETTINGS = {
  [constants.BROTLI_PARAM_QUALITY]: 4,
  [constants.BROTLI_PARAM_LGWIN]: 16,
};

/** GET and HEAD carry no body in any browser; one that does is refused before a byte of it is read. */
export function hasBodyItShouldNot(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) !== 0;
}

/**
 * Everything after the security headers: built assets from memory (precompressed), public pages
 * kept for anonymous visitors, then pages and actions through Astro, compressed on the fly.
 */
export function createResponder(pages: RequestListener, clientDir: string, publicAddresses: Set<string>): RequestListener {
  const serveStatic = staticFileHandler(loadAssets(clientDir));
  const pageCache = createPageCache(publicAddresses);
  const compress = compression({ threshold: 1024, brotli: { params: BROTLI_SETTINGS } }) as unknown as Middleware;
  return (req, res) => {
    if (hasBodyItShouldNot(req)) {
      // Closing the connection stops Node from reading (and throwing away) the whole body after the
      // answer, which kept a 20 MB GET busy for seconds.
      res.writeHead(400, { connection: 'close', 'content-length': 0 });
      res.end();
      return;
    }
    if (serveStatic(req, res)) return;
    if (pageCache.handle(req, res)) return;
    compress(req, res, () => pages(req, res));
  };
}
