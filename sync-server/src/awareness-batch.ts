// Coalesces a room's awareness changes over a short window into one message: the latest state (or removal)
// of every client that changed, encoded once and sent to every peer. In a hall of 300 phones each socket
// then receives one awareness message per window instead of one per change; the stock y-websocket client
// simply sees an awareness update listing several clients. When every change of a window came from one
// peer, that peer is skipped (it has them); otherwise a peer also gets its own entries back, which
// y-protocols ignores (same clock). A window of 0 sends each change at once, as before.

import type * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwareness } from './protocol';

export interface AwarenessBatchOptions {
  windowMs: number;
  /** Sends `message` to every peer of the room except `except`. */
  deliver(message: Uint8Array, except: unknown): void;
  /** A batch went out: how many updates it merged and how many clients it lists. */
  onBatch?(updates: number, clients: number): void;
}

const NO_SOURCE = Symbol('no-source');

export class AwarenessBatcher {
  private readonly changed = new Set<number>();
  private source: unknown = NO_SOURCE;
  private updates = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly options: AwarenessBatchOptions
  ) {}

  /** Awareness of `clients` changed, by `from` (a peer, or anything else for the relay itself). */
  add(clients: number[], from: unknown): void {
    if (clients.length === 0) return;
    if (this.options.windowMs <= 0) {
      this.options.deliver(encodeAwareness(this.awareness, clients), from);
      this.options.onBatch?.(1, clients.length);
      return;
    }
    for (const client of clients) this.changed.add(client);
    // One source for the whole window may be skipped; mixed sources go to everyone.
    this.source = this.updates === 0 || this.source === from ? from : undefined;
    this.updates++;
    this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
  }

  /** Sends what is waiting now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.changed.size === 0) return;
    const clients = [...this.changed];
    const updates = this.updates;
    const except = this.source;
    this.changed.clear();
    this.updates = 0;
    this.source = NO_SOURCE;
    this.options.deliver(encodeAwareness(this.awareness, clients), except);
    this.options.onBatch?.(updates, clients.length);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.changed.clear();
  }
}
