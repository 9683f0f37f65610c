// Unsaved changes that outlive a reload. The count of pending changes (saved.ts) lives in memory only, so
// after a reload the app compares each document with what it held the last time the relay had everything
// this device held (persistence: db.ts `savedMarks`). Anything beyond it was never confirmed. Honest but
// coarse: it knows *that* something waits, not how many changes. The mark is a Yjs snapshot, state vector
// and delete set, so a change that only deletes (it creates no clock) shows up too; marks recorded before
// snapshots were kept hold only the state vector and cannot show such a change.
import * as Y from 'yjs';
import type { Role } from '../model';
import { covers } from './saved';

export type DocName = 'shared' | 'control';

/** What a device recorded of one document when the relay last had everything (encoded). */
export interface DocMark {
  /** `Y.encodeSnapshot`: state vector and delete set. */
  snapshot?: Uint8Array;
  /** Older marks: the encoded state vector only. */
  stateVector?: Uint8Array;
}

/** The documents a role writes: only those can hold changes of this device. */
export function writtenDocs(role: Role): DocName[] {
  if (role === 'facilitator') return ['shared', 'control'];
  return role === 'participant' ? ['shared'] : [];
}

/** The mark to record for `doc` now. */
export function markOf(doc: Y.Doc): Uint8Array {
  return Y.encodeSnapshot(Y.snapshot(doc));
}

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

/** The recorded snapshot; an unreadable or missing mark reads as "nothing was ever confirmed". */
function decode(mark: DocMark | undefined): { sv: Map<number, number>; ds: DeleteSet | null } {
  try {
    if (mark?.snapshot) {
      const { sv, ds } = Y.decodeSnapshot(mark.snapshot);
      return { sv, ds };
    }
    if (mark?.stateVector) return { sv: Y.decodeStateVector(mark.stateVector), ds: null };
  } catch {
    // fall through
  }
  return { sv: new Map(), ds: Y.createDeleteSet() };
}

/** True when `doc` holds content or deletions the mark does not cover. */
export function hasUnsaved(doc: Y.Doc, mark: DocMark | undefined): boolean {
  const now = Y.snapshot(doc);
  const recorded = decode(mark);
  if (!covers(recorded.sv, now.sv)) return true;
  if (!recorded.ds) return false; // an older mark: deletions cannot be told
  return !Y.equalDeleteSets(recorded.ds, Y.mergeDeleteSets([recorded.ds, now.ds]));
}
