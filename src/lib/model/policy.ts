// The room's access policy as the control document stores it, named once for both sides: lib/doc writes and
// reads it, and the relay reads it to decide whether a participant may write the shared document. Plain
// constants only (no yjs): this is the one file of src/lib the relay may import (eslint.config.js), and the
// only piece of the control document it ever reads — access policy, never board content.

/** Name of the root Y.Map of the control document that holds the policy. */
export const POLICY_MAP = 'policy';

/** Keys of the policy map. */
export const POLICY_KEYS = Object.freeze({
  /** boolean: while true, participants' writes to the shared document are refused. */
  locked: 'locked',
  /**
   * Prefix of one key per sealed scope: `sealed:<scope>` → true while that scope's drafts are sealed (each
   * participant writes a document of their own, `/sync/<roomId>/sealed/<scope>`). Removing the key or setting
   * it to anything but true reveals the scope: the relay merges every participant's sealed document into the
   * shared document. One flat key per scope (not a nested map) so two facilitators sealing different scopes
   * at once never overwrite each other.
   */
  sealedPrefix: 'sealed:'
});

/**
 * Roots of the facilitators-only document a participant may append new entries to (never read):
 * `contacts` holds contact details given with consent (POST /api/rooms/<id>/facilitators/append).
 */
export const FACILITATORS_APPEND_ROOTS: readonly string[] = Object.freeze(['contacts']);

/** A sealed scope: `t-<tableId>` (a table's idea collection), `v-<voteId>` (a vote), … */
export const SEALED_SCOPE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const isSealedScope = (value: unknown): value is string =>
  typeof value === 'string' && SEALED_SCOPE_PATTERN.test(value);

/** The policy key that seals `scope`. */
export const sealedKey = (scope: string): string => `${POLICY_KEYS.sealedPrefix}${scope}`;

/** The scope a policy key seals, or null for any other key (or a malformed scope). */
export function scopeOfKey(key: string): string | null {
  if (!key.startsWith(POLICY_KEYS.sealedPrefix)) return null;
  const scope = key.slice(POLICY_KEYS.sealedPrefix.length);
  return isSealedScope(scope) ? scope : null;
}

/**
 * Plan links (issue 12): a participant link may carry a scope, the id of one action plan. In the plans
 * document (`/sync/<roomId>/plans`) a plan is the nested Y.Map at key <planId> of the root map
 * `PLANS_ROOT`; a connection with a scope writes only inside that subtree (the relay's plan-scope.ts): no
 * new or overwritten key of the root map, no deletion outside it, nothing in any other document.
 */
export const PLANS_ROOT = 'plans';

/** A link scope: a plan id (same shape as every entity id). */
export const LINK_SCOPE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const isLinkScope = (value: unknown): value is string =>
  typeof value === 'string' && LINK_SCOPE_PATTERN.test(value);

/** The policy as reads return it. */
export interface RoomPolicy {
  locked: boolean;
}

/**
 * Reasons the relay names in message 101 ("refused"); the app treats unknown reasons like `locked`.
 * `locked`: the round is closed. `not_owner`: the write deleted, overwrote or wrote into another person's
 * items. `client_conflict`: it carried a Yjs client id bound to another person (a collision; the app goes
 * on with a fresh client id). `revealed`: a write to a sealed document whose scope is not sealed (any more);
the app writes to the shared document instead. `plan_only`: a plan link's write reached outside its plan.
 */
export const REFUSAL_REASONS = Object.freeze({
  locked: 'locked',
  notOwner: 'not_owner',
  clientConflict: 'client_conflict',
  revealed: 'revealed',
  planOnly: 'plan_only'
});
