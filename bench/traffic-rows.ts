// Rows and notes the traffic cases share (latency, deliveries, CPU, RSS, generator health), for two
// columns: "ours" and "reference" in the relay comparisons, two instances and one instance in redis-2x.

import type { StorageWrites } from './processes';
import { MiB, type Row } from './report';
import type { TrafficResult } from './tasks';

export type Both<T> = Record<'ours' | 'reference', T>;

/** NaN travels over IPC (JSON) as null, so results may hold null where the type says number. */
export const ms = (value: number | null): string =>
  Number.isFinite(value) ? `${(value as number).toFixed(1)} ms` : '–';
export const perClientPerSecond = (count: number, r: TrafficResult): number =>
  count / Math.max(1, r.synced) / (r.windowMs / 1000);
export const pick = (both: Both<TrafficResult>, f: (r: TrafficResult) => number) => ({
  ours: f(both.ours),
  reference: f(both.reference)
});

/** Rows every traffic case shares: latency, delivery, connect time, CPU, generator health. */
export function commonRows(both: Both<TrafficResult>, p99Target?: number): Row[] {
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

/** Of the time a relay's main thread was runnable, the share it spent waiting for a CPU. */
const waitShare = (waitPct: number, cpuPct: number): number =>
  (100 * waitPct) / Math.max(1e-9, waitPct + cpuPct);
export const runnableWaitPct = (r: TrafficResult): number => waitShare(r.relayRunDelayPct, r.relayCpuPct);

/** A note when a relay process waited long for a CPU (other processes on its core), else null. */
export function relayWaitNote(who: string, waitPct: number, cpuPct: number): string | null {
  if (waitPct <= 10 && waitShare(waitPct, cpuPct) <= 25) return null;
  return (
    `${who} waited for a CPU ${waitPct.toFixed(0)} % of the window, ` +
    `${waitShare(waitPct, cpuPct).toFixed(0)} % of the time it had work (other processes on its core): ` +
    'its latencies are partly the machine’s'
  );
}

/** Where the generator (or the machine) rather than the relay may have set the numbers, say so. */
export function healthNotes(
  both: Both<TrafficResult>,
  updatesPerSecond: number,
  labels: Both<string> = { ours: 'ours', reference: 'reference' },
  relay = 'the relay'
): string[] {
  const notes: string[] = [];
  for (const key of ['ours', 'reference'] as const) {
    const r = both[key];
    const name = labels[key];
    const planned = (updatesPerSecond * r.windowMs) / 1000;
    if (r.failures.length > 0) notes.push(`${name}: socket failures: ${r.failures.slice(0, 5).join('; ')}`);
    if (planned > 0 && r.sentUpdates < 0.95 * planned) {
      notes.push(
        `${name}: the generator sent only ${((100 * r.sentUpdates) / planned).toFixed(0)} % of the planned ` +
          'updates (it fell behind); latencies include its delay'
      );
    }
    const wait = relayWaitNote(`${name}: ${relay}`, r.relayRunDelayPct, r.relayCpuPct);
    if (wait) notes.push(wait);
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
export function storageRows(storage: StorageWrites | null): Row[] {
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
      metric: 'mean write until committed (writer thread, loop not blocked)',
      ours: storage.totalMs / Math.max(1, storage.transactions),
      reference: null,
      unit: 'ms',
      digits: 2
    },
    { metric: 'write transactions over 10 ms', ours: storage.over10ms, reference: null, unit: '', digits: 0 }
  ];
}
