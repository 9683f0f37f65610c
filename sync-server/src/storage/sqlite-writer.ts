// The relay's side of the SQLite writer thread (sqlite-writer.worker.js): sends it a write, resolves with
// its result when the transaction has committed (fsynced), rejects with its error. The thread starts on the
// first write and again after it died; it keeps the process alive only while a write is waiting.

import { Worker, type TransferListItem } from 'node:worker_threads';
import * as encoding from 'lib0/encoding';
import type { DocUpdates } from './types';

export type WriterOp = 'append' | 'replaceLog';

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

interface Waiting {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

export class SqliteWriter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private closed = false;

  constructor(private readonly file: string) {}

  run(op: WriterOp, args: unknown[], transfer: TransferListItem[] = []): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('SQLite storage is closed'));
    return this.send(op, args, transfer);
  }

  /** Appends a batch in one transaction; the batch crosses to the thread as one transferred buffer. */
  append(batch: DocUpdates[], now: number): Promise<unknown> {
    const encoded = encodeBatch(batch);
    return this.run('append', [encoded, now], [encoded.buffer]);
  }

  /** Waits for the writes sent so far, closes the writer's connection and ends the thread. */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.worker) return;
    const worker = this.worker;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    await this.send('close', []);
    await exited;
  }

  private send(op: WriterOp | 'close', args: unknown[], transfer: TransferListItem[] = []): Promise<unknown> {
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, op, args }, transfer);
    });
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./sqlite-writer.worker.js', import.meta.url), {
      workerData: { file: this.file }
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(`SQLite write failed: ${reply.error ?? 'unknown error'}`));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`SQLite writer thread exited (${code})`)));
    return worker;
  }
}

/**
 * `varUint(docs) · (varString(docName) · varUint(n) · n × varUint8Array(update) · varUint(m) · m ×
 * (varUint(client) · varString(owner)))*`: cloning one buffer is far cheaper than structured-cloning
 * thousands of small objects every flush.
 */
function encodeBatch(batch: DocUpdates[]): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, batch.length);
  for (const { docName, updates, owners } of batch) {
    encoding.writeVarString(encoder, docName);
    encoding.writeVarUint(encoder, updates.length);
    for (const update of updates) encoding.writeVarUint8Array(encoder, update);
    encoding.writeVarUint(encoder, owners?.length ?? 0);
    for (const [client, owner] of owners ?? []) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarString(encoder, owner);
    }
  }
  return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
}
