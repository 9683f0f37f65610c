// When the relay refused this device's writes to the shared document (message 101: room locked, another
// person's items touched, or a client-id collision), the local
// replica holds changes the relay will never have: left alone it would diverge for good. This swaps it for
// a fresh replica loaded from the relay. Order matters, so nothing typed is ever lost:
//   1. stop syncing the old replica and sync a fresh one from the relay;
//   2. ideas in the old replica the relay does not hold (readIdeasMissingFromDoc) go to the drafts first;
//      the fresh replica is a new Y.Doc, so it writes with a fresh client id (after a collision too);
//   3. only then the old replica's IndexedDB data is deleted and the fresh one is persisted and shown.
// If the app closes before step 3, the old data is still on the device and the next refusal repeats this.
import type * as Y from 'yjs';
import { createSharedDoc, readIdeasMissingFromDoc, type ConferenceDocs } from '../doc';
import type { Idea, RoomId } from '../model';
import { DocStore } from '../persistence/doc-store';
import type { Connection } from '../sync/connection.svelte';
import { isRelayOrigin } from '../sync/doc-link';
import type { ConferenceView } from './conference.svelte';

export interface SharedResetDeps {
  roomId: RoomId;
  /** `docs.shared` is replaced by the fresh document. */
  docs: ConferenceDocs;
  /** The shared document's store: replaced by one for the fresh document. */
  store: { get: () => DocStore; set: (store: DocStore) => void; name: string };
  connection: Connection;
  view: ConferenceView;
  /** Stores the refused ideas as drafts; must resolve only once they are durably kept. */
  keepAsDrafts(ideas: Idea[]): Promise<void>;
  /** The session closed meanwhile: stop (the old replica stays as it is). */
  cancelled(): boolean;
}

/** Reloads the shared document from the relay; resolves with the ideas kept as drafts (null if cancelled). */
export async function resetSharedFromRelay(deps: SharedResetDeps): Promise<Idea[] | null> {
  const { docs, connection } = deps;
  const old: Y.Doc = docs.shared;
  connection.detachShared();
  const fresh = createSharedDoc(deps.roomId);
  await connection.attachShared(fresh);
  if (deps.cancelled()) return discard(fresh);

  const refused = readIdeasMissingFromDoc(old, fresh);
  try {
    await deps.keepAsDrafts(refused);
  } catch (error) {
    // Drafts could not be stored (device storage full?): keep the old replica and its data as they are.
    connection.detachShared();
    void connection.attachShared(old);
    discard(fresh);
    throw error;
  }
  if (deps.cancelled()) return discard(fresh);

  await deps.store.get().clear();
  if (deps.cancelled()) return discard(fresh);
  const store = new DocStore(deps.store.name, fresh, { deferrable: isRelayOrigin });
  deps.store.set(store);
  await store.whenLoaded;

  docs.shared = fresh;
  deps.view.replaceShared();
  old.destroy();
  return refused;
}

function discard(doc: Y.Doc): null {
  doc.destroy();
  return null;
}
