// The relay's "saved" acknowledgement (message type 100, ARCHITECTURE.md) and the bookkeeping of local
// changes it has not covered yet. Pure functions over Yjs updates and state vectors; no sockets here.
//
// A local change is covered when the relay's durably stored state vector reaches every clock the
// change created. A change that only deletes creates no clock, so a state vector cannot prove it: the app
// sends a save request (message 102) after it, and the relay answers once everything it received before
// the request is stored. Answers come in the order of the requests on one socket. The app also sends one
// after every sync (doc-link.ts): what its sync step 2 carried (deletions loaded from IndexedDB after a
// reload, which no pending change records) counts as saved only on that answer.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

export type StateVector = Map<number, number>;

/** Reads the payload of a message type 100 (the type number itself was already read). */
export function readSavedMessage(decoder: decoding.Decoder): StateVector {
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}

/** True when `have` reaches every clock in `want`. */
export function covers(have: StateVector, want: StateVector): boolean {
  for (const [client, clock] of want) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

interface PendingChange {
  /** Clock per client after the change; empty for a change that only deletes. */
  to: StateVector;
  /** For a change that only deletes: the save request on this socket sent after it (0: none yet). */
  request: number;
}

/** Local changes the relay has not confirmed as saved, in the order they were made. */
export class PendingChanges {
  #pending: PendingChange[] = [];
  /** Save requests sent, and answers received, on the current socket. */
  #requested = 0;
  #answered = 0;

  get count(): number {
    return this.#pending.length;
  }

  /** Changes that only delete and wait for a save request to be sent after them. */
  get needsRequest(): boolean {
    return this.#pending.some((change) => change.to.size === 0 && change.request === 0);
  }

  /** Records a local change (a Yjs update). */
  add(update: Uint8Array): void {
    const { to } = Y.parseUpdateMeta(update);
    this.#pending.push({ to, request: 0 });
  }

  /** Answers received on the current socket. */
  get answered(): number {
    return this.#answered;
  }

  /** A save request went out on this socket, after every change recorded so far; returns its number. */
  requestSent(): number {
    this.#requested++;
    for (const change of this.#pending)
      if (change.to.size === 0 && change.request === 0) change.request = this.#requested;
    return this.#requested;
  }

  /** A new socket: requests on the old one are never answered, so they are made again. */
  newSocket(): void {
    this.#requested = 0;
    this.#answered = 0;
    for (const change of this.#pending) change.request = 0;
  }

  /** Drops every change the saved state vector covers; returns how many remain. */
  applySaved(saved: StateVector): number {
    this.#pending = this.#pending.filter((change) => change.to.size === 0 || !covers(saved, change.to));
    return this.#pending.length;
  }

  /** The answer to the oldest open save request: it also covers the changes that only delete before it. */
  applyAnswer(saved: StateVector): number {
    if (this.#answered < this.#requested) this.#answered++;
    const answered = this.#answered;
    this.#pending = this.#pending.filter((change) =>
      change.to.size === 0 ? change.request === 0 || change.request > answered : !covers(saved, change.to)
    );
    return this.#pending.length;
  }
}
