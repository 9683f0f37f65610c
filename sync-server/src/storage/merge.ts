// Folds a document's snapshot and update log into one update. Applying to a scratch Y.Doc (rather than
// Y.mergeUpdates) lets Yjs garbage-collect deleted content, so snapshots stay small; updates whose
// dependencies are missing stay in the result as pending structs, so nothing is dropped.

import * as Y from 'yjs';

export function mergeToSnapshot(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true, guid: 'merge' }); // a fixed guid: no random uuid per merge
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
