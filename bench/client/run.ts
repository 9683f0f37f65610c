// `npm run bench:client [-- --case <id>] [--quick] [--runs N] [--cpu 1,4] [--no-build] [--profile]`: the
// client bench. Builds the app (vite build) and the relay bundle, then runs each case group in its own
// world (relay + Debian's Chromium, phone-sized, CPU slowed through DevTools) and prints one Markdown
// table per case with median and p95; writes bench/results/client-last-run.md (+ .json). --quick is the CI
// form: one run per measurement at 4× only, short durations, no threshold enforced (it must run and print).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildRelay } from '../../scripts/build-relay.js';
import { ROOT } from '../processes';
import { CASES, type CaseContext } from './cases';
import { judge, renderCase, type CaseReport } from './report';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      case: { type: 'string', multiple: true },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      cpu: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false }
    }
  });
  const ids = CASES.map((c) => c.id);
  const selected = values.case ?? ids;
  const unknown = selected.filter((id) => !ids.includes(id));
  if (unknown.length > 0) {
    process.stderr.write(`unknown case ${unknown.join(', ')}; cases: ${ids.join(', ')}\n`);
    return 2;
  }
  const log = (message: string): void => void process.stderr.write(`${message}\n`);
  const ctx: CaseContext = {
    quick: values.quick,
    runs: values.runs ? Number(values.runs) : values.quick ? 1 : 5,
    // The quick (CI) form measures at 4× only, where the targets are; --cpu overrides.
    throttles: (values.cpu ?? (values.quick ? '4' : '1,4')).split(',').map(Number),
    profile: values.profile,
    log
  };
  const started = Date.now();
  const loadBefore = os.loadavg();
  if (!values['no-build']) {
    log('building the app (vite build) …');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit']
    });
  }
  await buildRelay();

  const reports: CaseReport[] = [];
  const errors: string[] = [];
  for (const c of CASES.filter((c) => selected.includes(c.id))) {
    log(`▶ ${c.id}`);
    const t0 = Date.now();
    try {
      const { rows, notes } = await c.run(ctx);
      const report = { id: c.id, title: c.title, rows, notes, seconds: (Date.now() - t0) / 1000 };
      reports.push(report);
      log(renderCase(report));
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      errors.push(`${c.id}: ${text}`);
      log(`✗ ${c.id} failed: ${text}`);
    }
  }

  const git = (args: string[]): string => execFileSync('git', args, { cwd: ROOT }).toString().trim();
  const dirty = git(['status', '--porcelain', '--', 'src', 'sync-server']) !== '';
  const loadAfter = os.loadavg();
  const missed = reports.flatMap((r) =>
    r.rows.filter((row) => judge(row) === false).map((row) => `${r.id}: ${row.metric}`)
  );
  const header = [
    `## Client bench, run of ${new Date().toISOString()}`,
    '',
    `- command: \`npm run bench:client${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` ` +
      `(${((Date.now() - started) / 1000).toFixed(0)} s), app and relay at ${git(['rev-parse', '--short', 'HEAD'])}` +
      `${dirty ? ' + uncommitted changes' : ''}`,
    `- machine: ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, ` +
      `${chromiumVersion()}`,
    `- load average (1 min) before ${loadBefore[0]?.toFixed(2)}, after ${loadAfter[0]?.toFixed(2)} ` +
      '(the machine is shared: other work shows up here and in the numbers)',
    `- runs per measurement: ${ctx.runs}; CPU slowdowns: ${ctx.throttles.map((t) => `${t}×`).join(', ')}` +
      `${ctx.quick ? ' (quick: targets are printed, not enforced)' : ''}`
  ];
  const text = [header.join('\n'), ...reports.map(renderCase), ...errors.map((e) => `**failed:** ${e}`)].join(
    '\n\n'
  );
  process.stdout.write(`${text}\n`);
  if (missed.length > 0) log(`targets missed: ${missed.join('; ')}`);
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'client-last-run.md'), `${text}\n`);
  fs.writeFileSync(path.join(dir, 'client-last-run.json'), JSON.stringify({ reports, errors }, null, 2));
  // A case that failed to run fails the command; a missed target does not (the numbers say it).
  return errors.length > 0 ? 1 : 0;
}

function chromiumVersion(): string {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'Chromium ?';
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
);
