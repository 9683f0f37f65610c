// Bench cases with steady traffic: one big room (300 sockets, updates plus awareness), many small rooms
// (1,000 × 5 sockets, 1 update/s per socket) and idle memory per socket (2,000 sockets in 400 rooms).
// Each case registers its rooms once in a fresh DATA_DIR, then runs the same load against our relay and
// then against the reference relay, each in a fresh process.

import fs from 'node:fs';
import {
  createRoomPaths,
  makeDataDir,
  runLoadgen,
  scrapeStorageWrites,
  startRelayNamed,
  type RelayName,
  type RelayProcess,
  type StorageWrites
} from './processes';
import { MiB, type Case, type CaseContext, type CaseReport, type Row } from './report';
import type { TrafficResult, TrafficTask } from './tasks';

type Both<T> = Record<RelayName, T>;
type Results = Both<TrafficResult> & { storage: StorageWrites | null };

async function onBoth(
  ctx: CaseContext,
  rooms: number,
  task: (relay: RelayProcess, paths: string[]) => Omit<TrafficTask, 'kind' | 'wsBase' | 'relayPid'>
): Promise<Results> {
  const dataDir = makeDataDir();
  try {
    ctx.log(`  registering ${rooms} rooms`);
    const paths = await createRoomPaths(dataDir, rooms);
    const results: Partial<Results> = {};
    for (const name of ['ours', 'reference'] as const) {
      const relay = await startRelayNamed(name, dataDir);
      try {
        ctx.log(`  ${name}: relay pid ${relay.pid} on port ${relay.port}`);
        const spec = task(relay, paths);
        results[name] = await runLoadgen<TrafficResult>({
          kind: 'traffic',
          wsBase: relay.wsBase,
          relayPid: relay.pid,
          ...spec
        });
        const r = results[name];
        if (name === 'ours') results.storage = await scrapeStorageWrites(relay);
        ctx.log(`  ${name}: ${r.synced}/${r.sockets} synced, latency p99 ${ms(r.latencyMs.p99)}`);
      } finally {
        await relay.stop();
      }
    }
    return results as Results;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** NaN travels over IPC (JSON) as null, so results may hold null where the type says number. */
const ms = (value: number | null): string =>
  Number.isFinite(value) ? `${(value as number).toFixed(1)} ms` : '–';
const perClientPerSecond = (count: number, r: TrafficResult): number =>
  count / Math.max(1, r.synced) / (r.windowMs / 1000);
const pick = (both: Both<TrafficResult>, f: (r: TrafficResult) => number) => ({
  ours: f(both.ours),
  reference: f(both.reference)
});

/** Rows every traffic case shares: latency, delivery, connect time, CPU, generator health. */
function commonRows(both: Both<TrafficResult>, p99Target?: number): Row[] {
  const p99 = both.ours.latencyMs.p99;
  return [
    { metric: 'sockets synced', ...pick(both, (r) => r.synced), unit: '', digits: 0 },
    { metric: 'connect + sync all sockets', ...pick(both, (r) => r.connectMs), unit: 'ms', digits: 0 },
    { metric: 'updates sent in window', ...pick(both, (r) => r.sentUpdates), unit: '', digits: 0 },
    { metric: 'end-to-end latency p50', ...pick(both, (r) => r.latencyMs.p50), unit: 'ms', digits: 2 },
    {
      metric: 'end-to-end latency p99',
      ...pick(both, (r) => r.latencyMs.p99),
      unit: 'ms',
      digits: 2,
      ...(p99Target === undefined ? {} : { target: `≤ ${p99Target} ms`, met: p99 <= p99Target })
    },
    { metric: 'end-to-end latency max', ...pick(both, (r) => r.latencyMs.max), unit: 'ms', digits: 1 },
    {
      metric: 'deliveries arrived / expected',
      ...pick(both, (r) =>
        r.expectedDeliveries === 0 ? NaN : (100 * r.latencyMs.count) / r.expectedDeliveries
      ),
      unit: '%',
      digits: 2
    },
    {
      metric: 'relay CPU during window',
      ...pick(both, (r) => r.relayCpuPct),
      unit: '% of a core',
      digits: 0
    },
    {
      metric: 'relay waited for a CPU (machine noise)',
      ...pick(both, (r) => r.relayRunDelayPct),
      unit: '% of window',
      digits: 0
    },
    {
      metric: '… of the time it had work (wait / (wait + CPU))',
      ...pick(both, runnableWaitPct),
      unit: '%',
      digits: 0
    },
    {
      metric: 'relay CPU time per update sent',
      ...pick(both, (r) => (r.relayCpuPct * r.windowMs) / 100 / Math.max(1, r.sentUpdates)),
      unit: 'ms',
      digits: 3
    },
    { metric: 'relay RSS at end of window', ...pick(both, (r) => MiB(r.end.rssKiB)), unit: 'MiB' },
    { metric: 'generator CPU (diagnostic)', ...pick(both, (r) => r.loadgenCpuPct), unit: '%', digits: 0 },
    {
      metric: 'generator waited for a CPU (machine noise)',
      ...pick(both, (r) => r.loadgenRunDelayPct),
      unit: '% of window',
      digits: 0
    },
    {
      metric: 'generator event-loop delay p99 (diagnostic)',
      ...pick(both, (r) => r.loadgenLoopDelayP99Ms),
      unit: 'ms'
    }
  ];
}

/** Of the time the relay's main thread was runnable, the share it spent waiting for a CPU. */
const runnableWaitPct = (r: TrafficResult): number =>
  (100 * r.relayRunDelayPct) / Math.max(1e-9, r.relayRunDelayPct + r.relayCpuPct);

/** Where the generator (or the machine) rather than the relay may have set the numbers, say so. */
function healthNotes(both: Both<TrafficResult>, updatesPerSecond: number): string[] {
  const notes: string[] = [];
  for (const name of ['ours', 'reference'] as const) {
    const r = both[name];
    const planned = (updatesPerSecond * r.windowMs) / 1000;
    if (r.failures.length > 0) notes.push(`${name}: socket failures: ${r.failures.slice(0, 5).join('; ')}`);
    if (planned > 0 && r.sentUpdates < 0.95 * planned) {
      notes.push(
        `${name}: the generator sent only ${((100 * r.sentUpdates) / planned).toFixed(0)} % of the planned ` +
          'updates (it fell behind); latencies include its delay'
      );
    }
    if (r.relayRunDelayPct > 10 || runnableWaitPct(r) > 25) {
      notes.push(
        `${name}: the relay waited for a CPU ${r.relayRunDelayPct.toFixed(0)} % of the window, ` +
          `${runnableWaitPct(r).toFixed(0)} % of the time it had work (other processes on its core): ` +
          'its latencies are partly the machine’s'
      );
    }
    if (r.loadgenCpuPct > 85 || r.loadgenLoopDelayP99Ms > 100) {
      notes.push(
        `${name}: generator at ${r.loadgenCpuPct.toFixed(0)} % CPU, event-loop delay p99 ` +
          `${r.loadgenLoopDelayP99Ms.toFixed(0)} ms: latencies include the generator's (or the machine's) stalls`
      );
    }
  }
  return notes;
}

/** Our relay writes with better-sqlite3, which is synchronous: every grouped write blocks its event loop. */
function storageRows(storage: StorageWrites | null): Row[] {
  if (!storage) return [];
  return [
    {
      metric: 'SQLite write transactions (whole run)',
      ours: storage.transactions,
      reference: null,
      unit: '',
      digits: 0
    },
    {
      metric: 'mean write transaction (blocks the event loop)',
      ours: storage.totalMs / Math.max(1, storage.transactions),
      reference: null,
      unit: 'ms',
      digits: 2
    },
    { metric: 'write transactions over 10 ms', ours: storage.over10ms, reference: null, unit: '', digits: 0 }
  ];
}

export const room300: Case = async (ctx) => {
  const started = Date.now();
  const sockets = ctx.quick ? 100 : 300;
  const awarenessIntervalMs = 4000;
  const both = await onBoth(ctx, 1, (_relay, paths) => ({
    roomPaths: paths,
    socketsPerRoom: sockets,
    connectConcurrency: 50,
    updatesPerSecond: 5,
    awarenessIntervalMs,
    initialAwareness: true,
    settleMs: 0,
    warmupMs: ctx.quick ? 2000 : 3000,
    durationMs: ctx.quick ? 8000 : 15_000,
    drainMs: 1000,
    seed: ctx.seed
  }));
  const aware = pick(both, (r) => perClientPerSecond(r.received.awareness, r));
  return {
    id: 'room-300',
    title: `One room, ${sockets} sockets, 5 updates/s in total, awareness every ${awarenessIntervalMs / 1000} s per socket`,
    seconds: (Date.now() - started) / 1000,
    rows: [
      ...commonRows(both),
      ...storageRows(both.storage),
      {
        metric: 'update messages received per client per s',
        ...pick(both, (r) => perClientPerSecond(r.received.updates, r)),
        unit: '',
        digits: 2
      },
      {
        metric: 'own updates echoed back per client per s',
        ...pick(both, (r) => perClientPerSecond(r.received.updateEchoes, r)),
        unit: '',
        digits: 3
      },
      {
        metric: 'awareness messages received per client per s',
        ...aware,
        unit: '',
        digits: 1,
        target: '≥ 3× fewer than reference',
        met: aware.ours * 3 <= aware.reference
      },
      {
        metric: 'awareness client entries received per client per s',
        ...pick(both, (r) => perClientPerSecond(r.received.awarenessEntries, r)),
        unit: '',
        digits: 1
      },
      {
        metric: 'keepalive messages received per client per s',
        ...pick(both, (r) => perClientPerSecond(r.received.keepalive, r)),
        unit: '',
        digits: 3
      },
      {
        metric: 'bytes received per client per s',
        ...pick(both, (r) => perClientPerSecond(r.received.bytes, r)),
        unit: 'B',
        digits: 0
      }
    ],
    notes: healthNotes(both, 5)
  } satisfies CaseReport;
};

/**
 * 1,000 rooms × 5 sockets at "1 update/s each". Both readings are run: per socket (5,000 updates/s, the
 * literal one) and per room (1,000 updates/s); the targets are judged on each.
 */
function roomsCase(rate: 'socket' | 'room'): Case {
  return async (ctx) => {
    const started = Date.now();
    const rooms = ctx.quick ? 200 : 1000;
    const updatesPerSecond = rate === 'socket' ? rooms * 5 : rooms;
    const both = await onBoth(ctx, rooms, (_relay, paths) => ({
      roomPaths: paths,
      socketsPerRoom: 5,
      connectConcurrency: 100,
      updatesPerSecond,
      awarenessIntervalMs: 0,
      initialAwareness: true,
      settleMs: 0,
      warmupMs: ctx.quick ? 2000 : 3000,
      durationMs: ctx.quick ? 8000 : 12_000,
      drainMs: 1000,
      seed: ctx.seed
    }));
    const rss = MiB(both.ours.end.rssKiB);
    return {
      id: rate === 'socket' ? 'rooms-1000x5' : 'rooms-1000x5-room-rate',
      title: `${rooms} rooms × 5 sockets, 1 update/s per ${rate} (${updatesPerSecond} updates/s in total)`,
      seconds: (Date.now() - started) / 1000,
      rows: [
        ...commonRows(both, 30).map((row) =>
          row.metric === 'relay RSS at end of window' ? { ...row, target: '≤ 250 MiB', met: rss <= 250 } : row
        ),
        { metric: 'relay peak RSS (VmHWM)', ...pick(both, (r) => MiB(r.end.hwmKiB)), unit: 'MiB' },
        ...storageRows(both.storage)
      ],
      notes: healthNotes(both, updatesPerSecond)
    } satisfies CaseReport;
  };
}

export const rooms1000PerSocket = roomsCase('socket');
export const rooms1000PerRoom = roomsCase('room');

export const memory: Case = async (ctx) => {
  const started = Date.now();
  const rooms = ctx.quick ? 100 : 400;
  const both = await onBoth(ctx, rooms, (_relay, paths) => ({
    roomPaths: paths,
    socketsPerRoom: 5,
    connectConcurrency: 100,
    updatesPerSecond: 0,
    awarenessIntervalMs: 0,
    initialAwareness: true,
    settleMs: 3000,
    warmupMs: 0,
    durationMs: 0,
    drainMs: 0,
    seed: ctx.seed
  }));
  const perSocket = (r: TrafficResult): number =>
    (r.settled.rssKiB - r.before.rssKiB) / Math.max(1, r.synced);
  return {
    id: 'memory',
    title: `Memory per idle socket: ${rooms * 5} sockets in ${rooms} rooms (one awareness state each)`,
    seconds: (Date.now() - started) / 1000,
    rows: [
      { metric: 'sockets synced', ...pick(both, (r) => r.synced), unit: '', digits: 0 },
      { metric: 'relay RSS before connecting', ...pick(both, (r) => MiB(r.before.rssKiB)), unit: 'MiB' },
      { metric: 'relay RSS 3 s after all synced', ...pick(both, (r) => MiB(r.settled.rssKiB)), unit: 'MiB' },
      { metric: 'RSS delta per socket', ...pick(both, perSocket), unit: 'KiB' },
      { metric: 'connect + sync all sockets', ...pick(both, (r) => r.connectMs), unit: 'ms', digits: 0 }
    ],
    notes: [
      'Includes one loaded document (Y.Doc + awareness) per room; a room holds 5 sockets.',
      ...healthNotes(both, 0)
    ]
  } satisfies CaseReport;
};
