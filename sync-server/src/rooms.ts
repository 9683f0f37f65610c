// Which documents are loaded: loads a document from storage on first use (once, however many connections
// race for it), unloads it after it has been idle (flush, compact, destroy), and makes a connection that
// arrives during an unload wait for it and then load the fresh state. With a fan-out bridge, a document
// is subscribed to before it is read from storage and unsubscribed from when it unloads.

import type { FanoutBridge } from './fanout/bridge';
import type { Logger } from './log';
import type { RelayMetrics } from './metrics';
import { Room, type DocKind, type RoomHooks, type RoomOptions } from './room';
import { isDocOfRoom, type Storage } from './storage/types';
import type { WriteQueue } from './write-queue';

export interface DocAddress {
  roomId: string;
  kind: DocKind;
  docName: string;
  /** For a sealed document: its scope (sealed.ts). */
  scope?: string;
}

/** acquire() of a document whose room was deleted (the upgrade answers 410). */
export class RoomDeleted extends Error {
  constructor(readonly roomId: string) {
    super('room deleted');
    this.name = 'RoomDeleted';
  }
}

/** Deleted room ids remembered in memory (storage keeps them all; this only closes the race below). */
const DELETED_MEMORY = 10_000;

export class RoomRegistry {
  private readonly loaded = new Map<string, Room>();
  /**
   * Rooms deleted while this relay runs: a connection that passed its access check just before the
   * deletion must not load the room again (and write into it after its rows were deleted).
   */
  private readonly deleted = new Set<string>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** Called for every transaction of this instance on any loaded document (sealed.ts watches reveals). */
  onLocalTransaction: RoomHooks['onLocalTransaction'];

  constructor(
    private readonly storage: Storage,
    private readonly writeQueue: WriteQueue,
    private readonly idleMs: number,
    private readonly metrics: RelayMetrics,
    private readonly log: Logger,
    private readonly bridge?: FanoutBridge,
    private readonly roomOptions: RoomOptions = {}
  ) {}

  get size(): number {
    return this.loaded.size;
  }

  rooms(): Room[] {
    return [...this.loaded.values()];
  }

  /** The loaded documents whose name starts with `prefix`. */
  loadedWithPrefix(prefix: string): Room[] {
    return this.rooms().filter((room) => room.docName.startsWith(prefix));
  }

  /** The loaded room for `address`, with a hold taken: call room.release() once a peer is attached. */
  async acquire(address: DocAddress): Promise<Room> {
    for (;;) {
      if (this.deleted.has(address.roomId)) throw new RoomDeleted(address.roomId);
      const unloading = this.unloading.get(address.docName);
      if (unloading) {
        await unloading;
        continue;
      }
      const room = this.loaded.get(address.docName);
      if (room) {
        room.hold();
        return room;
      }
      let loading = this.loading.get(address.docName);
      if (!loading) {
        loading = this.load(address);
        this.loading.set(address.docName, loading);
      }
      await loading;
    }
  }

  /**
   * The room was deleted (here or on another instance): refuses to load its documents from now on, closes
   * every peer of every loaded document of it with `code` and `reason`, and drops those documents without
   * writing or compacting anything of them. Resolves with the names of the documents it dropped.
   */
  async evictRoom(roomId: string, code: number, reason: string): Promise<string[]> {
    if (this.deleted.size >= DELETED_MEMORY) this.deleted.clear();
    this.deleted.add(roomId);
    const ofRoom = (name: string): boolean => isDocOfRoom(name, roomId);
    // Loads under way finish first (then they are loaded, and dropped below); unloads finish their writes.
    await Promise.allSettled([...this.loading].filter(([n]) => ofRoom(n)).map(([, p]) => p));
    await Promise.allSettled([...this.unloading].filter(([n]) => ofRoom(n)).map(([, p]) => p));
    const dropped: string[] = [];
    for (const room of this.rooms()) {
      if (!ofRoom(room.docName)) continue;
      this.loaded.delete(room.docName);
      room.evict(code, reason);
      this.writeQueue.forget(room);
      await this.bridge?.forget(room);
      room.destroy();
      dropped.push(room.docName);
    }
    this.metrics.roomsLoaded.set(this.loaded.size);
    if (dropped.length > 0) this.log.info({ doc: roomId, docs: dropped.length }, 'deleted room evicted');
    return dropped;
  }

  /** Flushes, compacts and unloads every document (shutdown). */
  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.loading.values()]);
    await Promise.allSettled([...this.unloading.values()]);
    await this.writeQueue.flush();
    for (const room of this.rooms()) await this.unload(room);
  }

  private async load(address: DocAddress): Promise<Room> {
    try {
      const create = async (): Promise<Room> => {
        const stored = await this.storage.loadDoc(address.docName);
        return new Room(
          address.docName,
          address.roomId,
          address.kind,
          stored,
          this.idleMs,
          {
            onPending: (r, bytes) => this.writeQueue.schedule(r, bytes),
            onIdle: (r) => void this.unload(r),
            onLocalTransaction: (r, tr) => this.onLocalTransaction?.(r, tr),
            ...this.bridge?.hooks
          },
          this.roomOptions
        );
      };
      const room = this.bridge ? await this.bridge.open(address.docName, create) : await create();
      this.loaded.set(address.docName, room);
      this.metrics.roomsLoaded.set(this.loaded.size);
      this.log.debug({ doc: address.docName, logRows: room.writes.logRows }, 'document loaded');
      return room;
    } finally {
      this.loading.delete(address.docName);
    }
  }

  private unload(room: Room): Promise<void> {
    if (this.loaded.get(room.docName) !== room) return this.unloading.get(room.docName) ?? Promise.resolve();
    this.loaded.delete(room.docName);
    this.metrics.roomsLoaded.set(this.loaded.size);
    const done = (async () => {
      try {
        await this.bridge?.close(room);
        await this.writeQueue.compact(room);
        this.log.debug({ doc: room.docName }, 'document unloaded');
      } catch (error) {
        this.log.error({ err: error, doc: room.docName }, 'unloading failed');
      } finally {
        // Updates whose write failed stay queued in the write queue (which keeps retrying) even so.
        room.destroy();
        this.unloading.delete(room.docName);
      }
    })();
    this.unloading.set(room.docName, done);
    return done;
  }
}
