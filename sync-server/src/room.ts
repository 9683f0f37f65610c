// One loaded document (`<roomId>`, `<roomId>/control`, `<roomId>/facilitators` or a participant's sealed
// drafts `<roomId>/sealed/<scope>/<pid>`): its Y.Doc and awareness, the peers connected to
// it, the updates not yet written (room-writes.ts), the state vector known to be durable, and the idle
// timer that unloads it. Every transaction integrated after loading is tracked (fanout/durability.ts) until
// it is known to be stored: a peer's update until its batch commits, an update from another relay instance
// (REMOTE_ORIGIN: broadcast here, persisted by that instance) until that instance reports it durable. The
// "saved" state vector is the doc's state vector capped below everything still in doubt. A peer's update
// that makes Yjs throw midway is never broadcast or stored; the room is then retired and reloaded from
// storage. Awareness lives in room-presence.ts.

import * as Y from 'yjs';
import { DocState, isEmptyUpdate } from './doc-state';
import { binaryFrame } from './ws-frame';
import { DurabilityTracker } from './fanout/durability';
import { encodeSaved, encodeUpdate } from './protocol';
import { RoomPresence, type PresencePeer } from './room-presence';
import { RoomWrites, type PendingBatch } from './room-writes';
import { ClientOwners } from './owners';
import type { OwnerBinding, StoredDoc } from './storage/types';

/** `plans`: written by participants too (under the room lock), without per-item ownership. */
export type DocKind = 'shared' | 'control' | 'facilitators' | 'sealed' | 'plans';

/** What a room needs from a connection (kept minimal so room.ts does not import connection.ts). */
export interface RoomPeer extends PresencePeer {
  readonly wantsAck: boolean;
  /** `frame`: the same message as a WebSocket frame (binaryFrame), when it goes to several peers. */
  send(message: Uint8Array, frame?: Buffer): void;
  close(code: number, reason: string): void;
}

export interface RoomOptions {
  /** Awareness changes are coalesced over this many ms (0: sent one by one). */
  awarenessBatchMs?: number;
  onAwarenessBatch?(updates: number, clients: number): void;
  /** Connections whose save request waits for a write, at most (default MAX_WAITERS in room-writes.ts). */
  saveWaitersMax?: number;
}

/**
 * Yjs threw after it had begun integrating a peer's update: the document may hold part of it (never
 * broadcast or stored). The room must be retired and loaded again from storage.
 */
export class RoomDiverged extends Error {
  constructor(readonly cause: unknown) {
    super('document diverged from storage while applying an update');
    this.name = 'RoomDiverged';
  }
}

type DocUpdateArgs = [update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction];

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
  /** Client ids were bound here (before the update that carries them is applied). */
  onLocalOwners?(room: Room, bindings: OwnerBinding[]): void;
  /** A transaction of this instance changed the document (a peer's write, a reveal): sealed.ts reads it. */
  onLocalTransaction?(room: Room, tr: Y.Transaction): void;
}

const LOAD_ORIGIN = Symbol('storage-load');
/** Origin of updates and awareness from another relay instance (never queued for writing here). */
export const REMOTE_ORIGIN = Symbol('remote-instance');
/** Origin of updates re-read from storage after a fan-out outage (durable already). */
export const STORED_ORIGIN = Symbol('storage-resync');
/** Peers sent one presence message per turn of the event loop (broadcastSpread). */
export const SPREAD_STEP = 32;

export class Room {
  private readonly state: DocState;
  /** Awareness (created on the first awareness message, see room-presence.ts). */
  readonly presence: RoomPresence;
  readonly peers = new Set<RoomPeer>();
  /** Updates waiting for their durable write, the stored log's size, save requests (room-writes.ts). */
  readonly writes: RoomWrites;
  readonly durability = new DurabilityTracker();
  /**
   * Which participant wrote each client id (shared documents: guard.ts checks writes with it; the
   * facilitators document: who appended which entry, forget-me.ts).
   */
  readonly owners: ClientOwners | null;
  private holds = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private destroyed = false;
  /** Set while a peer's update is applied: its 'update' events wait here until Yjs returns. */
  private held: DocUpdateArgs[] | null = null;
  /** A failed apply left the doc different from storage: no longer handed out or written. */
  retired = false;
  /** Its room was deleted (evict): nothing of it is written any more. */
  evicted = false;

