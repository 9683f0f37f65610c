// Whether changes made on this device before this visit (then a reload, a closed tab, a crash) still wait
// for the relay, as a rune for the status bar. Loaded once when a conference opens; recorded again each
// time the relay confirmed everything (the documents' snapshots go to the device database, the latest one
// winning when writes queue up).
import type * as Y from 'yjs';
import type { Role } from '../model';
import { getSavedMark, putSavedMark, type SavedMarkRecord } from '../persistence/db';
import { hasUnsaved, markOf, writtenDocs } from '../sync/unsaved';

export interface Docs {
  shared: Y.Doc;
  control: Y.Doc;
}

export class EarlierChanges {
  readonly #roomId: string;
  #waiting = $state(false);
  #writing: Promise<void> | null = null;
  #next: SavedMarkRecord | null = null;

  private constructor(roomId: string, waiting: boolean) {
    this.#roomId = roomId;
    this.#waiting = waiting;
  }

  /** Compares the loaded documents with what the relay last confirmed for this conference. */
  static async load(roomId: string, role: Role, docs: Docs): Promise<EarlierChanges> {
    const mark = await getSavedMark(roomId).catch(() => undefined);
    const waiting = writtenDocs(role).some((name) =>
      hasUnsaved(docs[name], { snapshot: mark?.snapshots?.[name], stateVector: mark?.[name] })
    );
    return new EarlierChanges(roomId, waiting);
  }

  /** Changes from before this visit that the relay has not confirmed yet. */
  get waiting(): boolean {
    return this.#waiting;
  }

  /** The relay has everything these documents hold: remember that; earlier changes are saved now. */
  recordSaved(docs: Docs, at = Date.now()): Promise<void> {
    this.#waiting = false;
    this.#next = {
      roomId: this.#roomId,
      snapshots: { shared: markOf(docs.shared), control: markOf(docs.control) },
      at
    };
    this.#writing ??= this.#drain();
    return this.#writing;
  }

  async #drain(): Promise<void> {
    while (this.#next) {
      const record = this.#next;
      this.#next = null;
      await putSavedMark(record).catch(() => undefined);
    }
    this.#writing = null;
  }
}
