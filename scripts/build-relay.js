// Bundles the relay into sync-server/dist/ with esbuild: `node sync-server/dist/main.js` then runs plain
// JavaScript, without a TypeScript loader in the process (tsx's loader thread costs the relay ~40 MiB of
// memory). npm packages stay external (resolved from node_modules); PostgreSQL and Redis clients stay in
// their own chunks, loaded only when DATABASE_URL / REDIS_URL are set. The SQLite writer thread's file is
// copied beside the bundle. Usage: node scripts/build-relay.js (about 0.5 s).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const RELAY_BUNDLE = path.join(root, 'sync-server/dist/main.js');
/**
 * Node flags the relay runs with (package.json's start and relay scripts spell out the same; a test checks
 * it). A young generation capped at 4 MiB per semi-space keeps a relay with thousands of idle sockets near
 * 10 KiB of RSS per socket instead of ~25 KiB (V8 grows it to 16 MiB during a burst of connections and
 * keeps it). An old generation that grows by 2× between major collections (V8 allows up to 4× when the
 * process looks busy) keeps RSS under load near twice the live heap: 5,000 busy sockets ~195 MiB, not ~250.
 */
export const RELAY_NODE_FLAGS = [
  '--enable-source-maps',
  '--max-semi-space-size=4',
  '--heap-growing-percent=100'
];

export async function buildRelay() {
  const outdir = path.dirname(RELAY_BUNDLE);
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'sync-server/src/main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning'
  });
  fs.copyFileSync(
    path.join(root, 'sync-server/src/storage/sqlite-writer.worker.js'),
    path.join(outdir, 'sqlite-writer.worker.js')
  );
  return RELAY_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildRelay();