  constructor(
    readonly docName: string,
    readonly roomId: string,
    readonly kind: DocKind,
    stored: StoredDoc,
    private readonly idleMs: number,
    private readonly hooks: RoomHooks,
    options: RoomOptions = {}
  ) {
    this.state = new DocState(docName, stored, LOAD_ORIGIN, (...args) => this.onDocUpdate(...args));
    this.presence = new RoomPresence(() => this.state.ydoc, {
      batchMs: options.awarenessBatchMs ?? 0,
      onBatch: options.onAwarenessBatch,
      deliver: (message, except) => this.broadcastSpread(message, except),
      isPeer: (origin): origin is RoomPeer => this.peers.has(origin as RoomPeer),
      onLocal: hooks.onLocalAwareness && ((update) => hooks.onLocalAwareness?.(this, update)),
      quietOrigins: [REMOTE_ORIGIN]
    });
    this.writes = new RoomWrites(stored.logRows, stored.logBytes, options.saveWaitersMax);
    // The facilitators document too: appends bind their client id to the participant (forget-me.ts).
    this.owners = kind === 'shared' || kind === 'facilitators' ? new ClientOwners(stored.owners) : null;
  }

  /** Binds new client ids to `owner` before a write of theirs is applied, queued with it for storage. */
  bindOwners(clients: readonly number[], owner: string): void {
    if (!this.owners || clients.length === 0) return;
    for (const client of clients) this.owners.bind(client, owner);
    const bindings = this.owners.takeUnsaved();
    if (bindings.length === 0) return;
    this.writes.queueOwners(bindings);
    this.hooks.onLocalOwners?.(this, bindings);
    // Bound for a write to another document (a sealed draft, sealed.ts): written in the same flush as it.
    this.hooks.onPending(this, 0);
  }

  /**
   * Applies a peer's update (or, with another origin, the relay's own: a reveal); what was integrated is
   * broadcast (to every peer but `origin`) and queued once Yjs returns. Returns false when there was nothing
   * to apply (an empty update, a retired room). Throws Yjs's error when it failed before changing anything,
   * RoomDiverged when it failed midway.
   */
  applyUpdate(update: Uint8Array, origin: RoomPeer | symbol): boolean {
    if (this.retired || isEmptyUpdate(update)) return false;
    const held: DocUpdateArgs[] = [];
    const doc = this.doc;
    this.held = held;
    try {
      Y.applyUpdate(doc, update, origin);
    } catch (error) {
      // Yjs ends the transaction in a finally block and emits 'update' for whatever it integrated before
      // the throw, so an empty `held` means the document is unchanged.
      throw held.length > 0 ? new RoomDiverged(error) : error;
    } finally {
      this.held = null;
    }
    for (const args of held) this.onDocUpdate(...args);
    return true;
  }

  /** After RoomDiverged: closes every peer (they reconnect and get the stored state) and unloads now. */
  retire(reason: string): void {
    if (this.retired || this.destroyed) return;
    this.retired = true;
    for (const peer of [...this.peers]) peer.close(1012, reason);
    this.hooks.onIdle(this);
  }

  /**
   * The room was deleted: closes every peer with `code` and `reason`, takes no more updates and is never
   * written again (the write queue skips an evicted room). The registry drops it without compacting.
   */
  evict(code: number, reason: string): void {
    this.retired = true;
    this.evicted = true;
    for (const peer of [...this.peers]) peer.close(code, reason);
  }

  /** The document with all its stored content (built from storage on first use, see doc-state.ts). */
  get doc(): Y.Doc {
    return this.state.doc;
  }

  /** Changes with every change to the content: what was read from `doc` at one version stays valid. */
  get version(): number {
    return this.state.version;
  }

