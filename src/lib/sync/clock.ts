// The relay's clock as this device estimates it, for the round's countdown (issue 11): a device whose
// clock is wrong by minutes, or that was offline when the timer started, still shows the right time left,
// because every device compares the stored end time (relay clock) with its own estimate of that clock.
// NTP-style: send at t0 (device clock), the relay answers `now`, the answer arrives at t1; then
// offset = now − (t0 + t1) / 2, and of a few samples the one with the smallest round trip wins (least
// queueing, so the best estimate). Re-sampled on every reconnect. Kept in memory only: a device that once
// synced keeps its estimate while offline; one that never did assumes its own clock (offset 0).
import type { RelayBase } from './relay-api';

export interface ClockSample {
  offset: number;
  rtt: number;
}

/** One exchange: sent at `t0`, the relay said `now`, answered at `t1` (device clock, ms). */
export function clockSample(t0: number, now: number, t1: number): ClockSample {
  return { offset: now - (t0 + t1) / 2, rtt: Math.max(0, t1 - t0) };
}

/** Of several samples, the one with the smallest round trip (null for none). */
export function bestSample(samples: readonly ClockSample[]): ClockSample | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (!best || s.rtt < best.rtt) best = s;
  return best;
}

export interface RelayClockOptions {
  base: RelayBase;
  fetch?: typeof fetch;
  /** The device clock (tests pass their own). */
  now?: () => number;
  /** Exchanges per sync. */
  samples?: number;
}

const SAMPLES = 4;

export class RelayClock {
  #opts: RelayClockOptions;
  #offset = 0;
  #synced = false;
  #rtt = Infinity;
  #running: Promise<boolean> | null = null;
  #listeners = new Set<() => void>();

  constructor(opts: RelayClockOptions) {
    this.#opts = opts;
  }

  /** ms to add to this device's clock to get the relay's. */
  get offset(): number {
    return this.#offset;
  }

  /** At least one exchange with the relay succeeded (since this page loaded). */
  get synced(): boolean {
    return this.#synced;
  }

  /** Round trip of the sample in use (Infinity before the first). */
  get rtt(): number {
    return this.#rtt;
  }

  /** The relay's clock now, as far as this device knows. */
  now(): number {
    return this.#device() + this.#offset;
  }

  /** Calls back whenever the offset changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Takes a few samples and keeps the best; true when at least one answered. Concurrent calls share one
   * run. An unreachable relay leaves the last estimate as it is.
   */
  sync(): Promise<boolean> {
    this.#running ??= this.#sample().finally(() => (this.#running = null));
    return this.#running;
  }

  async #sample(): Promise<boolean> {
    const samples: ClockSample[] = [];
    const fetchFn = this.#opts.fetch ?? globalThis.fetch;
    const url = `${this.#opts.base.http}/api/time`;
    for (let i = 0; i < (this.#opts.samples ?? SAMPLES); i++) {
      const t0 = this.#device();
      try {
        const response = await fetchFn(url, { cache: 'no-store' });
        const t1 = this.#device();
        if (!response.ok) break;
        const body = (await response.json()) as { now?: unknown };
        if (typeof body.now !== 'number' || !Number.isFinite(body.now)) break;
        samples.push(clockSample(t0, body.now, t1));
      } catch {
        break;
      }
    }
    const best = bestSample(samples);
    if (!best) return false;
    this.#offset = Math.round(best.offset);
    this.#rtt = best.rtt;
    this.#synced = true;
    for (const listener of this.#listeners) listener();
    return true;
  }

  #device(): number {
    return (this.#opts.now ?? Date.now)();
  }
}

const clocks = new Map<string, RelayClock>();

/** One clock per relay for the whole page (memory only), so every screen shares one estimate. */
export function relayClockFor(base: RelayBase, fetchFn?: typeof fetch): RelayClock {
  let clock = clocks.get(base.http);
  if (!clock) {
    clock = new RelayClock({ base, fetch: fetchFn });
    clocks.set(base.http, clock);
  }
  return clock;
}
