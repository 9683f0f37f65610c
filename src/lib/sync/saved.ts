// The relay's "saved" acknowledgement (message type 100, ARCHITECTURE.md) and the bookkeeping of local
// changes it has not covered yet. Pure functions over Yjs updates and state vectors; no sockets here.
//
// A local change is covered when the relay's durably stored state vector reaches every clock the
// change created. A change that only deletes creates no clock, so a state vector cannot prove it: such
// a change counts as covered by the first saved message after it was sent over an open socket.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

export const MESSAGE_SAVED = 100;

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
  sent: boolean;
}

/** Local changes the relay has not confirmed as saved, in the order they were made. */
export class PendingChanges {
  #pending: PendingChange[] = [];

  get count(): number {
    return this.#pending.length;
  }

  /** Records a local change (a Yjs update); `sent` when it went out over an open socket. */
  add(update: Uint8Array, sent: boolean): void {
    const { to } = Y.parseUpdateMeta(update);
    this.#pending.push({ to, sent });
  }

  /** After a (re)connect sync every local change has reached the relay. */
  markAllSent(): void {
    for (const change of this.#pending) change.sent = true;
  }

  /** Drops every change the saved state vector covers; returns how many remain. */
  applySaved(saved: StateVector): number {
    this.#pending = this.#pending.filter((change) =>
      change.to.size === 0 ? !change.sent : !covers(saved, change.to)
    );
    return this.#pending.length;
  }
}