  /** Holds anything at all (stored or integrated). */
  get hasContent(): boolean {
    return Y.decodeStateVector(this.state.stateVector()).size > 0;
  }

  get syncStep1(): Uint8Array {
    return this.state.syncStep1();
  }

  /** Sync step 2 for a peer's state vector; `beforeEncode` runs on the Y.Doc if the answer comes from it. */
  syncStep2(peerStateVector: Uint8Array, beforeEncode: (doc: Y.Doc) => void): Uint8Array {
    return this.state.syncStep2(peerStateVector, beforeEncode);
  }

  /** The state vector known to be stored (encoded). */
  get durableStateVector(): Uint8Array {
    return Y.encodeStateVector(this.durability.durable(Y.decodeStateVector(this.state.stateVector())));
  }

  get savedMessage(): Uint8Array {
    return encodeSaved(this.durableStateVector);
  }

  /** Tells every peer that asked for acknowledgements what is stored now. */
  sendSaved(): void {
    this.sendToAckPeers(this.savedMessage);
  }

  /** A batch committed: tell every peer that asked for acknowledgements (and the fan-out). */
  committed(batch: PendingBatch): void {
    this.durability.committed(batch.updates);
    this.writes.committed(batch);
    if (!this.hooks.onCommitted && !this.hasAckPeer()) return; // nobody to tell: no state vector to encode
    const durable = this.durableStateVector;
    this.sendToAckPeers(encodeSaved(durable));
    this.hooks.onCommitted?.(this, durable);
  }

  /** Queues for writing here the remote updates nobody confirmed as stored since before `before`. */
  adoptRemote(before: number): number {
    const adopted = this.durability.adoptRemote(before);
    for (const update of adopted) this.enqueue(update);
    return adopted.length;
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
    this.writes.forget(peer); // its save requests need no answer any more
    this.presence.leave(peer);
    this.armIdle();
  }

  broadcast(message: Uint8Array, except?: unknown): void {
    let frame: Buffer | undefined; // framed once for all peers (ws-frame.ts)
    for (const peer of this.peers) if (peer !== except) peer.send(message, (frame ??= binaryFrame(message)));
  }

  /**
   * Like broadcast, but SPREAD_STEP peers at a time with the event loop free in between (for presence): a
   * document update that arrives meanwhile waits for one step, not for a whole hall of sockets. Peers that
   * leave before their step are skipped (a closed connection sends nothing).
   */
  broadcastSpread(message: Uint8Array, except?: unknown): void {
    if (this.peers.size <= SPREAD_STEP) return this.broadcast(message, except);
    const targets = [...this.peers];
    const frame = binaryFrame(message);
    const step = (from: number): void => {
      if (this.destroyed) return;
      const end = Math.min(from + SPREAD_STEP, targets.length);
      for (let i = from; i < end; i++) if (targets[i] !== except) targets[i]?.send(message, frame);
      if (end < targets.length) setImmediate(step, end);
    };
    step(0);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.clearIdle();
    this.presence.destroy();
    this.state.destroy();
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction): void => {
    if (origin === LOAD_ORIGIN || this.retired) return;
    if (this.held) return void this.held.push([update, origin, doc, tr]);
    this.broadcast(encodeUpdate(update), origin);
    if (origin === STORED_ORIGIN) return;
    const ranges = DurabilityTracker.rangesOf(tr);
    if (origin === REMOTE_ORIGIN) return this.durability.addRemote(update, ranges);
    this.durability.addLocal(update, ranges);
    this.enqueue(update);
    this.hooks.onLocalUpdate?.(this, update);
    this.hooks.onLocalTransaction?.(this, tr);
  };

  private enqueue(update: Uint8Array): void {
    this.writes.queue(update);
    this.hooks.onPending(this, update.byteLength);
  }

  private sendToAckPeers(message: Uint8Array): void {
    for (const peer of this.peers) if (peer.wantsAck) peer.send(message);
  }

  private hasAckPeer(): boolean {
    for (const peer of this.peers) if (peer.wantsAck) return true;
    return false;
  }

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
