// Groups queued updates of all loaded documents into one durable transaction every flushIntervalMs (or at
// once when much is queued), because better-sqlite3 blocks the event loop for each commit. Only after the
// commit does a room send its "saved" acknowledgement. Writes and compactions run strictly one after the
// other through one promise chain, so a compaction never interleaves with an append.

import type { Logger } from './log';
import type { RelayMetrics } from './metrics';
import type { Room } from './room';
import type { PendingBatch } from './room-writes';
import type { Storage } from './storage/types';

export interface WriteQueueOptions {
  flushIntervalMs: number;
  compactRows: number;
  compactBytes: number;
  /** Flush immediately once this many bytes are queued. */
  eagerFlushBytes: number;
  retryMs: number;
}

export class WriteQueue {
  private readonly dirty = new Set<Room>();
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly options: WriteQueueOptions,
    private readonly metrics: RelayMetrics,
    private readonly log: Logger
  ) {}

  schedule(room: Room, bytes: number): void {
    this.dirty.add(room);
    this.queuedBytes += bytes;
    if (this.queuedBytes >= this.options.eagerFlushBytes) this.arm(0);
    else this.arm(this.options.flushIntervalMs);
  }

  /** Writes everything queued so far; resolves true when all of it is durable. */
  flush(): Promise<boolean> {
    return this.exclusive(() => this.writeOnce());
  }

  /** Folds a document's log into its snapshot (after writing what is queued). */
  compact(room: Room): Promise<void> {
    return this.exclusive(async () => {
      await this.writeOnce();
      await this.compactRoom(room);
    });
  }

  /** Drops a room's queued updates unwritten (its room was deleted; room-delete.ts). */
  forget(room: Room): void {
    this.dirty.delete(room);
  }

  /** Runs `task` after every write and compaction started before it, and before any started after. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.exclusive(task);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async writeOnce(): Promise<boolean> {
    const rooms = [...this.dirty];
    this.dirty.clear();
    this.queuedBytes = 0;
    const batches: Array<{ room: Room; batch: PendingBatch }> = [];
    for (const room of rooms) {
      if (room.evicted) continue; // its room was deleted: dropped unwritten
      const batch = room.writes.take();
      if (batch) batches.push({ room, batch });
    }
    if (batches.length === 0) return true;
    const stopTimer = this.metrics.storageWriteSeconds.startTimer();
    try {
      await this.storage.appendUpdates(
        batches.map(({ room, batch }) => ({
          docName: room.docName,
          updates: batch.updates,
          ...(batch.owners.length > 0 ? { owners: batch.owners } : {})
        }))
      );
    } catch (error) {
      this.metrics.storageErrors.inc();
      this.log.error({ err: error, docs: batches.length }, 'storage write failed; will retry');
      for (const { room, batch } of batches) {
        room.writes.restore(batch);
        this.dirty.add(room);
        this.queuedBytes += batch.bytes;
      }
      this.arm(this.options.retryMs);
      return false;
    } finally {
      stopTimer();
    }
    for (const { room, batch } of batches) room.committed(batch);
    for (const { room } of batches) {
      const { logRows, logBytes } = room.writes;
      if (logRows >= this.options.compactRows || logBytes >= this.options.compactBytes) {
        await this.compactRoom(room);
      }
    }
    return true;
  }

  private async compactRoom(room: Room): Promise<void> {
    try {
      const result = await this.storage.compactDoc(room.docName);
      if (!result) return;
      room.writes.compacted(result.rowsMerged);
      this.metrics.compactions.inc();
      this.log.debug({ doc: room.docName, ...result }, 'compacted update log');
    } catch (error) {
      this.metrics.storageErrors.inc();
      this.log.error({ err: error, doc: room.docName }, 'compaction failed');
    }
  }
}
