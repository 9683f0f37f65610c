// The relay-specific y-websocket message types, named once for both sides: the app's sync code (lib/sync)
// and the relay (sync-server/src/protocol.ts) import them from here. Plain constants only (no yjs): with
// policy.ts, one of the two files of src/lib the relay may import (eslint.config.js). ARCHITECTURE.md
// describes the messages.

/** Relay to app: `varUint(100) · varUint8Array(stateVector)`, the durably stored state of the document. */
export const MESSAGE_SAVED = 100;

/**
 * Relay to app: `varUint(101) · varString(reason)`, this connection's last write was refused (not applied);
 * sent only to clients that connected with ack=1. Reasons: policy.ts's REFUSAL_REASONS.
 */
export const MESSAGE_REFUSED = 101;

/**
 * Both ways. From the app: `varUint(102)`, "answer once everything I sent before this is stored". The
 * relay's answer: `varUint(102) · varUint8Array(stateVector)` like 100, one per request, in the order of the
 * requests. A change that only deletes creates no clock, so only this answer proves it stored.
 */
export const MESSAGE_SAVE_REQUEST = 102;
