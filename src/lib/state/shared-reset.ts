// The shared document (ideas) reloaded from the relay after it refused this device's writes
// (doc-reload.ts says how and why): ideas the relay does not hold (readIdeasMissingFromDoc) go back to
// the drafts before the old replica is dropped.
import { createSharedDoc, readIdeasMissingFromDoc, type ConferenceDocs } from '../doc';
import type { Idea, RoomId } from '../model';
import type { DocStore } from '../persistence/doc-store';
import type { Connection } from '../sync/connection.svelte';
import type { ConferenceView } from './conference.svelte';
import { reloadFromRelay } from './doc-reload';

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
export function resetSharedFromRelay(deps: SharedResetDeps): Promise<Idea[] | null> {
  return reloadFromRelay({
    kind: 'shared',
    old: deps.docs.shared,
    fresh: () => createSharedDoc(deps.roomId),
    store: deps.store,
    connection: deps.connection,
    async keep(old, fresh) {
      const refused = readIdeasMissingFromDoc(old, fresh);
      await deps.keepAsDrafts(refused);
      return refused;
    },
    swap(fresh) {
      deps.docs.shared = fresh;
      deps.view.replaceShared();
    },
    cancelled: deps.cancelled
  });
}
