// Sealed drafts: while a facilitator seals a scope (a table's idea collection `t-<tableId>`, a vote
// `v-<voteId>`), each participant writes that scope's entries into a document of their own
// (`<roomId>/sealed/<scope>`, same roots as the shared document), which the relay keeps from everyone else
// until the reveal and then merges into the shared document. The seal is one key per scope in the control
// document's `policy` map (`sealed:<scope>` → true; names in model/policy.ts, which the relay reads).

import * as Y from 'yjs';
import {
  isSealedScope,
  ok,
  scopeOfKey,
  sealedKey,
  type CommandError,
  type Result,
  type RoomId,
  type TableId
} from '../model';
import { defineRoots } from './docs';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { ROOT, rootMap } from './schema';
import { setIfChanged, writableRoot } from './write';

/** The scope of a table's idea collection. */
export const tableScope = (tableId: TableId): string => `t-${tableId}`;

/** The scope of a vote (dot-vote ballots). */
export const voteScope = (voteId: string): string => `v-${voteId}`;

/** Guid and relay path (after `/sync/`) of this device's sealed document of `scope`. */
export const sealedGuid = (roomId: RoomId, scope: string): string => `${roomId}/sealed/${scope}`;

/** A participant's sealed document of `scope`: the shared document's roots, synced with their own copy. */
export function createSealedDoc(roomId: RoomId, scope: string): Y.Doc {
  const doc = new Y.Doc({ guid: sealedGuid(roomId, scope) });
  defineRoots(doc, 'shared');
  return doc;
}

/** The scopes sealed now (anything but `true` under a scope's key reads as revealed, as on the relay). */
export function readSealedScopes(control: Y.Doc): ReadonlySet<string> {
  const policy = rootMap(control, ROOT.policy);
  const scopes = new Set<string>();
  if (!policy) return scopes;
  for (const [key, value] of policy.entries()) {
    const scope = value === true ? scopeOfKey(key) : null;
    if (scope) scopes.add(scope);
  }
  return scopes;
}

/** Seals `scope`: from now on participants' entries go into their own sealed documents. */
export function sealScope(
  control: Y.Doc,
  scope: string,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!isSealedScope(scope)) return { ok: false, error: 'notFound' };
  control.transact(() => setIfChanged(writableRoot(control, ROOT.policy), sealedKey(scope), true), origin);
  return ok(undefined);
}

/** Reveals `scope`: the relay merges every sealed document of it into the shared document. */
export function revealScope(
  control: Y.Doc,
  scope: string,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!isSealedScope(scope)) return { ok: false, error: 'notFound' };
  const policy = rootMap(control, ROOT.policy);
  if (policy?.has(sealedKey(scope))) control.transact(() => policy.delete(sealedKey(scope)), origin);
  return ok(undefined);
}

/**
 * Puts everything of `sealed` into `shared` (after the reveal, or when the relay refused a sealed write as
 * `revealed`): the same items under the same client ids, so a merge the relay made already changes nothing,
 * and ownership holds (the relay bound those client ids to this participant).
 */
export function mergeSealedInto(shared: Y.Doc, sealed: Y.Doc, origin: DocOrigin = LOCAL_ORIGIN): void {
  const missing = Y.encodeStateAsUpdate(sealed, Y.encodeStateVector(shared));
  Y.applyUpdate(shared, missing, origin);
}
