// The y-websocket wire format as the relay speaks it: message type numbers, the encoders the relay needs,
// the relay-specific messages (the "saved" acknowledgement and the answer to a save request, the "refused"
// notice and the keepalive), and the WebSocket close codes and reasons.

import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { RawData } from 'ws';
import { MESSAGE_REFUSED, MESSAGE_SAVED, MESSAGE_SAVE_REQUEST } from '../../src/lib/model/wire';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
// Relay-specific: "saved" (100), "refused" (101) and the save request and its answer (102), shared with the app.
export { MESSAGE_REFUSED, MESSAGE_SAVED, MESSAGE_SAVE_REQUEST };

export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/** Sync step 1: the relay's encoded state vector, asking the peer for what the relay lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2 answering a peer's step 1: everything the peer's state vector lacks. */
export function encodeSyncStep2(doc: Y.Doc, peerStateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, peerStateVector);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2 carrying an already encoded update (stored bytes, no Y.Doc needed). */
export function encodeSyncStep2Update(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/** An awareness message around an already encoded awareness update. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A "saved" message (100), or with MESSAGE_SAVE_REQUEST the answer to a save request. */
export function encodeSaved(
  stateVector: Uint8Array,
  type: typeof MESSAGE_SAVED | typeof MESSAGE_SAVE_REQUEST = MESSAGE_SAVED
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeRefused(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_REFUSED);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/**
 * Keepalive: an awareness update listing zero clients (`[1, 1, 0]`). The stock y-websocket client drops a
 * connection after 30 s without any message, and browsers never surface ws pings to it, so the relay must
 * send a real protocol message. This one is the most harmless the client knows: applyAwarenessUpdate loops
 * over zero entries, changes no state, emits no events and sends no reply (unlike a sync step 1, which
 * would make every idle client answer with a step 2), while any message type the client does not know
 * would be logged as "Unable to compute message".
 */
export const KEEPALIVE_MESSAGE: Uint8Array = Uint8Array.of(MESSAGE_AWARENESS, 1, 0);

/** WebSocket close codes the relay uses. */
export const CLOSE = {
  unsupportedData: 1003,
  policy: 1008,
  tooLarge: 1009,
  restart: 1012,
  tryAgainLater: 1013,
  malformed: 4400,
  forbidden: 4403,
  /** The conference was deleted on the relay (reason `room_deleted`); reconnecting is pointless. */
  roomDeleted: 4410
} as const;

/** The close reason sent with CLOSE.roomDeleted; the app matches this exact string. */
export const ROOM_DELETED_REASON = 'room_deleted';

/** A close reason must fit 123 bytes of UTF-8. */
export const fitReason = (reason: string): string =>
  Buffer.from(reason)
    .subarray(0, 123)
    .toString('utf8')
    .replace(/\uFFFD$/, '');

/** A sync message carrying a document update (step 2 or update), judged by its sub-type byte. */
export function isWrite(message: Uint8Array): boolean {
  return message[1] === SYNC_STEP2 || message[1] === SYNC_UPDATE;
}

/** A ws message as one byte array. */
export function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
