// When the relay refused this device's writes to a document (message 101: the round was closed, another
// person's items were touched, a plan link reached outside its plan, or a client-id collision), the local
// replica holds changes the relay will never have: left alone it would diverge for good, and every later
// change from this device would wait behind the refused one. This swaps the replica for a fresh one
// loaded from the relay. Order matters, so nothing typed is ever lost:
//   1. stop syncing the old replica and sync a fresh one from the relay;
//   2. what the old replica holds and the fresh one lacks is kept first (`keep`: drafts, a list shown);
//      the fresh replica is a new Y.Doc, so it writes with a fresh client id (after a collision too);
//   3. only then the old replica's IndexedDB data is deleted and the fresh one is persisted and shown.
// If the app closes before step 3, the old data is still on the device and the next refusal repeats this.
// shared-reset.ts (ideas) and the Plans controller (plans.svelte.ts) use it.
import type * as Y from 'yjs';
import { DocStore } from '../persistence/doc-store';
import type { Connection } from '../sync/connection.svelte';
import { isRelayOrigin } from '../sync/doc-link';

export interface DocReloadDeps<T> {
  kind: 'shared' | 'plans';
  old: Y.Doc;
  /** A new, empty replica of the same document. */
  fresh: () => Y.Doc;
  /** The document's store: replaced by one for the fresh document. */
  store: { get: () => DocStore; set: (store: DocStore) => void; name: string };
  connection: Connection;
  /** Reads what `old` holds that `fresh` lacks and keeps it; must resolve only once it is kept. */
  keep(old: Y.Doc, fresh: Y.Doc): Promise<T>;
  /** Shows the fresh document instead of the old one. */
  swap(fresh: Y.Doc): void;
  /** The session closed meanwhile: stop (the old replica stays as it is). */
  cancelled(): boolean;
}

/** Reloads the document from the relay; resolves with what `keep` returned (null if cancelled). */
export async function reloadFromRelay<T>(deps: DocReloadDeps<T>): Promise<T | null> {
  const { kind, old, connection } = deps;
  connection.detach(kind);
  const fresh = deps.fresh();
  await connection.attach(kind, fresh);
  if (deps.cancelled()) return discard(fresh);

  let kept: T;
  try {
    kept = await deps.keep(old, fresh);
  } catch (error) {
    // Nothing could be kept (device storage full?): keep the old replica and its data as they are.
    connection.detach(kind);
    void connection.attach(kind, old);
    discard(fresh);
    throw error;
  }
  if (deps.cancelled()) return discard(fresh);

  await deps.store.get().clear();
  if (deps.cancelled()) return discard(fresh);
  const store = new DocStore(deps.store.name, fresh, { deferrable: isRelayOrigin });
  deps.store.set(store);
  await store.whenLoaded;

  deps.swap(fresh);
  old.destroy();
  return kept;
}

function discard(doc: Y.Doc): null {
  doc.destroy();
  return null;
}
