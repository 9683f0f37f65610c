// The room's access policy in the control document (written by facilitators only): closing and opening
// the round. The relay reads the same map (key names in model/policy.ts) and refuses participants' writes
// to the shared document while it is locked, so the lock holds even against a client that ignores it.

import type * as Y from 'yjs';
import { ok, POLICY_KEYS, type CommandError, type Result, type RoomPolicy } from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { ROOT, rootMap } from './schema';
import { setIfChanged, writableRoot } from './write';

function setLocked(control: Y.Doc, locked: boolean, origin: DocOrigin): Result<void, CommandError> {
  control.transact(
    () => setIfChanged(writableRoot(control, ROOT.policy), POLICY_KEYS.locked, locked),
    origin
  );
  return ok(undefined);
}

/** Closes the round: participants can still read but no longer write the shared document. */
export function lockBoard(control: Y.Doc, origin: DocOrigin = LOCAL_ORIGIN): Result<void, CommandError> {
  return setLocked(control, true, origin);
}

/** Opens the round again. */
export function unlockBoard(control: Y.Doc, origin: DocOrigin = LOCAL_ORIGIN): Result<void, CommandError> {
  return setLocked(control, false, origin);
}

/** The policy; anything but `true` under `locked` reads as unlocked (the relay reads it the same way). */
export function readPolicy(control: Y.Doc): RoomPolicy {
  return { locked: rootMap(control, ROOT.policy)?.get(POLICY_KEYS.locked) === true };
}
