// One loaded document (`<roomId>` or `<roomId>/control`): its Y.Doc and awareness, the peers connected to
// it, the queue of updates not yet written, the state vector known to be durable, and the idle timer that
// unloads it. Every transaction integrated after loading is tracked (fanout/durability.ts) until it is
// known to be stored: a peer's update until its batch commits, an update from another relay instance
// (REMOTE_ORIGIN: broadcast here, persisted by that instance) until that instance reports it durable. The
// "saved" state vector is the doc's state vector capped below everything still in doubt.

import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { DurabilityTracker } from './fanout/durability';
import { encodeAwareness, encodeSaved, encodeUpdate } from './protocol';
import type { StoredDoc } from './storage/types';

export type DocKind = 'shared' | 'control';

/** What a room needs from a connection (kept minimal so room.ts does not import connection.ts). */
export interface RoomPeer {
  readonly wantsAck: boolean;
  /** Awareness client ids this peer announced; removed when it leaves. */
  readonly awarenessClients: Set<number>;
  send(message: Uint8Array): void;
}

export interface RoomHooks {
  /** An update entered `pending`; the write queue should flush it soon. */
  onPending(room: Room, bytes: number): void;
  /** No peers and no holds for the idle time: unload me. */
  onIdle(room: Room): void;
  /** A peer's document or awareness update was applied here (the fan-out publishes it). */
  onLocalUpdate?(room: Room, update: Uint8Array): void;
  onLocalAwareness?(room: Room, update: Uint8Array): void;
  /** A batch committed; `durable` is the encoded state vector now known to be stored. */
  onCommitted?(room: Room, durable: Uint8Array): void;
}

export interface PendingBatch {
  updates: Uint8Array[];
  bytes: number;
}

const LOAD_ORIGIN = Symbol('storage-load');
/** Origin of updates and awareness from another relay instance (never queued for writing here). */
export const REMOTE_ORIGIN = Symbol('remote-instance');
/** Origin of updates re-read from storage after a fan-out outage (durable already). */
export const STORED_ORIGIN = Symbol('storage-resync');

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<RoomPeer>();
  logRows: number;
  logBytes: number;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  readonly durability = new DurabilityTracker();
  private holds = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private destroyed = false;

  constructor(
    readonly docName: string,
    readonly roomId: string,
    readonly kind: DocKind,
    stored: StoredDoc,
    private readonly idleMs: number,
    private readonly hooks: RoomHooks
  ) {
    this.awareness.setLocalState(null);
    Y.transact(
      this.doc,
      () => stored.updates.forEach((u) => Y.applyUpdate(this.doc, u, LOAD_ORIGIN)),
      LOAD_ORIGIN
    );
    this.logRows = stored.logRows;
    this.logBytes = stored.logBytes;
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Applies a peer's update; the 'update' handler broadcasts and queues whatever was integrated. */
  applyUpdate(update: Uint8Array, origin: RoomPeer): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  /** The state vector known to be stored (encoded). */
  get durableStateVector(): Uint8Array {
    return Y.encodeStateVector(this.durability.durable(Y.decodeStateVector(Y.encodeStateVector(this.doc))));
  }

  get savedMessage(): Uint8Array {
    return encodeSaved(this.durableStateVector);
  }

  /** Tells every peer that asked for acknowledgements what is stored now. */
  sendSaved(): void {
    const message = this.savedMessage;
    for (const peer of this.peers) if (peer.wantsAck) peer.send(message);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  takePending(): PendingBatch | null {
    if (this.pending.length === 0) return null;
    const batch = { updates: this.pending, bytes: this.pendingBytes };
    this.pending = [];
    this.pendingBytes = 0;
    return batch;
  }

  /** A batch failed to commit: put it back in front so order is kept and it is retried. */
  restorePending(batch: PendingBatch): void {
    this.pending = [...batch.updates, ...this.pending];
    this.pendingBytes += batch.bytes;
  }

  /** A batch committed: tell every peer that asked for acknowledgements (and the fan-out). */
  committed(batch: PendingBatch): void {
    this.durability.committed(batch.updates);
    this.logRows += batch.updates.length;
    this.logBytes += batch.bytes;
    const durable = this.durableStateVector;
    const message = encodeSaved(durable);
    for (const peer of this.peers) if (peer.wantsAck) peer.send(message);
    this.hooks.onCommitted?.(this, durable);
  }

  /** Queues for writing here the remote updates nobody confirmed as stored since before `before`. */
  adoptRemote(before: number): number {
    const adopted = this.durability.adoptRemote(before);
    for (const update of adopted) this.enqueue(update);
    return adopted.length;
  }

  compacted(rowsMerged: number): void {
    this.logRows = Math.max(0, this.logRows - rowsMerged);
    if (this.logRows === 0) this.logBytes = 0;
  }

  /** Keeps the room loaded while a connection is being set up. */
  hold(): void {
    this.holds++;
    this.clearIdle();
  }

  release(): void {
    this.holds = Math.max(0, this.holds - 1);
    this.armIdle();
  }

  addPeer(peer: RoomPeer): void {
    this.peers.add(peer);
    this.clearIdle();
  }

  removePeer(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
    this.armIdle();
  }

  broadcast(message: Uint8Array, except?: unknown): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.clearIdle();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction): void => {
    if (origin === LOAD_ORIGIN) return;
    this.broadcast(encodeUpdate(update), origin);
    if (origin === STORED_ORIGIN) return;
    const ranges = DurabilityTracker.rangesOf(tr);
    if (origin === REMOTE_ORIGIN) return this.durability.addRemote(update, ranges);
    this.durability.addLocal(update, ranges);
    this.enqueue(update);
    this.hooks.onLocalUpdate?.(this, update);
  };

  private enqueue(update: Uint8Array): void {
    this.pending.push(update);
    this.pendingBytes += update.byteLength;
    this.hooks.onPending(this, update.byteLength);
  }

  private onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown
  ): void => {
    const peer = this.peers.has(origin as RoomPeer) ? (origin as RoomPeer) : null;
    if (peer) {
      changes.added.forEach((id) => peer.awarenessClients.add(id));
      changes.removed.forEach((id) => peer.awarenessClients.delete(id));
    }
    const clients = [...changes.added, ...changes.updated, ...changes.removed];
    this.broadcast(encodeAwareness(this.awareness, clients), peer ?? undefined);
    if (origin !== REMOTE_ORIGIN && this.hooks.onLocalAwareness) {
      this.hooks.onLocalAwareness(this, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    }
  };

  private armIdle(): void {
    if (this.destroyed || this.peers.size > 0 || this.holds > 0 || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.peers.size === 0 && this.holds === 0) this.hooks.onIdle(this);
    }, this.idleMs);
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
