// `npm run bench [-- --case <id>] [--quick] [--seed N]`: runs the relay benchmarks (ours against
// @y/websocket-server under the same generated load, each relay and the load generator in their own
// pinned processes), prints one Markdown report and writes it to bench/results/last-run.md (+ .json).
// It first runs bench/selfcheck.ts and measures nothing if the harness itself is wrong.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cold10k, joinStorm } from './cases-docs';
import { redis2x } from './cases-scaleout';
import { memory, room300, rooms1000PerRoom, rooms1000PerSocket } from './cases-traffic';
import { killChildren, machine, ROOT } from './processes';
import { renderCase, type Case, type CaseReport } from './report';
import { selfcheck } from './selfcheck';
import { buildRelay } from '../scripts/build-relay.js';

const CASES: Record<string, Case> = {
  'room-300': room300,
  'rooms-1000x5': rooms1000PerSocket,
  'rooms-1000x5-room-rate': rooms1000PerRoom,
  'join-storm': joinStorm,
  memory,
  'cold-10k': cold10k,
  'redis-2x': redis2x
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      case: { type: 'string', multiple: true },
      quick: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' }
    }
  });
  const selected = values.case ?? Object.keys(CASES);
  const unknown = selected.filter((id) => !(id in CASES));
  if (unknown.length > 0) {
    process.stderr.write(`unknown case ${unknown.join(', ')}; cases: ${Object.keys(CASES).join(', ')}\n`);
    return 2;
  }
  const seed = Number(values.seed);
  const git = (args: string[]): string => execFileSync('git', args, { cwd: ROOT }).toString().trim();
  const dirty = git(['status', '--porcelain', '--', 'sync-server']) !== '';
  const revision = `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' + uncommitted changes in sync-server/' : ''}`;
  const m = machine();
  const loadBefore = os.loadavg();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const started = Date.now();
  const log = (message: string): void => void process.stderr.write(`${message}\n`);
  log(`bench: ${selected.join(', ')}${values.quick ? ' (quick)' : ''}; ${m.pinning}`);

  try {
    await buildRelay(); // ours runs from the bundle, as npm start runs it
    await selfcheck();
    log('self-check passed (wire parsing, percentiles, latency and counts against a fake relay)');
  } catch (error) {
    log(`bench self-check FAILED, not measuring: ${error instanceof Error ? error.stack : String(error)}`);
    return 1;
  }

  const reports: CaseReport[] = [];
  const errors: string[] = [];
  for (const id of selected) {
    log(`▶ ${id}`);
    try {
      reports.push(await (CASES[id] as Case)({ quick: values.quick, seed, log }));
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      errors.push(`${id}: ${text}`);
      log(`✗ ${id} failed: ${text}`);
    }
  }

  const loadAfter = os.loadavg();
  const header = [
    `## Run of ${new Date().toISOString()}`,
    '',
    `- command: \`${command}\` (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    `- machine: ${m.nproc} cores, ${m.cpu}, Node ${m.node}, open files ${m.fdLimit} (children raise soft to hard)`,
    `- pinning: ${m.pinning}`,
    `- load average (1 min) before ${loadBefore[0]?.toFixed(2)}, after ${loadAfter[0]?.toFixed(2)} ` +
      '(other work on the machine shows up here; treat numbers as noisy when it is high)',
    `- relays: ours = sync-server at ${revision} (defaults, LOG_LEVEL=warn), ` +
      'reference = @y/websocket-server@0.1.1 (no persistence); each case runs ours first, then the reference, ' +
      'then in the traffic cases the floor relay (bench/floor-relay.js) ' +
      '(redis-2x: ours only, one instance, then two, on PostgreSQL and Redis)',
    `- seed: ${seed}`
  ];
  const text = [header.join('\n'), ...reports.map(renderCase), ...errors.map((e) => `**failed:** ${e}`)].join(
    '\n\n'
  );
  process.stdout.write(`${text}\n`);
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'last-run.md'), `${text}\n`);
  fs.writeFileSync(
    path.join(dir, 'last-run.json'),
    JSON.stringify({ machine: m, command, reports }, null, 2)
  );
  return errors.length > 0 ? 1 : 0;
}

process.on('SIGINT', () => {
  killChildren();
  process.exit(130);
});
main().then(
  (code) => {
    killChildren();
    process.exit(code);
  },
  (error: unknown) => {
    killChildren();
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
);
