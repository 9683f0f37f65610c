// Folds a document's snapshot and update log into one update. Applying to a scratch Y.Doc (rather than
// Y.mergeUpdates) lets Yjs garbage-collect deleted content, so snapshots stay small; updates whose
// dependencies are missing stay in the result as pending structs, so nothing is dropped.

import * as Y from 'yjs';

export interface Snapshot {
  update: Uint8Array;
  /**
   * The state vector of the integrated content, stored beside the snapshot: a relay that loads the
   * snapshot can send its sync step 1 without parsing megabytes (see StoredDoc.stateVector).
   */
  stateVector: Uint8Array;
}

export function mergeToSnapshot(updates: readonly Uint8Array[]): Snapshot {
  const doc = new Y.Doc({ gc: true, guid: 'merge' }); // a fixed guid: no random uuid per merge
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return { update: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) };
  } finally {
    doc.destroy();
  }
}
