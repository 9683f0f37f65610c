// Bench cases with steady traffic: one big room (300 sockets, updates plus awareness), many small rooms
// (1,000 × 5 sockets, 1 update/s per socket) and idle memory per socket (2,000 sockets in 400 rooms).
// Each case registers its rooms once in a fresh DATA_DIR, then runs the same load against our relay, the
// reference relay and the floor relay (bench/floor-relay.js, raw forwarding only), each in a fresh process.

import fs from 'node:fs';
import {
  createRoomPaths,
  makeDataDir,
  runLoadgen,
  scrapeStorageWrites,
  startRelayNamed,
  type RelayProcess,
  type StorageWrites
} from './processes';
import { MiB, type Case, type CaseContext, type CaseReport } from './report';
import type { TrafficResult, TrafficTask } from './tasks';
import {
  commonRows,
  healthNotes,
  ms,
  perClientPerSecond,
  pick,
  storageRows,
  type Both
} from './traffic-rows';

type Results = Both<TrafficResult> & { storage: StorageWrites | null; floor: TrafficResult | undefined };

/** Runs the task against ours, the reference and (with `floor`) the floor relay, each in a fresh process. */
async function onBoth(
  ctx: CaseContext,
  rooms: number,
  task: (relay: RelayProcess, paths: string[]) => Omit<TrafficTask, 'kind' | 'wsBase' | 'relayPid'>,
  { floor = true } = {}
): Promise<Results> {
  const dataDir = makeDataDir();
  try {
    ctx.log(`  registering ${rooms} rooms`);
    const paths = await createRoomPaths(dataDir, rooms);
    const results: Partial<Results> = {};
    for (const name of floor ? (['ours', 'reference', 'floor'] as const) : (['ours', 'reference'] as const)) {
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

/** The same load against bench/floor-relay.js: what the generator and the machine cost by themselves. */
function floorNote(floor: TrafficResult | undefined): string {
  if (!floor) return 'Floor relay not run.';
  return (
    `Floor (bench/floor-relay.js: forwards raw bytes; no Yjs, storage or checks; same load and pinning): ` +
    `latency p50 ${ms(floor.latencyMs.p50)}, p99 ${ms(floor.latencyMs.p99)}, relay CPU ` +
    `${floor.relayCpuPct.toFixed(0)} % of a core, generator event-loop delay p99 ` +
    `${ms(floor.loadgenLoopDelayP99Ms)}. A latency target below the floor is out of reach for any relay here.`
  );
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
      ...commonRows(both).map((row) =>
        row.metric === 'end-to-end latency p99' && row.ours !== null && row.reference !== null
          ? {
              ...row,
              target: '≤ 25 ms and ≤ ½ reference',
              met: row.ours <= 25 && row.ours <= row.reference / 2
            }
          : row
      ),
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
    notes: [...healthNotes(both, 5), floorNote(both.floor)]
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
      notes: [...healthNotes(both, updatesPerSecond), floorNote(both.floor)]
    } satisfies CaseReport;
  };
}

export const rooms1000PerSocket = roomsCase('socket');
export const rooms1000PerRoom = roomsCase('room');

export const memory: Case = async (ctx) => {
  const started = Date.now();
  const rooms = ctx.quick ? 100 : 400;
  const both = await onBoth(
    ctx,
    rooms,
    (_relay, paths) => ({
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
    }),
    { floor: false }
  );
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
      {
        metric: 'RSS delta per socket',
        ...pick(both, perSocket),
        unit: 'KiB',
        target: '≤ 12 KiB',
        met: perSocket(both.ours) <= 12
      },
      { metric: 'connect + sync all sockets', ...pick(both, (r) => r.connectMs), unit: 'ms', digits: 0 }
    ],
    notes: [
      'Includes one loaded document (Y.Doc + awareness) per room; a room holds 5 sockets.',
      ...healthNotes(both, 0)
    ]
  } satisfies CaseReport;
};
