// Serves the built app from STATIC_DIR: files as they are, and index.html for any path without a file
// extension (the SPA fallback, e.g. /join/<roomId>). Hashed assets under /_app/immutable/ are cached for a
// year; index.html, sw.js and everything else must be revalidated so an update is seen at once.

import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendError } from './http-util';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm'
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

async function statFile(file: string): Promise<fs.Stats | null> {
  try {
    const stat = await fs.promises.stat(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendError(res, 405, 'method_not_allowed', 'Nur GET / only GET');
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://relay.invalid').pathname);
  } catch {
    return sendError(res, 400, 'bad_path', 'Ungültiger Pfad / invalid path');
  }
  const root = path.resolve(staticDir);
  const target = path.resolve(root, '.' + path.posix.normalize(pathname));
  const inside = target === root || target.startsWith(root + path.sep);
  if (pathname.includes('\0') || !inside)
    return sendError(res, 404, 'not_found', 'Nicht gefunden / not found');

  let file = target;
  let stat = target === root ? null : await statFile(target);
  if (!stat && (target === root || path.extname(pathname) === '')) {
    file = path.join(root, 'index.html');
    stat = await statFile(file);
    if (!stat) {
      return sendError(
        res,
        404,
        'app_not_built',
        'Die App ist nicht gebaut (npm run build) / the app is not built'
      );
    }
  }
  if (!stat) return sendError(res, 404, 'not_found', 'Nicht gefunden / not found');

  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  res.setHeader(
    'Content-Type',
    CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
  );
  res.setHeader('Cache-Control', pathname.startsWith('/_app/immutable/') ? IMMUTABLE : REVALIDATE);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', stat.mtime.toUTCString());
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    return void res.end();
  }
  res.setHeader('Content-Length', stat.size);
  if (req.method === 'HEAD') return void res.end();
  await pipeline(fs.createReadStream(file), res);
}
