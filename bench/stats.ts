// Small numeric helpers for the bench: percentiles over a growable sample buffer, a seeded random
// generator (so a run's schedule can be repeated), and reading a process's memory and CPU time from /proc.

import fs from 'node:fs';
import type { Percentiles, RelaySample } from './tasks';

/** Growable Float64Array of samples (latencies in ms). */
export class Samples {
  private data = new Float64Array(1024);
  private n = 0;

  push(value: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = value;
  }

  get count(): number {
    return this.n;
  }

  summary(): Percentiles {
    return percentiles(this.data.subarray(0, this.n));
  }
}

/** Nearest-rank percentiles; all fields are NaN for an empty sample. */
export function percentiles(values: Float64Array | number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const at = (p: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))] ?? NaN;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: n, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[n - 1] ?? NaN, mean: sum / n };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ; 100 on every Linux build that Node supports

/** Run-queue wait of a process's main thread in ms (second field of /proc/<pid>/schedstat, in ns). */
export function runDelayMs(pid: number | 'self'): number {
  return Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
}

/** VmRSS, VmHWM, CPU time and run-queue wait of a process from /proc (Linux only). */
export function sampleProcess(pid: number): RelaySample {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "(comm) ": state is field 3, utime field 14, stime field 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return {
    rssKiB: kib('VmRSS'),
    hwmKiB: kib('VmHWM'),
    cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
    runDelayMs: runDelayMs(pid)
  };
}
