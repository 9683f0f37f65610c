// Bench cases around big documents: a cold join storm (many sockets join a room holding a 1 MiB board at
// once) and a cold load of a 10,000-item room from storage. "Cold" for our relay means the relay was
// restarted after writing, so the document comes from SQLite; the reference relay keeps no documents on
// disk by default, so its join storm is served from memory and the cold load has no counterpart.

import fs from 'node:fs';
import {
  createRoomPaths,
  makeDataDir,
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
  minStep2Bytes: number
): Promise<StormResult> {
  return runLoadgen<StormResult>({
    kind: 'storm',
    wsBase: relay.wsBase,
    path,
    sockets,
    relayPid: relay.pid,
    minStep2Bytes,
    timeoutMs: 60_000
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
    { metric: 'time until all synced', ...both((s) => s.allSyncedMs), unit: 'ms', digits: 0 },
    { metric: 'per-socket connect → synced p50', ...both((s) => s.perSocketMs.p50), unit: 'ms', digits: 0 },
    { metric: 'per-socket connect → synced p99', ...both((s) => s.perSocketMs.p99), unit: 'ms', digits: 0 },
    { metric: 'smallest step 2 received', ...both((s) => s.minStep2Bytes / 1024), unit: 'KiB', digits: 0 },
    { metric: 'relay RSS after the storm', ...both((s) => MiB(s.end.rssKiB)), unit: 'MiB' },
    {
      metric: 'relay CPU time for the storm',
      ...both((s) => s.end.cpuMs - s.before.cpuMs),
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

export const cold10k: Case = async (ctx) => {
  const started = Date.now();
  const items = ctx.quick ? 2000 : 10_000;
  const repeats = ctx.quick ? 2 : 3;
  const dataDir = makeDataDir();
  const times: number[] = [];
  let doc: PopulateResult | undefined;
  const failures: string[] = [];
  try {
    const [path] = await createRoomPaths(dataDir, 1);
    if (!path) throw new Error('no room');
    let relay = await startOurs(dataDir);
    try {
      // One update per 20 ideas, as a busy board would produce them in bursts.
      doc = await populate(relay, path, { items, textChars: 80, itemsPerUpdate: 20 });
    } finally {
      await relay.stop();
    }
    for (let i = 0; i < repeats; i++) {
      relay = await startOurs(dataDir);
      try {
        const s = await storm(relay, path, 1, Math.floor(doc.docBytes * 0.95));
        failures.push(...s.failures);
        times.push(s.perSocketMs.p50);
        ctx.log(`  cold load ${i + 1}/${repeats}: ${s.perSocketMs.p50.toFixed(0)} ms`);
      } finally {
        await relay.stop();
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const t = percentiles(times);
  return {
    id: 'cold-10k',
    title: `Cold load of a ${items.toLocaleString('en-US')}-item room from storage (ours only)`,
    seconds: (Date.now() - started) / 1000,
    rows: [
      { metric: 'document size', ours: doc.docBytes / 1024, reference: null, unit: 'KiB', digits: 0 },
      {
        metric: `connect → synced, median of ${repeats} restarts`,
        ours: t.p50,
        reference: null,
        unit: 'ms',
        digits: 0
      },
      { metric: 'connect → synced, slowest', ours: t.max, reference: null, unit: 'ms', digits: 0 }
    ],
    notes: [
      `Written as ${doc.updates} updates of 20 ideas; the relay is restarted before every measurement ` +
        '(SIGTERM compacts the log into one snapshot, so the load reads one snapshot row).',
      'The reference relay keeps documents only in memory by default (no YPERSISTENCE), so there is no cold load to compare.',
      ...(failures.length > 0 ? [`failures: ${failures.slice(0, 5).join('; ')}`] : [])
    ]
  } satisfies CaseReport;
};
