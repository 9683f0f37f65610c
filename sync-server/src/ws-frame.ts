// Sending one message to many sockets (a broadcast to a room) frames it once. ws's own send builds a frame
// header, an options object and a two-buffer write for every socket; here the whole WebSocket frame is built
// once and the same bytes are written to each socket's TCP stream. This relies on two ws internals, checked
// on every write: the socket (`_socket`) and a sender with nothing queued (`_sender`, idle only while no
// compression or blob read is in progress; the relay turns per-message deflate off). When either check fails,
// the caller sends through ws as usual, so order is kept and nothing is lost.

import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** The ws internals used here (ws 8). */
interface WsInternals {
  _socket?: Socket | null;
  _sender?: { _state?: number; _queue?: unknown[] } | null;
}

/** The sender state in which ws itself writes frames at once (lib/sender.js DEFAULT). */
const SENDER_IDLE = 0;

/** An unmasked, final, binary WebSocket frame (server to client, RFC 6455 §5.2) holding `payload`. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const head = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x82; // FIN + opcode 2 (binary)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, head);
  return frame;
}

/**
 * Writes a frame from binaryFrame to an open socket; false (nothing written) when ws would queue it, so the
 * caller must send the message through ws.send instead.
 */
export function writeFrame(ws: WebSocket, frame: Buffer): boolean {
  const { _socket: socket, _sender: sender } = ws as unknown as WsInternals;
  if (!socket || !sender || sender._state !== SENDER_IDLE || (sender._queue?.length ?? 0) > 0) return false;
  if (ws.readyState !== ws.OPEN || socket.destroyed) return false;
  socket.write(frame);
  return true;
}
