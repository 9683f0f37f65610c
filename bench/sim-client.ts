// One simulated y-websocket client on a raw `ws` socket: it does the sync handshake (sends its step 1,
// answers the relay's step 1 with a step 2), counts what it receives, and sends small updates (a Y.Map
// set on its own tiny Y.Doc, whose clientID is the client's bench id) and hand-encoded awareness states.
// It never applies what it receives, so thousands of them fit in one generator process.

import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ReceivedCounts } from './tasks';
import {
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  firstStructId,
  parseMessage
} from './wire';

export interface ClientSink {
  /** Counters are only bumped while this is true (the measurement window). */
  counting: boolean;
  received: ReceivedCounts;
  onUpdate(receiver: SimClient, update: Uint8Array, at: number): void;
  onLost(client: SimClient, reason: string): void;
}

export function emptyCounts(): ReceivedCounts {
  return {
    updates: 0,
    updateEchoes: 0,
    awareness: 0,
    awarenessEntries: 0,
    keepalive: 0,
    saved: 0,
    other: 0,
    bytes: 0
  };
}

export class SimClient {
  readonly startedAt = performance.now();
  syncedAt = NaN;
  step2Bytes = -1;
  readonly doc: Y.Doc;
  private readonly ws: WebSocket;
  private awarenessClock = 0;
  private lastUpdate: Uint8Array | null = null;
  private step2Waiters: Array<(bytes: number) => void> = [];
  private readonly synced: Promise<void>;
  private settled = false;

  constructor(
    url: string,
    readonly id: number,
    private readonly sink: ClientSink,
    doc?: Y.Doc
  ) {
    this.doc = doc ?? new Y.Doc({ guid: 'bench' }); // a fixed guid skips a costly uuidv4 per client
    this.doc.clientID = id;
    this.doc.on('update', (update: Uint8Array) => (this.lastUpdate = update));
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.synced = new Promise<void>((resolve, reject) => {
      const fail = (reason: string): void => {
        if (this.settled) return sink.onLost(this, reason);
        this.settled = true;
        reject(new Error(reason));
      };
      this.ws.on('unexpected-response', (_req, res) => fail(`upgrade refused with HTTP ${res.statusCode}`));
      this.ws.on('error', (error) => fail(`socket error: ${error.message}`));
      this.ws.on('close', (code) => fail(`closed with ${code}`));
      this.ws.on('open', () => this.ws.send(encodeSyncStep1(this.doc)));
      this.step2Waiters.push(() => {
        this.settled = true;
        resolve();
      });
    });
    this.synced.catch(() => undefined); // observed through whenSynced(); never an unhandled rejection
    this.ws.on('message', (data: Buffer) => this.onMessage(data));
  }

  whenSynced(): Promise<void> {
    return this.synced;
  }

  /** Resolves with the size of the next sync step 2 this client receives. */
  nextStep2(): Promise<number> {
    return new Promise((resolve) => this.step2Waiters.push(resolve));
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  /** Sets this client's own key; returns the clock of the new item (the key receivers look up). */
  sendUpdate(value: string): number {
    this.doc.getMap('bench').set(`c${this.id}`, value);
    const update = this.lastUpdate;
    const id = update && firstStructId(update);
    if (!update || !id || id.client !== this.id) throw new Error('local update did not carry this client');
    this.send(encodeUpdateMessage(update));
    return id.clock;
  }

  /** Runs `change` in one transaction on this client's doc and sends the resulting update; returns its size. */
  sendTransaction(change: () => void): number {
    this.lastUpdate = null;
    this.doc.transact(change);
    const update = this.lastUpdate as Uint8Array | null;
    if (!update) return 0;
    this.send(encodeUpdateMessage(update));
    return update.byteLength;
  }

  sendAwareness(state: unknown): void {
    this.send(encodeAwarenessMessage(this.id, ++this.awarenessClock, state));
  }

  close(): void {
    this.settled = true;
    this.ws.removeAllListeners('close');
    this.ws.removeAllListeners('error');
    this.ws.on('error', () => undefined);
    this.ws.terminate();
  }

  private onMessage(data: Buffer): void {
    const at = performance.now();
    const { sink } = this;
    const counts = sink.received;
    if (sink.counting) counts.bytes += data.byteLength;
    const message = parseMessage(data);
    switch (message.type) {
      case 'step1':
        return this.send(encodeSyncStep2(this.doc, message.stateVector));
      case 'step2': {
        if (Number.isNaN(this.syncedAt)) {
          this.syncedAt = at;
          this.step2Bytes = message.bytes;
        }
        const waiters = this.step2Waiters;
        this.step2Waiters = [];
        waiters.forEach((w) => w(message.bytes));
        return;
      }
      case 'update':
        return sink.onUpdate(this, message.update, at);
      case 'awareness':
        if (!sink.counting) return;
        if (message.entries === 0) counts.keepalive++;
        else {
          counts.awareness++;
          counts.awarenessEntries += message.entries;
        }
        return;
      case 'saved':
        if (sink.counting) counts.saved++;
        return;
      default:
        if (sink.counting) counts.other++;
    }
  }
}
