// Unsaved changes that outlive a reload. The count of pending changes (saved.ts) lives in memory only, so
// after a reload the app compares each document with the state vector recorded the last time the relay
// had everything this device held (persistence: db.ts `savedMarks`). Anything beyond it was never
// confirmed. Honest but coarse: it knows *that* something waits, not how many changes; and a change that
// only deletes creates no clock, so it cannot show up here (while the app runs, saved.ts tracks such a
// change with a save request; across a reload only the state vector remains).
import * as Y from 'yjs';
import type { Role } from '../model';
import { covers, type StateVector } from './saved';

export type DocName = 'shared' | 'control';

/** The documents a role writes: only those can hold changes of this device. */
export function writtenDocs(role: Role): DocName[] {
  if (role === 'facilitator') return ['shared', 'control'];
  return role === 'participant' ? ['shared'] : [];
}

function decode(recorded: Uint8Array | undefined): StateVector {
  if (!recorded) return new Map();
  try {
    return Y.decodeStateVector(recorded);
  } catch {
    return new Map(); // unreadable: as if nothing was ever confirmed
  }
}

/** True when `doc` holds content the recorded state vector (encoded; absent: none) does not cover. */
export function hasUnsaved(doc: Y.Doc, recorded: Uint8Array | undefined): boolean {
  return !covers(decode(recorded), Y.decodeStateVector(Y.encodeStateVector(doc)));
}
