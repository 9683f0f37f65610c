// Whether changes made on this device before this visit (then a reload, a closed tab, a crash) still wait
// for the relay, as a rune for the status bar. Loaded once when a conference opens; recorded again when the
// relay confirmed everything (the documents' snapshots go to the device database). While confirmations keep
// coming (a busy table: one per arriving idea) a record is made at most once per RECORD_EVERY_MS, the latest
// confirmation winning: a snapshot walks every struct of a document, which at 50 arrivals a second kept a
// phone busy. A record made later than its confirmation is made only if everything is still confirmed
// then, so a mark never claims more than the relay has.
import type * as Y from 'yjs';
import type { Role } from '../model';
import { getSavedMark, putSavedMark, type SavedMarkRecord } from '../persistence/db';
import { hasUnsaved, markOf, writtenDocs } from '../sync/unsaved';

export interface Docs {
  shared: Y.Doc;
  control: Y.Doc;
}

const RECORD_EVERY_MS = 1000;

interface Confirmation {
  docs: Docs;
  at: number;
  stillSaved: () => boolean;
}

export class EarlierChanges {
  readonly #roomId: string;
  #waiting = $state(false);
  #writing: Promise<void> | null = null;
  #next: Confirmation | null = null;
  #lastRecord = -Infinity;

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

  /**
   * The relay has everything these documents hold: remember that; earlier changes are saved now.
   * `stillSaved` answers whether that is still true when the record is made (later, while throttled).
   */
  recordSaved(docs: Docs, at = Date.now(), stillSaved: () => boolean = () => true): Promise<void> {
    this.#waiting = false;
    this.#next = { docs, at, stillSaved };
    this.#writing ??= this.#drain();
    return this.#writing;
  }

  async #drain(): Promise<void> {
    while (this.#next) {
      const wait = this.#lastRecord + RECORD_EVERY_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const next = this.#next;
      this.#next = null;
      if (!next || !next.stillSaved()) continue; // a later confirmation records again
      const record: SavedMarkRecord = {
        roomId: this.#roomId,
        snapshots: { shared: markOf(next.docs.shared), control: markOf(next.docs.control) },
        at: next.at
      };
      this.#lastRecord = Date.now();
      await putSavedMark(record).catch(() => undefined);
    }
    this.#writing = null;
  }
}
