// The relay's "refused" notice (message type 101, ARCHITECTURE.md): the relay dropped this connection's last
// write (today only because the room is locked). Sent only to clients that connected with ack=1.
import * as decoding from 'lib0/decoding';

/** Reads the reason of a message type 101 (the type number itself was already read); '' when absent. */
export function readRefusedMessage(decoder: decoding.Decoder): string {
  try {
    return decoding.readVarString(decoder);
  } catch {
    return '';
  }
}
