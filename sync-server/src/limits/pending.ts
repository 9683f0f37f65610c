// Caps what Yjs keeps as "pending" in a room's document: structs whose dependencies never arrived
// (`store.pendingStructs`) and deletes of items not yet known (`store.pendingDs`). Yjs re-merges them on
// every later update that also lacks something and, worse, puts them into every sync step 2, so every new
// client would receive (and keep) them forever. A short wait is normal (a client's update overtaking its own
// sync step 2); past `maxBytes` or `maxMs` they are dropped. They were never stored or acknowledged, and
// the client that sent them still has them and sends them again in its next sync step 2.

import type * as Y from 'yjs';

export type PendingDrop = 'pending_overflow' | 'pending_expired';

export interface PendingLimits {
  maxBytes: number;
  maxMs: number;
}

export class PendingGuard {
  private readonly since = new WeakMap<Y.Doc, number>();

  constructor(private readonly limits: PendingLimits) {}

  /** Bytes Yjs holds as pending for `doc`. */
  static bytes(doc: Y.Doc): number {
    const { pendingStructs, pendingDs } = doc.store;
    return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
  }

  /**
   * Call after applying an update and before answering a sync step 1: drops the pending structs and deletes
   * when over a limit and says why (null when nothing was dropped).
   */
  check(doc: Y.Doc, now = Date.now()): { reason: PendingDrop; bytes: number } | null {
    const bytes = PendingGuard.bytes(doc);
    if (bytes === 0) {
      this.since.delete(doc);
      return null;
    }
    let since = this.since.get(doc);
    if (since === undefined) this.since.set(doc, (since = now));
    const reason: PendingDrop | null =
      bytes > this.limits.maxBytes
        ? 'pending_overflow'
        : now - since > this.limits.maxMs
          ? 'pending_expired'
          : null;
    if (!reason) return null;
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    this.since.delete(doc);
    return { reason, bytes };
  }
}
