// Checks the built service worker (build/sw.js): every file of the app shell (index.html, everything under
// _app/ except version.json, the icons, the manifest) is precached, every precached URL exists, and the
// navigation fallback is precached; the build's precompressed copies (.br, .gz: what the relay sends to
// browsers that accept them) are never precached themselves, and every precached text file has both.
// Run after `npm run build`: `node scripts/check-precache.js`.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2] ?? 'build';
const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
const precached = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]));
const fallback = /createHandlerBoundToURL\("([^"]+)"\)/.exec(sw)?.[1];

function walk(path) {
  return statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => walk(join(path, name))) : [path];
}

const wanted = [
  'index.html',
  'manifest.webmanifest',
  ...walk(join(dir, '_app')).map((f) => relative(dir, f)),
  ...walk(join(dir, 'icons')).map((f) => relative(dir, f))
].filter((f) => !/version\.json(\.br|\.gz)?$/.test(f) && !/\.(br|gz)$/.test(f));
const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|xml|txt|wasm)$/;
const missing = wanted.filter((f) => !precached.has(f));
const problems = [];
const absent = [...precached].filter((url) => !existsSync(join(dir, url)));
if (absent.length > 0) problems.push(`precached but not in ${dir}: ${absent.join(', ')}`);
const copies = [...precached].filter((url) => /\.(br|gz)$/.test(url));
if (copies.length > 0) problems.push(`precompressed copies precached: ${copies.join(', ')}`);
const uncompressed = [...precached].filter(
  (url) =>
    COMPRESSIBLE.test(url) && !(existsSync(join(dir, `${url}.br`)) && existsSync(join(dir, `${url}.gz`)))
);
if (uncompressed.length > 0) problems.push(`no .br/.gz copy: ${uncompressed.join(', ')}`);
if (missing.length > 0) problems.push(`not precached: ${missing.join(', ')}`);
if (!fallback) problems.push('no navigation fallback in sw.js');
else if (!precached.has(fallback.replace(/^\//, '')))
  problems.push(`navigation fallback ${fallback} is not precached`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`precache ok: ${precached.size} files, navigation fallback ${fallback}`);
