// The room's access policy as the control document stores it, named once for both sides: lib/doc writes and
// reads it, and the relay reads it to decide whether a participant may write the shared document. Plain
// constants only (no yjs): this is the one file of src/lib the relay may import (eslint.config.js), and the
// only piece of the control document it ever reads — access policy, never board content.

/** Name of the root Y.Map of the control document that holds the policy. */
export const POLICY_MAP = 'policy';

/** Keys of the policy map. */
export const POLICY_KEYS = Object.freeze({
  /** boolean: while true, participants' writes to the shared document are refused. */
  locked: 'locked'
});

/** The policy as reads return it. */
export interface RoomPolicy {
  locked: boolean;
}

/**
 * Reasons the relay names in message 101 ("refused"); the app treats unknown reasons like `locked`.
 * `locked`: the round is closed. `not_owner`: the write deleted, overwrote or wrote into another person's
 * items. `client_conflict`: it carried a Yjs client id bound to another person (a collision; the app goes
 * on with a fresh client id).
 */
export const REFUSAL_REASONS = Object.freeze({
  locked: 'locked',
  notOwner: 'not_owner',
  clientConflict: 'client_conflict'
});
