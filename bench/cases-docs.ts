// Bench cases around big documents: a cold join storm (many sockets join a room holding a 1 MiB board at
// once) and a cold load of a 10,000-item room from storage. "Cold" for our relay means the relay was
// restarted after writing, so the document comes from SQLite; the reference relay keeps no documents on
// disk by default, so its join storm is served from memory and the cold load has no counterpart.

import fs from 'node:fs';
import {
  createRoomPaths,
  makeDataDir,
  ourHealth,
  runLoadgen,
  startOurs,
  startReference,
  type RelayProcess
} from './processes';
import { MiB, type Case, type CaseReport, type Row } from './report';
import { percentiles } from './stats';
import type { PopulateResult, PopulateTask, StormResult } from './tasks';

function populate(relay: RelayProcess, path: string, spec: Partial<PopulateTask>): Promise<PopulateResult> {
  return runLoadgen<PopulateResult>({
    kind: 'populate',
    wsBase: relay.wsBase,
    path,
    targetBytes: 0,
    items: 0,
    textChars: 200,
    itemsPerUpdate: 100,
    seed: 7,
    ...spec
  });
}

function storm(
  relay: RelayProcess,
  path: string,
  sockets: number,
  minStep2Bytes: number,
  preload = false
): Promise<StormResult> {
  return runLoadgen<StormResult>({
    kind: 'storm',
    wsBase: relay.wsBase,
    path,
    sockets,
    relayPid: relay.pid,
    minStep2Bytes,
    timeoutMs: 60_000,
    preload
  });
}

