// Joins loaded rooms to the fan-out. Loading: subscribe first, buffer what arrives, load from storage, apply
// the buffer, then ask the other instances for what storage lacks (updates they applied but have not
// committed yet), so no update falls into the gap. Local updates, awareness and "saved" state vectors are
// published; remote ones are applied with REMOTE_ORIGIN (broadcast to local peers, never re-published or
// written here). A remote "saved" confirms remote updates and is forwarded to local peers as their ack.
// After a Redis reconnect every room re-reads storage and asks again. A remote update nobody confirms as
// stored within `remoteGraceMs` (its instance died) is written here too: a duplicate is harmless to Yjs.

import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from '../log';
import { decodeOwners, encodeOwners } from '../owners';
import { REMOTE_ORIGIN, STORED_ORIGIN, type Room, type RoomHooks } from '../room';
import type { Storage } from '../storage/types';
import type { Fanout, FanoutMessage } from './types';

export interface BridgeOptions {
  remoteGraceMs?: number;
  /** A load waits at most this long for the subscription (Redis down: load anyway, resync later). */
  subscribeTimeoutMs?: number;
}

type PublishHooks = Pick<RoomHooks, 'onLocalUpdate' | 'onLocalAwareness' | 'onCommitted' | 'onLocalOwners'>;

export class FanoutBridge {
  private readonly rooms = new Map<string, Room>();
  private readonly buffers = new Map<string, FanoutMessage[]>();
  private readonly timer: NodeJS.Timeout | null = null;
  private readonly remoteGraceMs: number;
  private readonly subscribeTimeoutMs: number;
  /** Room hooks that publish local changes (none without a distributed fan-out). */
  readonly hooks: PublishHooks;
  /** Another instance deleted the room of a document loaded here (relay.ts evicts the room's documents). */
  onRemoteDeleted: ((roomId: string) => void) | null = null;

  constructor(
    private readonly fanout: Fanout,
    private readonly storage: Storage,
    private readonly log: Logger,
    options: BridgeOptions = {}
  ) {
    this.remoteGraceMs = options.remoteGraceMs ?? 5000;
    this.subscribeTimeoutMs = options.subscribeTimeoutMs ?? 2000;
    this.hooks = fanout.distributed
      ? {
          onLocalUpdate: (room, update) => fanout.publish(room.docName, 'update', update),
          onLocalAwareness: (room, update) => fanout.publish(room.docName, 'awareness', update),
          onCommitted: (room, durable) => fanout.publish(room.docName, 'saved', durable),
          // Before the update they cover (one Redis connection publishes in order).
          onLocalOwners: (room, bindings) => fanout.publish(room.docName, 'owners', encodeOwners(bindings))
        }
      : {};
    if (!fanout.distributed) return;
    fanout.onResync(() => {
      for (const room of this.rooms.values()) void this.resync(room);
    });
    this.timer = setInterval(
      () => {
        const before = Date.now() - this.remoteGraceMs;
        for (const room of this.rooms.values()) {
          const adopted = room.adoptRemote(before);
          if (adopted > 0)
            this.log.info({ doc: room.docName, adopted }, 'writing unconfirmed remote updates');
        }
      },
      Math.max(100, Math.floor(this.remoteGraceMs / 4))
    );
    this.timer.unref();
  }

