// What of one loaded document waits for its durable write: the updates queued since the write queue last
// took a batch (in order), the size of the document's update log in storage (compaction reads it), and who
// waits until everything queued so far has committed (a save request, message 102). A document's batches
// commit in order (write-queue.ts runs one write at a time, and a failed batch goes back in front), so
// counting queued and committed updates is enough to know what a commit covers.

/** Save requests one document keeps waiting at most by default (each is a closure; SAVE_WAITERS_MAX). */
export const MAX_WAITERS = 10_000;

export interface PendingBatch {
  updates: Uint8Array[];
  bytes: number;
}

export class RoomWrites {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Updates ever queued, and how many of them committed. */
  private queued = 0;
  private stored = 0;
  private waiters: Array<{ upTo: number; done: () => void }> = [];

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

  /** Everything queued, for one write; null when nothing is. */
  take(): PendingBatch | null {
    if (this.pending.length === 0) return null;
    const batch = { updates: this.pending, bytes: this.pendingBytes };
    this.pending = [];
    this.pendingBytes = 0;
    return batch;
  }

  /** A batch failed to commit: put it back in front so order is kept and it is retried. */
  restore(batch: PendingBatch): void {
    this.pending = [...batch.updates, ...this.pending];
    this.pendingBytes += batch.bytes;
  }

  /** A batch committed: it is in the log now, and the waiters it covers are called. */
  committed(batch: PendingBatch): void {
    this.logRows += batch.updates.length;
    this.logBytes += batch.bytes;
    this.stored += batch.updates.length;
    while (this.waiters[0] && this.waiters[0].upTo <= this.stored) this.waiters.shift()?.done();
  }

  /**
   * Calls `done` once every update queued so far has committed (at once when it has). False when
   * `maxWaiters` already wait (storage down for long, or peers asking without end): not called then.
   */
  whenStored(done: () => void): boolean {
    if (this.stored >= this.queued) {
      done();
      return true;
    }
    if (this.waiters.length >= this.maxWaiters) return false;
    this.waiters.push({ upTo: this.queued, done });
    return true;
  }

  /** Compaction folded `rowsMerged` log rows into the snapshot. */
  compacted(rowsMerged: number): void {
    this.logRows = Math.max(0, this.logRows - rowsMerged);
    if (this.logRows === 0) this.logBytes = 0;
  }
}
