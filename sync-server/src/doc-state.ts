// A loaded document's content as the relay holds it. Read from storage, it first stays as the stored bytes
// (snapshot and log, merged once). A device that knows nothing of the document yet (a new phone, the first
// join after a restart) is answered with those bytes, and the Y.Doc is built only when something needs it:
// a write, a peer that already holds part of the document, the lock check, the fan-out. Integrating a big
// board takes Yjs 0.1–1 s of CPU; a read-only visit never pays it, a join never waits for it. The answer
// for a device that knows nothing is encoded once per document state, so 300 phones joining at once cost
// one encode, not 300.

import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncStep2Update } from './protocol';

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Map());
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export class DocState {
  private ydocOrNull: Y.Doc | null = null;
  /** Stored content not yet integrated into the Y.Doc. */
  private stored: Uint8Array | null;
  private storedStateVector: Uint8Array | null = null;
  /** Counts changes to the content (integrating the stored content included). */
  version = 0;
  /** Sync step 2 for a peer that knows nothing; dropped by every change. */
  private wholeDocMessage: Uint8Array | null = null;

  /**
   * `origin` marks the transaction that integrates the stored content; `onUpdate` is attached to the Y.Doc's
   * 'update' event once the Y.Doc exists.
   */
  constructor(
    private readonly docName: string,
    stored: { updates: readonly Uint8Array[]; stateVector?: Uint8Array | null },
    private readonly origin: unknown,
    private readonly onUpdate: (
      update: Uint8Array,
      origin: unknown,
      doc: Y.Doc,
      tr: Y.Transaction
    ) => void = () => undefined
  ) {
    const { updates } = stored;
    this.stored =
      updates.length === 0 ? null : updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates]);
    // Saved with the snapshot at compaction: parsing a 1.8 MB board (10,000 ideas) for it costs 20–80 ms.
    if (this.stored) this.storedStateVector = stored.stateVector ?? null;
  }

  get integrated(): boolean {
    return this.stored === null;
  }

  /**
   * The Y.Doc, created on first use (an empty document that nobody writes never needs one), possibly not
   * yet holding the stored content: use `doc` to read or change content.
   */
  get ydoc(): Y.Doc {
    if (this.ydocOrNull) return this.ydocOrNull;
    // The name as guid: a fresh Y.Doc would draw a random uuid (crypto) for every loaded document.
    const ydoc = new Y.Doc({ gc: true, guid: this.docName });
    // Every change to the content emits 'update' (a transaction that changed nothing does not).
    ydoc.on('update', () => {
      this.wholeDocMessage = null;
      this.version++;
    });
    ydoc.on('update', this.onUpdate);
    return (this.ydocOrNull = ydoc);
  }

  /** The document with all stored content integrated (integrates now if needed). */
  get doc(): Y.Doc {
    const stored = this.stored;
    if (stored) {
      this.stored = null;
      this.storedStateVector = null;
      Y.applyUpdate(this.ydoc, stored, this.origin);
    }
    return this.ydoc;
  }

  /** The encoded state vector of everything held, stored or integrated. */
  stateVector(): Uint8Array {
    if (this.stored) return (this.storedStateVector ??= Y.encodeStateVectorFromUpdate(this.stored));
    return this.ydocOrNull ? Y.encodeStateVector(this.ydocOrNull) : EMPTY_STATE_VECTOR;
  }

  syncStep1(): Uint8Array {
    return encodeSyncStep1(this.stateVector());
  }

  /**
   * Sync step 2 answering a peer's state vector. `beforeEncode` runs on the Y.Doc whenever the answer is
   * encoded from it (the pending-struct check).
   */
  syncStep2(peerStateVector: Uint8Array, beforeEncode: (doc: Y.Doc) => void): Uint8Array {
    if (!this.knowsNothing(peerStateVector)) {
      const doc = this.doc;
      beforeEncode(doc);
      return encodeSyncStep2(doc, peerStateVector);
    }
    if (this.wholeDocMessage) return this.wholeDocMessage;
    if (this.stored) return (this.wholeDocMessage = encodeSyncStep2Update(this.stored));
    if (!this.ydocOrNull) return (this.wholeDocMessage = encodeSyncStep2Update(EMPTY_UPDATE));
    beforeEncode(this.ydoc);
    const message = encodeSyncStep2(this.ydoc, EMPTY_STATE_VECTOR);
    // Pending structs can be dropped outside a transaction (limits/pending.ts): never cache them.
    if (!this.ydoc.store.pendingStructs && !this.ydoc.store.pendingDs) this.wholeDocMessage = message;
    return message;
  }

  destroy(): void {
    this.stored = null;
    this.wholeDocMessage = null;
    this.ydocOrNull?.destroy();
  }

  /** True when the peer holds nothing of what this document holds (so the answer is the whole document). */
  private knowsNothing(peerStateVector: Uint8Array): boolean {
    const theirs = Y.decodeStateVector(peerStateVector);
    if (theirs.size === 0) return true;
    const ours = Y.decodeStateVector(this.stateVector());
    for (const [client, clock] of theirs) if (clock > 0 && ours.has(client)) return false;
    return true;
  }
}

/** An update that holds no structs and no deletions (`[0, 0]`, what a client with nothing new sends). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

/** The update creates at least one item (its state-vector range is not empty); deletions alone do not. */
export function carriesItems(update: Uint8Array): boolean {
  try {
    return Y.parseUpdateMeta(update).to.size > 0;
  } catch {
    return true; // unreadable: counted; the update check closes such a socket when it tries to write
  }
}