  async open(docName: string, load: () => Promise<Room>): Promise<Room> {
    if (!this.fanout.distributed) return load();
    this.buffers.set(docName, []);
    try {
      const subscribed = this.fanout.subscribe(docName, (message) => this.onMessage(docName, message));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(true), this.subscribeTimeoutMs))
      );
      if (await Promise.race([subscribed.then(() => false), late])) {
        this.log.warn({ doc: docName }, 'fan-out subscription pending; loading anyway');
      }
      clearTimeout(timer);
      const room = await load();
      const buffered = this.buffers.get(docName) ?? [];
      this.buffers.delete(docName);
      this.rooms.set(docName, room);
      for (const message of buffered) this.handle(room, message);
      this.requestSync(room);
      return room;
    } catch (error) {
      this.buffers.delete(docName);
      await this.fanout.unsubscribe(docName).catch(() => undefined);
      throw error;
    }
  }

  /** Before unloading: writes here whatever remote update nobody confirmed, and stops listening. */
  async close(room: Room): Promise<void> {
    if (this.rooms.get(room.docName) !== room) return;
    this.rooms.delete(room.docName);
    room.adoptRemote(Number.POSITIVE_INFINITY);
    await this.fanout.unsubscribe(room.docName).catch((error: unknown) => {
      this.log.warn({ err: error, doc: room.docName }, 'fan-out unsubscribe failed');
    });
  }

  /** The room was deleted: stops listening without writing anything of it (no adoption of remote updates). */
  async forget(room: Room): Promise<void> {
    if (this.rooms.get(room.docName) !== room) return;
    this.rooms.delete(room.docName);
    await this.fanout.unsubscribe(room.docName).catch(() => undefined);
  }

  /** Tells the other instances that these documents' room was deleted. */
  publishDeleted(docNames: Iterable<string>): void {
    if (!this.fanout.distributed) return;
    for (const docName of docNames) this.fanout.publish(docName, 'deleted', new Uint8Array());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private onMessage(docName: string, message: FanoutMessage): void {
    const buffer = this.buffers.get(docName);
    if (buffer) buffer.push(message);
    else {
      const room = this.rooms.get(docName);
      if (room) this.handle(room, message);
    }
  }

  private handle(room: Room, { kind, from, payload }: FanoutMessage): void {
    try {
      switch (kind) {
        case 'update':
          return Y.applyUpdate(room.doc, payload, REMOTE_ORIGIN);
        case 'awareness':
          return room.presence.apply(payload, REMOTE_ORIGIN);
        case 'saved':
          return this.confirm(room, payload);
        case 'owners':
          return room.owners?.learn(decodeOwners(payload));
        case 'deleted':
          return this.onRemoteDeleted?.(room.roomId);
        case 'sync-request':
          // The bindings first: the reply may carry updates whose bindings are not stored yet.
          if (room.owners && room.owners.size > 0) {
            this.fanout.publish(room.docName, 'owners', encodeOwners(room.owners.entries()));
          }
          return this.fanout.publish(room.docName, 'sync-reply', this.encodeReply(room, from, payload));
        case 'sync-reply': {
          const decoder = decoding.createDecoder(payload);
          const to = decoding.readVarString(decoder);
          const update = decoding.readVarUint8Array(decoder);
          const durable = decoding.readVarUint8Array(decoder);
          const theirs = decoding.readVarUint8Array(decoder);
          const awareness = decoding.readVarUint8Array(decoder);
          Y.applyUpdate(room.doc, update, REMOTE_ORIGIN);
          if (awareness.byteLength > 0) {
            room.presence.apply(awareness, REMOTE_ORIGIN);
          }
          this.confirm(room, durable);
          // The answer to our request: send back what the responder lacks (e.g. made during an outage).
          if (to === this.fanout.instanceId) {
            this.fanout.publish(room.docName, 'update', Y.encodeStateAsUpdate(room.doc, theirs));
          }
          return;
        }
      }
    } catch (error) {
      const errorKind = error instanceof Error ? error.name : typeof error;
      this.log.warn({ errorKind, kind, doc: room.docName }, 'bad fan-out message');
    }
  }

  private confirm(room: Room, durable: Uint8Array): void {
    if (room.durability.confirm(Y.decodeStateVector(durable))) room.sendSaved();
  }

  private encodeReply(room: Room, to: string, theirStateVector: Uint8Array): Uint8Array {
    const known = new Set(room.presence.clients());
    const clients = [...room.peers].flatMap((p) => [...p.awarenessClients]).filter((c) => known.has(c));
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, to);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(room.doc, theirStateVector));
    encoding.writeVarUint8Array(encoder, room.durableStateVector);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(room.doc));
    encoding.writeVarUint8Array(
      encoder,
      clients.length > 0 ? room.presence.encode(clients) : new Uint8Array()
    );
    return encoding.toUint8Array(encoder);
  }

  private requestSync(room: Room): void {
    this.fanout.publish(room.docName, 'sync-request', Y.encodeStateVector(room.doc));
  }

  /** After a fan-out outage: apply what storage holds (durable, so it confirms), then ask the others. */
  private async resync(room: Room): Promise<void> {
    try {
      const stored = await this.storage.loadDoc(room.docName);
      if (this.rooms.get(room.docName) !== room) return;
      room.owners?.learn(stored.owners ?? []);
      const scratch = new Y.Doc();
      Y.transact(scratch, () => stored.updates.forEach((u) => Y.applyUpdate(scratch, u)));
      Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(room.doc)), STORED_ORIGIN);
      // What storage held is durable: the local peers just got it, so they hear "saved" for it even when
      // it confirms no remote update (nothing else may follow that would tell them).
      room.durability.confirm(Y.decodeStateVector(Y.encodeStateVector(scratch)));
      room.sendSaved();
      scratch.destroy();
    } catch (error) {
      this.log.error({ err: error, doc: room.docName }, 'resync from storage failed');
    }
    if (this.rooms.get(room.docName) === room) this.requestSync(room);
  }
}
