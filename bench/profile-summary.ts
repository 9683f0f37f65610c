// `npx tsx bench/profile-summary.ts <file.cpuprofile> [top] [function]`: prints where a V8 CPU profile
// (written by `BENCH_PROFILE=1 npm run bench`) spent its time: self time per function and per package, and
// with a function name the call stacks leading to it, so a finding about the relay cites evidence.

import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes('/sync-server/')) return `sync-server/${url.split('/sync-server/')[1] ?? ''}`;
  if (url.startsWith('node:')) return url;
  return url === '' ? '(native/vm)' : url.replace(/^file:\/\//, '');
}

/** The longest stretches without an idle sample: what blocked the event loop, and when. */
function printBusyStretches(
  profile: Profile,
  byId: Map<number, ProfileNode>,
  label: (n: ProfileNode) => string
): void {
  const stretches: Array<{ startMs: number; ms: number; self: Map<string, number> }> = [];
  let at = 0;
  let current: { startMs: number; ms: number; self: Map<string, number> } | null = null;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    at += dt;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') {
      if (current) stretches.push(current);
      current = null;
      return;
    }
    current ??= { startMs: at, ms: 0, self: new Map() };
    current.ms += dt;
    const name = label(node);
    current.self.set(name, (current.self.get(name) ?? 0) + dt);
  });
  process.stdout.write('\nlongest busy stretches (no idle sample in between)\n');
  for (const s of stretches.sort((a, b) => b.ms - a.ms).slice(0, 8)) {
    const top = [...s.self].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const what = top.map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join('; ');
    process.stdout.write(
      `${s.ms.toFixed(0).padStart(6)} ms at +${(s.startMs / 1000).toFixed(1)} s: ${what}\n`
    );
  }
}

function main(): void {
  const [file, topArg, focus] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]');
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode): string =>
    `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = where(url);
    const fn = `${functionName || '(anonymous)'} ${pkg}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const print = (title: string, map: Map<string, number>): void => {
    process.stdout.write(`\n${title}\n`);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(
        `${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}\n`
      );
    }
  };
  process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n`);
  print('self time by package', byPackage);
  print('self time by function', byFunction);
  printBusyStretches(profile, byId, label);
  if (!focus) return;
  const stacks = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName !== focus) continue;
    const chain: string[] = [];
    for (let p = parent.get(id); p !== undefined && chain.length < 12; p = parent.get(p)) {
      const pn = byId.get(p);
      if (pn) chain.push(label(pn));
    }
    const key = chain.join(' ← ');
    stacks.set(key, (stacks.get(key) ?? 0) + us);
  }
  print(`callers of ${focus}`, stacks);
}

main();
