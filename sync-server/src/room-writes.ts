// What of one loaded document waits for its durable write: the updates queued since the write queue last
// took a batch (in order), the size of the document's update log in storage (compaction reads it), and who
// waits until everything queued so far has committed (a save request, message 102). A document's batches
// commit in order (write-queue.ts runs one write at a time, and a failed batch goes back in front), so
// counting queued and committed updates is enough to know what a commit covers. Each owner (a connection)
// has at most one waiter: a further request while one waits joins it, so a peer asking without end, or a
// socket that closed, holds no more than one entry.

import type { OwnerBinding } from './storage/types';

/** Owners (connections) one document keeps waiting at most by default (SAVE_WAITERS_MAX). */
export const MAX_WAITERS = 10_000;

interface Waiter {
  /** Answered once this many updates have committed. */
  upTo: number;
  /** Requests of this owner it answers. */
  owed: number;
  answer(owed: number): void;
}

export interface PendingBatch {
  updates: Uint8Array[];
  bytes: number;
  /** Client-id bindings made with these updates (owners.ts), written in the same transaction. */
  owners: OwnerBinding[];
}

export class RoomWrites {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private pendingOwners: OwnerBinding[] = [];
  /** Updates ever queued, and how many of them committed. */
  private queued = 0;
  private stored = 0;
  /** In order of `upTo` (a joined waiter is moved to the end with the latest position). */
  private waiters = new Map<object, Waiter>();

  constructor(
    /** Rows and bytes in the document's update log (after its snapshot). */
    public logRows: number,
    public logBytes: number,
    private readonly maxWaiters = MAX_WAITERS
  ) {}

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  queue(update: Uint8Array): void {
    this.queued++;
    this.pending.push(update);
    this.pendingBytes += update.byteLength;
  }

  /** New client-id bindings, written with the next batch (queued before the update they cover). */
  queueOwners(bindings: readonly OwnerBinding[]): void {
    for (const binding of bindings) this.pendingOwners.push(binding);
  }

  /** Everything queued, for one write; null when nothing is. */
  take(): PendingBatch | null {
    if (this.pending.length === 0 && this.pendingOwners.length === 0) return null;
    const batch = { updates: this.pending, bytes: this.pendingBytes, owners: this.pendingOwners };
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingOwners = [];
    return batch;
  }

  /** A batch failed to commit: put it back in front so order is kept and it is retried. */
  restore(batch: PendingBatch): void {
    this.pending = [...batch.updates, ...this.pending];
    this.pendingBytes += batch.bytes;
    this.pendingOwners = [...batch.owners, ...this.pendingOwners];
  }

  /** A batch committed: it is in the log now, and the waiters it covers are called. */
  committed(batch: PendingBatch): void {
    this.logRows += batch.updates.length;
    this.logBytes += batch.bytes;
    this.stored += batch.updates.length;
    for (const [owner, waiter] of this.waiters) {
      if (waiter.upTo > this.stored) break;
      this.waiters.delete(owner);
      waiter.answer(waiter.owed);
    }
  }

  /**
   * Calls `answer(owed)` once every update queued so far has committed (at once when it has); `owed` counts
   * the owner's requests it answers. A request while the owner's earlier one waits joins it: both are
   * answered at the later point, which covers both, still in order. False when `maxWaiters` other owners
   * already wait (storage down for long): not called then.
   */
  whenStored(owner: object, answer: (owed: number) => void): boolean {
    const previous = this.waiters.get(owner);
    const owed = (previous?.owed ?? 0) + 1;
    this.waiters.delete(owner); // re-inserted last, with the latest position: the map stays in order
    if (this.stored >= this.queued) {
      answer(owed);
      return true;
    }
    if (!previous && this.waiters.size >= this.maxWaiters) return false;
    this.waiters.set(owner, { upTo: this.queued, owed, answer });
    return true;
  }

  /** The owner left (its socket closed): nobody needs its answers any more. */
  forget(owner: object): void {
    this.waiters.delete(owner);
  }

  /** Compaction folded `rowsMerged` log rows into the snapshot. */
  compacted(rowsMerged: number): void {
    this.logRows = Math.max(0, this.logRows - rowsMerged);
    if (this.logRows === 0) this.logBytes = 0;
  }
}
