// Which participant's session wrote each Yjs client id of one document (identity.ts names the owners). A
// client id is bound the first time a write carrying new items of it is accepted, and never rebound. New
// bindings are queued with the update that made them and written in the same transaction (room-writes.ts,
// write-queue.ts, storage), so a binding is durable no later than anything that client wrote; other relay
// instances learn them over the fan-out before the update itself (fanout/bridge.ts), and from storage when
// they load the document. The relay knows who created which items, never what they are.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { OwnerBinding } from './storage/types';

export type { OwnerBinding };

export class ClientOwners {
  readonly #owners = new Map<number, string>();
  #unsaved: OwnerBinding[] = [];

  constructor(stored: readonly OwnerBinding[] = []) {
    this.learn(stored);
  }

  get size(): number {
    return this.#owners.size;
  }

  get(client: number): string | undefined {
    return this.#owners.get(client);
  }

  /** Binds a new client id (made by this instance): kept, and queued for the durable write. */
  bind(client: number, owner: string): void {
    if (this.#owners.has(client)) return;
    this.#owners.set(client, owner);
    this.#unsaved.push([client, owner]);
  }

  /** Bindings stored already or made by another instance: kept, never written here. First binding wins. */
  learn(bindings: readonly OwnerBinding[]): void {
    for (const [client, owner] of bindings) if (!this.#owners.has(client)) this.#owners.set(client, owner);
  }

  /** Bindings made here since the last call (to be written with the updates queued so far). */
  takeUnsaved(): OwnerBinding[] {
    const unsaved = this.#unsaved;
    this.#unsaved = [];
    return unsaved;
  }

  entries(): OwnerBinding[] {
    return [...this.#owners];
  }
}

/** `varUint(n) · n × (varUint(client) · varString(owner))`, for the fan-out. */
export function encodeOwners(bindings: readonly OwnerBinding[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, bindings.length);
  for (const [client, owner] of bindings) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarString(encoder, owner);
  }
  return encoding.toUint8Array(encoder);
}

export function decodeOwners(bytes: Uint8Array): OwnerBinding[] {
  const decoder = decoding.createDecoder(bytes);
  const out: OwnerBinding[] = [];
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    out.push([decoding.readVarUint(decoder), decoding.readVarString(decoder)]);
  }
  return out;
}
