// Serves the built app from STATIC_DIR: files as they are, and index.html for any path without a file
// extension (the SPA fallback, e.g. /join/<roomId>). The brotli or gzip copy the build made is sent when
// the browser accepts it (static-variant.ts; nothing is compressed at request time). Hashed assets under
// /_app/immutable/ are cached for a year; index.html, sw.js and everything else must be revalidated so an
// update is seen at once.

import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendError } from './http-util';
import { chooseEncoding, COMPRESSIBLE, parseRange, VARIANTS, type Encoding } from './static-variant';

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

  const ext = path.extname(file).toLowerCase();
  const chosen = COMPRESSIBLE.has(ext) ? await chooseVariant(req, res, file, stat) : null;
  const served = chosen ?? { file, stat, encoding: 'identity' as Encoding };
  const size = served.stat.size;
  // Strong, per representation: a range of one variant must never be joined to bytes of another.
  const tag = `${served.stat.size.toString(16)}-${Math.floor(served.stat.mtimeMs).toString(16)}`;
  const etag = `"${served.encoding === 'identity' ? tag : `${tag}-${served.encoding}`}"`;
  res.setHeader('Content-Type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', pathname.startsWith('/_app/immutable/') ? IMMUTABLE : REVALIDATE);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', served.stat.mtime.toUTCString());
  res.setHeader('Accept-Ranges', 'bytes');
  if (served.encoding !== 'identity') res.setHeader('Content-Encoding', served.encoding);
  if (matchesAny(req.headers['if-none-match'], etag)) {
    res.statusCode = 304;
    return void res.end();
  }
  const ifRange = req.headers['if-range'];
  const range =
    ifRange === undefined || ifRange === etag
      ? parseRange(req.headers.range, size)
      : { kind: 'full' as const };
  if (range.kind === 'unsatisfiable') {
    res.statusCode = 416;
    res.setHeader('Content-Range', `bytes */${size}`);
    return void res.end();
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
  if (range.kind === 'partial') {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  }
  res.setHeader('Content-Length', Math.max(0, end - start + 1));
  if (req.method === 'HEAD' || size === 0) return void res.end();
  try {
    await pipeline(fs.createReadStream(served.file, { start, end }), res);
  } catch (error) {
    // The browser went away mid-file (a navigation cancelled it): nothing to answer, nothing to log.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw error;
  }
}

/** True when an If-None-Match list names `etag` (weak comparison) or is `*`. */
function matchesAny(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === bare;
  });
}

/**
 * The precompressed copy (`file.br`, `file.gz`) to send, or null for the file itself. Sets `Vary`, since
 * the answer depends on Accept-Encoding even when it is the plain file. A copy older than the file (a
 * build that did not compress) is never used.
 */
async function chooseVariant(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  stat: fs.Stats
): Promise<{ file: string; stat: fs.Stats; encoding: Encoding } | null> {
  res.setHeader('Vary', 'Accept-Encoding');
  const found = new Map<Encoding, { file: string; stat: fs.Stats }>();
  for (const { encoding, suffix } of VARIANTS) {
    const variant = await statFile(file + suffix);
    if (variant && variant.mtimeMs >= stat.mtimeMs)
      found.set(encoding, { file: file + suffix, stat: variant });
  }
  const encoding = chooseEncoding(req.headers['accept-encoding'], [...found.keys()]);
  const variant = found.get(encoding);
  return variant ? { ...variant, encoding } : null;
}
