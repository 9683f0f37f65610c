// The y-websocket wire format as the load generator needs it, encoded and decoded by hand with lib0 and
// y-protocols so a simulated client costs a socket and a tiny Y.Doc, not a WebsocketProvider. The one
// trick: an update's first struct group names its client and start clock, so a receiver identifies which
// send it belongs to without applying (or fully decoding) it.

import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_SAVED = 100;
export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

/** Sync step 1 with an empty state vector: "send me everything". */
export function encodeEmptySyncStep1(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(e);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(e, doc, stateVector);
  return encoding.toUint8Array(e);
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** An awareness message announcing one client's state (the y-protocols awareness update format). */
export function encodeAwarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** Client and start clock of an update's first struct group, or null for an update without structs. */
export function firstStructId(update: Uint8Array): { client: number; clock: number } | null {
  const d = decoding.createDecoder(update);
  const groups = decoding.readVarUint(d);
  if (groups === 0) return null;
  decoding.readVarUint(d); // number of structs in the group
  const client = decoding.readVarUint(d);
  const clock = decoding.readVarUint(d);
  return { client, clock };
}

export type Parsed =
  | { type: 'step1'; stateVector: Uint8Array }
  | { type: 'step2'; bytes: number }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; entries: number }
  | { type: 'saved' }
  | { type: 'other'; messageType: number };

/** Decodes just enough of one relay message to count and route it. */
export function parseMessage(data: Uint8Array): Parsed {
  const d = decoding.createDecoder(data);
  const messageType = decoding.readVarUint(d);
  if (messageType === MESSAGE_SYNC) {
    const syncType = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (syncType === SYNC_STEP1) return { type: 'step1', stateVector: payload };
    if (syncType === SYNC_STEP2) return { type: 'step2', bytes: payload.byteLength };
    if (syncType === SYNC_UPDATE) return { type: 'update', update: payload };
    return { type: 'other', messageType };
  }
  if (messageType === MESSAGE_AWARENESS) {
    const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
    return { type: 'awareness', entries: decoding.readVarUint(inner) };
  }
  if (messageType === MESSAGE_SAVED) return { type: 'saved' };
  return { type: 'other', messageType };
}
