// A room's awareness (who is there, cursors): the y-protocols Awareness and its batcher, created on the
// first awareness message, not with the room. Most loaded documents never see one (a control document
// kept loaded for the lock check, a board opened read-only), and an Awareness costs a Map pair and a
// timer per document. Remembers which client ids each peer announced, so they are removed when it leaves.

import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { AwarenessBatcher } from './awareness-batch';

/** What presence needs from a peer (kept minimal so this module does not import connection.ts). */
export interface PresencePeer {
  readonly awarenessClients: Set<number>;
}

export interface PresenceOptions {
  /** Awareness changes are coalesced over this many ms (0: sent one by one). */
  batchMs: number;
  onBatch?(updates: number, clients: number): void;
  /** Sends an encoded awareness message to every peer except `except`. */
  deliver(message: Uint8Array, except: unknown): void;
  /** Is `origin` one of the room's peers? */
  isPeer(origin: unknown): origin is PresencePeer;
  /** Changes that should go to other relay instances (encoded awareness update, no message header). */
  onLocal?(update: Uint8Array): void;
  /** Origins whose changes are not published to other instances. */
  quietOrigins: readonly unknown[];
}

export class RoomPresence {
  private awareness: awarenessProtocol.Awareness | null = null;
  private batcher: AwarenessBatcher | null = null;

  /** `doc`: the room's Y.Doc (only its client id is used), asked for when presence starts. */
  constructor(
    private readonly doc: () => Y.Doc,
    private readonly options: PresenceOptions
  ) {}

  /** Client ids with a state (none before the first awareness message). */
  clients(): number[] {
    return this.awareness ? [...this.awareness.getStates().keys()] : [];
  }

  /** The encoded awareness update for `clients` (no message header). */
  encode(clients: number[]): Uint8Array {
    return awarenessProtocol.encodeAwarenessUpdate(this.open(), clients);
  }

  /** Applies an encoded awareness update from `origin` (a peer, or another instance). */
  apply(update: Uint8Array, origin: unknown): void {
    awarenessProtocol.applyAwarenessUpdate(this.open(), update, origin);
  }

  /** A peer left: its clients' states are removed (and that goes out to the others). */
  leave(peer: PresencePeer): void {
    if (this.awareness && peer.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
    }
  }

  destroy(): void {
    this.batcher?.destroy();
    this.awareness?.destroy();
  }

  private open(): awarenessProtocol.Awareness {
    if (this.awareness) return this.awareness;
    const awareness = new awarenessProtocol.Awareness(this.doc());
    awareness.setLocalState(null);
    const { options } = this;
    const batcher = new AwarenessBatcher(awareness, {
      windowMs: options.batchMs,
      deliver: options.deliver,
      onBatch: options.onBatch
    });
    awareness.on(
      'update',
      (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const peer = options.isPeer(origin) ? origin : null;
        if (peer) {
          changes.added.forEach((id) => peer.awarenessClients.add(id));
          changes.removed.forEach((id) => peer.awarenessClients.delete(id));
        }
        const clients = [...changes.added, ...changes.updated, ...changes.removed];
        batcher.add(clients, peer ?? undefined);
        // Every instance times out stale states itself; publishing that could drop a live remote state.
        if (options.onLocal && origin !== 'timeout' && !options.quietOrigins.includes(origin)) {
          options.onLocal(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
        }
      }
    );
    this.batcher = batcher;
    return (this.awareness = awareness);
  }
}