export const joinStorm: Case = async (ctx) => {
  const started = Date.now();
  const sockets = ctx.quick ? 100 : 300;
  const targetBytes = ctx.quick ? 256 * 1024 : 1024 * 1024;
  const dataDir = makeDataDir();
  const results: { ours?: StormResult; reference?: StormResult } = {};
  const docs: { ours?: PopulateResult; reference?: PopulateResult } = {};
  try {
    const [path] = await createRoomPaths(dataDir, 1);
    if (!path) throw new Error('no room');
    // Ours: write the board, restart (SIGTERM flushes and compacts), then the storm loads it from SQLite.
    let relay = await startOurs(dataDir);
    try {
      docs.ours = await populate(relay, path, { targetBytes });
      ctx.log(`  ours: wrote ${docs.ours.items} items, ${docs.ours.docBytes} bytes; restarting`);
    } finally {
      await relay.stop();
    }
    relay = await startOurs(dataDir);
    try {
      results.ours = await storm(relay, path, sockets, Math.floor(docs.ours.docBytes * 0.95));
    } finally {
      await relay.stop();
    }
    // Reference: write the board; it stays in memory after the writer leaves (no persistence configured).
    relay = await startReference();
    try {
      docs.reference = await populate(relay, path, { targetBytes });
      results.reference = await storm(relay, path, sockets, Math.floor(docs.reference.docBytes * 0.95));
    } finally {
      await relay.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const o = results.ours;
  const r = results.reference;
  const both = (f: (s: StormResult) => number) => ({ ours: f(o), reference: f(r) });
  const notes = [
    `Document: ${docs.ours.items} ideas (nested Y.Maps, 200-character texts), ${(docs.ours.docBytes / 1024).toFixed(0)} KiB encoded.`,
    'Ours is cold: restarted after writing, the document is loaded from SQLite by the first joining socket. ' +
      'The reference has no persistence by default, so it serves the same document from memory (warm).'
  ];
  for (const [name, s] of Object.entries(results)) {
    if (s.failures.length > 0) notes.push(`${name}: failures: ${s.failures.slice(0, 5).join('; ')}`);
  }
  const rows: Row[] = [
    { metric: 'sockets synced', ...both((s) => s.synced), unit: '', digits: 0 },
    {
      metric: 'time until all synced',
      ...both((s) => s.allSyncedMs),
      unit: 'ms',
      digits: 0,
      target: '≤ 2,000 ms',
      met: o.allSyncedMs <= 2000
    },
    { metric: 'per-socket connect → synced p50', ...both((s) => s.perSocketMs.p50), unit: 'ms', digits: 0 },
    { metric: 'per-socket connect → synced p99', ...both((s) => s.perSocketMs.p99), unit: 'ms', digits: 0 },
    { metric: 'smallest step 2 received', ...both((s) => s.minStep2Bytes / 1024), unit: 'KiB', digits: 0 },
    { metric: 'relay RSS after the storm', ...both((s) => MiB(s.end.rssKiB)), unit: 'MiB' },
    {
      metric: 'relay CPU time for the storm',
      ...both((s) => s.end.cpuMs - s.before.cpuMs),
      unit: 'ms',
      digits: 0
    },
    {
      metric: 'relay waited for a CPU during the storm (machine noise)',
      ...both((s) => s.end.runDelayMs - s.before.runDelayMs),
      unit: 'ms',
      digits: 0
    }
  ];
  return {
    id: 'join-storm',
    title: `Join storm: ${sockets} sockets join a room with a ${(targetBytes / 1024 / 1024).toFixed(2)} MiB document`,
    seconds: (Date.now() - started) / 1000,
    rows,
    notes
  } satisfies CaseReport;
};

/** Polls our relay until it holds no document loaded (after ROOM_IDLE_MS plus the unload's compaction). */
async function waitUnloaded(relay: RelayProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await ourHealth(relay)).rooms > 0) {
    if (Date.now() > deadline) throw new Error('the document did not unload');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const cold10k: Case = async (ctx) => {
  const started = Date.now();
  const items = ctx.quick ? 2000 : 10_000;
  const repeats = 2;
  const dataDir = makeDataDir();
  const times = { coldProcess: [] as number[], warmProcess: [] as number[], inMemory: [] as number[] };
  const reference: number[] = [];
  const docs: { ours?: PopulateResult; reference?: PopulateResult } = {};
  const failures: string[] = [];
  // A short idle time lets the document unload between joins, so "cold document, warm process" is measured.
  const env = { ROOM_IDLE_MS: '500' };
  const spec = { items, textChars: 80, itemsPerUpdate: 50 }; // paced under the per-connection rate limits
  const join = async (relay: RelayProcess, path: string, into: number[], preload = false): Promise<void> => {
    const s = await storm(relay, path, 1, Math.floor((docs.ours?.docBytes ?? 0) * 0.95), preload);
    failures.push(...s.failures);
    into.push(s.perSocketMs.p50);
  };
  try {
    const [path] = await createRoomPaths(dataDir, 1);
    if (!path) throw new Error('no room');
    let relay = await startOurs(dataDir, env);
    try {
      docs.ours = await populate(relay, path, spec);
    } finally {
      await relay.stop();
    }
    for (let i = 0; i < repeats; i++) {
      relay = await startOurs(dataDir, env);
      try {
        await join(relay, path, times.coldProcess); // fresh process: JIT and document both cold
        await waitUnloaded(relay);
        await join(relay, path, times.warmProcess); // loaded from SQLite again, code already warm
        await join(relay, path, times.inMemory, true); // a first socket loads it, the measured one joins
        ctx.log(`  restart ${i + 1}/${repeats}: ${times.coldProcess.at(-1)?.toFixed(0)} ms cold`);
      } finally {
        await relay.stop();
      }
    }
    relay = await startReference();
    try {
      docs.reference = await populate(relay, path, spec);
      for (let i = 0; i < repeats; i++) await join(relay, path, reference, true);
    } finally {
      await relay.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const median = (values: number[]): number => percentiles(values).p50;
  const row = (metric: string, ours: number[], ref: number[] | null, targetMs?: number): Row => ({
    metric: `${metric} (median of ${repeats})`,
    ours: median(ours),
    reference: ref ? median(ref) : null,
    unit: 'ms',
    digits: 0,
    ...(targetMs === undefined ? {} : { target: `≤ ${targetMs} ms`, met: median(ours) <= targetMs })
  });
  return {
    id: 'cold-10k',
    title: `Cold load of a ${items.toLocaleString('en-US')}-item room from storage (ours only)`,
    seconds: (Date.now() - started) / 1000,
    rows: [
      {
        metric: 'document size',
        ours: docs.ours.docBytes / 1024,
        reference: docs.reference.docBytes / 1024,
        unit: 'KiB',
        digits: 0
      },
      row('connect → synced, relay just restarted', times.coldProcess, null, 150),
      row('connect → synced, document unloaded, relay warm', times.warmProcess, null, 150),
      row('connect → synced, document already loaded', times.inMemory, reference)
    ],
    notes: [
      `Written as ${docs.ours.updates} updates of 50 ideas. SIGTERM and unloading compact the log, so a load reads ` +
        'one snapshot row. This case runs our relay with ROOM_IDLE_MS=500 so the document unloads between joins.',
      'The reference relay keeps documents only in memory by default (no YPERSISTENCE): it has no cold load, ' +
        'only the join of a loaded document compares.',
      ...(failures.length > 0 ? [`failures: ${failures.slice(0, 5).join('; ')}`] : [])
    ]
  } satisfies CaseReport;
};
