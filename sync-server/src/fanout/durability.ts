// Which parts of a loaded document are not yet known to be stored. Every transaction integrated after
// loading adds the clock ranges it added per client (from the transaction's before/after state vectors):
// a local one until the write queue commits it, a remote one (from another instance) until that instance
// reports a durable state vector covering it, or storage is seen to hold it. The durable state vector is
// then the document's state vector with each client capped at the lowest clock still in doubt, so a
// "saved" acknowledgement never covers anything that is only in memory, whichever instance received it.

import * as Y from 'yjs';

type Ranges = Map<number, readonly [from: number, to: number]>;

interface Entry {
  ranges: Ranges;
  /** Remote entries keep their update: it is persisted here if its origin never confirms it. */
  remote: Uint8Array | null;
  at: number;
}

export class DurabilityTracker {
  // Created on first use: most loaded documents (idle, read-only, the control document) never need them.
  private local: Map<Uint8Array, Entry> | null = null;
  private remote: Set<Entry> | null = null;

  /** Ranges a transaction added, or null when it added no structs (a delete only). */
  static rangesOf(transaction: Y.Transaction): Ranges | null {
    const ranges: Ranges = new Map();
    for (const [client, to] of transaction.afterState) {
      const from = transaction.beforeState.get(client) ?? 0;
      if (to > from) ranges.set(client, [from, to]);
    }
    return ranges.size > 0 ? ranges : null;
  }

  /** `update` is pending locally (keyed by identity; forgotten by `committed`). */
  addLocal(update: Uint8Array, ranges: Ranges | null, now = Date.now()): void {
    if (ranges) (this.local ??= new Map()).set(update, { ranges, remote: null, at: now });
  }

  addRemote(update: Uint8Array, ranges: Ranges | null, now = Date.now()): void {
    if (ranges) (this.remote ??= new Set()).add({ ranges, remote: update, at: now });
  }

  committed(updates: readonly Uint8Array[]): void {
    if (this.local) for (const update of updates) this.local.delete(update);
  }

  /** Forgets remote entries that `durable` (a state vector known to be stored) covers; true if any. */
  confirm(durable: Map<number, number>): boolean {
    let changed = false;
    if (!this.remote) return false;
    for (const entry of this.remote) {
      if ([...entry.ranges].every(([client, [, to]]) => (durable.get(client) ?? 0) >= to)) {
        this.remote.delete(entry);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Remote updates unconfirmed since before `before` (epoch ms) become local ones: the caller queues them
   * for writing here (a second copy in storage is harmless; a lost one is not).
   */
  adoptRemote(before: number): Uint8Array[] {
    const adopted: Uint8Array[] = [];
    if (!this.remote) return adopted;
    for (const entry of this.remote) {
      if (entry.at >= before || !entry.remote) continue;
      this.remote.delete(entry);
      (this.local ??= new Map()).set(entry.remote, { ...entry, remote: null });
      adopted.push(entry.remote);
    }
    return adopted;
  }

  get remoteCount(): number {
    return this.remote?.size ?? 0;
  }

  /** `stateVector` capped per client at the lowest clock not known to be stored. */
  durable(stateVector: Map<number, number>): Map<number, number> {
    const capped = new Map(stateVector);
    for (const entry of [...(this.local?.values() ?? []), ...(this.remote ?? [])]) {
      for (const [client, [from]] of entry.ranges) {
        const clock = capped.get(client);
        if (clock !== undefined && from < clock) capped.set(client, from);
      }
    }
    return capped;
  }
}
