// Prints the JavaScript a route needs (entry, root layout, its layouts and page, and every chunk they
// import statically), raw and gzipped, from the last `vite build`. Usage: node scripts/route-size.js [route]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const out = '.svelte-kit/output/client';
const manifest = JSON.parse(readFileSync(`${out}/.vite/manifest.json`, 'utf8'));
const app = readFileSync('.svelte-kit/generated/client-optimized/app.js', 'utf8');
const routes = Object.fromEntries(
  [...app.matchAll(/"([^"]+)": \[(\d+)(?:,\[([\d,]*)\])?/g)].map(([, route, page, layouts]) => [
    route,
    [0, ...(layouts ? layouts.split(',').map(Number) : []), Number(page)]
  ])
);

function collect(key, seen) {
  const entry = manifest[key];
  if (!entry || seen.has(entry.file)) return;
  seen.add(entry.file);
  for (const dep of entry.imports ?? []) collect(dep, seen);
}

const wanted = process.argv[2] ? [process.argv[2]] : Object.keys(routes);
for (const route of wanted) {
  const files = new Set();
  collect('node_modules/@sveltejs/kit/src/runtime/client/entry.js', files);
  collect('.svelte-kit/generated/client-optimized/app.js', files);
  for (const node of routes[route] ?? [])
    collect(`.svelte-kit/generated/client-optimized/nodes/${node}.js`, files);
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const bytes = readFileSync(`${out}/${file}`);
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  console.log(
    `${route.padEnd(28)} ${(raw / 1024).toFixed(1).padStart(7)} KiB  ${(gz / 1024).toFixed(1).padStart(6)} KiB gzip  (${files.size} files)`
  );
}
