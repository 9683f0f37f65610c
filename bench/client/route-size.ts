// The JavaScript each route needs from the last `vite build` (SvelteKit's entry, the root layout, the
// route's layouts and page, and every chunk they import statically), raw, gzip and brotli, as the relay
// serves them precompressed. Was scripts/route-size.js; run alone: `npx tsx bench/client/route-size.ts [route]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ROOT } from '../processes';

const OUT = path.join(ROOT, '.svelte-kit/output/client');

export interface Sizes {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

/** gzip -9 and brotli (quality 11) sizes of one file's bytes. */
export function compressedSizes(bytes: Buffer): { gzip: number; brotli: number } {
  return {
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
  };
}

export function sizesOf(files: Iterable<Buffer>): Sizes {
  const total: Sizes = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const bytes of files) {
    const c = compressedSizes(bytes);
    total.files++;
    total.raw += bytes.length;
    total.gzip += c.gzip;
    total.brotli += c.brotli;
  }
  return total;
}

/** Route id → the JS files (relative to the client output) it loads before it can render. */
export function routeFiles(): Map<string, Set<string>> {
  const manifest = JSON.parse(readFileSync(path.join(OUT, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string; imports?: string[] }
  >;
  const app = readFileSync(path.join(ROOT, '.svelte-kit/generated/client-optimized/app.js'), 'utf8');
  const routes = new Map<string, Set<string>>();
  const collect = (key: string, seen: Set<string>): void => {
    const entry = manifest[key];
    if (!entry || seen.has(entry.file)) return;
    seen.add(entry.file);
    for (const dep of entry.imports ?? []) collect(dep, seen);
  };
  for (const [, route, page, layouts] of app.matchAll(/"([^"]+)": \[(\d+)(?:,\[([\d,]*)\])?/g)) {
    const nodes = [0, ...(layouts ? layouts.split(',').map(Number) : []), Number(page)];
    const files = new Set<string>();
    collect('node_modules/@sveltejs/kit/src/runtime/client/entry.js', files);
    collect('.svelte-kit/generated/client-optimized/app.js', files);
    for (const node of nodes) collect(`.svelte-kit/generated/client-optimized/nodes/${node}.js`, files);
    routes.set(route!, files);
  }
  return routes;
}

export function routeSizes(): Map<string, Sizes> {
  const out = new Map<string, Sizes>();
  for (const [route, files] of routeFiles()) {
    out.set(route, sizesOf([...files].map((f) => readFileSync(path.join(OUT, f)))));
  }
  return out;
}

/** `npx tsx bench/client/route-size.ts [route]`: the table alone, from the last build (kB = 1,000 bytes). */
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const wanted = process.argv[2];
  for (const [route, s] of routeSizes()) {
    if (wanted && route !== wanted) continue;
    const kB = (n: number) => (n / 1000).toFixed(1).padStart(7);
    console.log(
      `${route.padEnd(28)} ${kB(s.raw)} kB  gzip ${kB(s.gzip)} kB  brotli ${kB(s.brotli)} kB  (${s.files} files)`
    );
  }
}
