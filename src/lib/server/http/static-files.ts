import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

// The client build is a handful of small files: read once at start, with the .br/.gz siblings the
// build wrote (integrations/precompress.ts), so a request costs no file-system lookup and no
// compression. Runs under plain Node (src/boot.ts), so only erasable TypeScript here.

type Asset = { type: string; etag: string; cacheControl: string; raw: Buffer; br?: Buffer; gzip?: Buffer };

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// Files under /_astro/ carry a hash of their content in the name: they never change.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=86400';

export function loadAssets(clientDir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(clientDir)) return assets;
  for (const file of readdirSync(clientDir, { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.br') || file.endsWith('.gz')) continue;
    const full = path.join(clientDir, file);
    const type = types[path.extname(file)];
    if (!type) continue;
    const sibling = (ext: string) => (existsSync(`${full}.${ext}`) ? readFileSync(`${full}.${ext}`) : undefined);
    const raw = readFileSync(full);
    const urlPath = `/${file.split(path.sep).join('/')}`;
    const asset: Asset = {
      type,
      etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`,
      cacheControl: urlPath.startsWith('/_astro/') ? IMMUTABLE : SHORT,
      raw,
    };
    const br = sibling('br');
    const gzip = sibling('gz');
    if (br) asset.br = br;
    if (gzip) asset.gzip = gzip;
    assets.set(urlPath, asset);
  }
  return assets;
}

/** q=0 means "not this one"; anything else counts as accepted. */
function accepts(header: string, coding: string): boolean {
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== coding) continue;
    return !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  }
  return false;
}

/** Answers the request when it asks for a built asset; returns false to let the pages handle it. */
export function staticFileHandler(assets: Map<string, Asset>) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const asset = assets.get(q === -1 ? url : url.slice(0, q));
    if (!asset) return false;
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', asset.cacheControl);
    res.setHeader('ETag', asset.etag);
    if (asset.br || asset.gzip) res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === asset.etag) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    const acceptEncoding = req.headers['accept-encoding'] ?? '';
    let body = asset.raw;
    if (asset.br && accepts(acceptEncoding, 'br')) {
      body = asset.br;
      res.setHeader('Content-Encoding', 'br');
    } else if (asset.gzip && accepts(acceptEncoding, 'gzip')) {
      body = asset.gzip;
      res.setHeader('Content-Encoding', 'gzip');
    }
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
