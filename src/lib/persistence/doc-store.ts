// Keeps a conference's Y.Docs on this device (y-indexeddb) and tells the truth about it. y-indexeddb
// writes each update fire-and-forget, so after every batch of updates this store opens its own read-only
// transaction on the same object store. IndexedDB runs it only after the earlier read-write transactions
// finished, so if the update bytes are not there then, the write failed: the store turns that (quota
// full, storage blocked) into a visible error instead of silent loss, and `retry()` writes the whole
// state again. Only this module and lib/state know it exists; the UI reads `LocalSaveStatus`.
import * as Y from 'yjs';
import { clearDocument, IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb';

export type LocalSaveState = 'loading' | 'saving' | 'saved' | 'error';
export type LocalSaveError = 'quota' | 'unavailable' | 'write-failed';

export interface LocalSaveStatus {
  state: LocalSaveState;
  error: LocalSaveError | null;
  /** When a write was last confirmed in IndexedDB (ms since epoch), null before the first. */
  lastSavedAt: number | null;
}

const UPDATES = 'updates';
const LOAD_TIMEOUT_MS = 15_000;
const VERIFY_DELAY_MS = 100;
/** Updates that may wait (from the relay, which holds them) are written together within this window. */
const WRITE_BATCH_MS = 50;

export interface DocStoreOptions {
  /**
   * Updates of these origins may wait up to WRITE_BATCH_MS and be written with others in one IndexedDB
   * transaction: the relay's updates (it holds them; a page closed in between loads them again). On a busy
   * table 50 ideas a second arrive, and a transaction each cost more than the rest of applying them.
   * Everything else (this device's own writes) is written at once.
   */
  deferrable?: (origin: unknown) => boolean;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function svCovers(stored: Map<number, number>, wanted: Map<number, number>): boolean {
  for (const [client, clock] of wanted) if ((stored.get(client) ?? 0) < clock) return false;
  return true;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
  });
}

function errorKind(error: unknown): LocalSaveError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  return name === 'QuotaExceededError' ? 'quota' : 'write-failed';
}

/** One Y.Doc persisted in one IndexedDB database. */
export class DocStore {
  readonly whenLoaded: Promise<boolean>;
  #persistence: IndexeddbPersistence;
  #doc: Y.Doc;
  #status: LocalSaveStatus = { state: 'loading', error: null, lastSavedAt: null };
  #listeners = new Set<(status: LocalSaveStatus) => void>();
  #loaded = false;
  #unverifiedBeforeLoad = false;
  #inFlight = 0;
  #batch: Uint8Array[] = [];
  #keyFloor = 0;
  #lastAbort: unknown = null;
  #destroyed = false;
  #deferrable: (origin: unknown) => boolean;
  /** Updates not yet handed to IndexedDB, and the timer that writes them. */
  #writeQueue: Uint8Array[] = [];
  #writeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(name: string, doc: Y.Doc, options: DocStoreOptions = {}) {
    this.#doc = doc;
    this.#deferrable = options.deferrable ?? (() => false);
    this.#persistence = new IndexeddbPersistence(name, doc);
    // This store writes the updates itself (batched where it may); y-indexeddb keeps loading, trimming
    // and storing the whole state.
    doc.off('update', this.#persistence._storeUpdate);
    doc.on('update', this.#onUpdate);
    if (typeof addEventListener === 'function') addEventListener('pagehide', this.#flushWrites);
    this.#persistence._db.then(
      (db) => db.addEventListener('abort', this.#onAbort),
      () => undefined
    );
    const opened = this.#persistence._db.then(
      () => this.#persistence.whenSynced.then(() => true),
      () => false
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), LOAD_TIMEOUT_MS);
    });
    this.whenLoaded = Promise.race([opened, timeout]).then(async (ok) => {
      clearTimeout(timer);
      if (this.#destroyed) return ok;
      if (!ok) {
        this.#set({ state: 'error', error: 'unavailable' });
        return false;
      }
      this.#loaded = true;
      if (this.#unverifiedBeforeLoad) await this.#verifyFull();
      else this.#set({ state: this.#batch.length > 0 ? 'saving' : 'saved' });
      return true;
    });
  }

  get status(): LocalSaveStatus {
    return this.#status;
  }

  /** True for the origin of the transactions that apply stored state to the document. */
  isStoreOrigin(origin: unknown): boolean {
    return origin === this.#persistence;
  }

  subscribe(listener: (status: LocalSaveStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Checks that everything the document holds is stored (e.g. right after creating it). */
  verify(): Promise<boolean> {
    return this.#verifyFull();
  }

  /** Writes the whole document again (after a failed write) and checks that it arrived. */
  async retry(): Promise<boolean> {
    if (!this.#persistence.db) return false;
    this.#emit({ ...this.#status, state: 'saving', error: null });
    await storeState(this.#persistence, true).catch(() => undefined);
    return this.#verifyFull();
  }

  async destroy(): Promise<void> {
    this.#flushWrites();
    this.#destroyed = true;
    this.#doc.off('update', this.#onUpdate);
    if (typeof removeEventListener === 'function') removeEventListener('pagehide', this.#flushWrites);
    this.#listeners.clear();
    await this.#persistence.destroy();
  }

  /**
   * Stops persisting and deletes this document's database, so the next load starts empty (the relay refused
   * this replica's writes and it is reloaded from the relay). Resolves false when the deletion did not
   * finish in time (another tab still holds the database open).
   */
  async clear(timeoutMs = 5000): Promise<boolean> {
    await this.destroy();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const deleted = clearDocument(this.#persistence.name).then(
      () => true,
      () => false
    );
    const done = await Promise.race([deleted, timeout]);
    clearTimeout(timer);
    return done;
  }

  /** An error stays until `retry()` rewrites the whole state; later writes that work do not hide it. */
  #set(patch: Partial<LocalSaveStatus>): void {
    if (this.#status.state === 'error' && patch.state !== 'error') return;
    this.#emit({ ...this.#status, ...patch });
  }

  #emit(status: LocalSaveStatus): void {
    this.#status = status;
    for (const listener of this.#listeners) listener(status);
  }

  #onAbort = (event: Event): void => {
    const tx = event.target instanceof IDBTransaction ? event.target : null;
    if (tx && tx.mode === 'readwrite') this.#lastAbort = tx.error;
  };

  #onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.#persistence || this.#destroyed) return;
    if (!this.#persistence.db) {
      // y-indexeddb stores the whole state once the database opened; checked in whenLoaded.
      this.#unverifiedBeforeLoad = true;
      return;
    }
    this.#writeQueue.push(update);
    if (!this.#deferrable(origin)) this.#flushWrites();
    else this.#writeTimer ??= setTimeout(this.#flushWrites, WRITE_BATCH_MS);
    // One check per VERIFY_DELAY_MS, not per update: a busy table delivers dozens of updates a second.
    if (this.#batch.length === 0) setTimeout(() => void this.#verifyBatch(), VERIFY_DELAY_MS);
    this.#batch.push(update);
    if (this.#loaded && this.#status.state !== 'error') this.#set({ state: 'saving' });
  };

  /**
   * Hands the queued updates to IndexedDB in one read-write transaction (fire and forget, as y-indexeddb
   * does: #verifyBatch reads them back), and lets y-indexeddb merge the stored updates into one when there
   * are many.
   */
  #flushWrites = (): void => {
    clearTimeout(this.#writeTimer);
    this.#writeTimer = undefined;
    const updates = this.#writeQueue;
    const persistence = this.#persistence;
    if (updates.length === 0 || !persistence.db || this.#destroyed) return;
    this.#writeQueue = [];
    try {
      const store = persistence.db.transaction([UPDATES], 'readwrite').objectStore(UPDATES);
      for (const update of updates) store.add(update);
    } catch {
      return; // the database is closing or gone; #verifyBatch reports the missing bytes
    }
    persistence._dbsize += updates.length;
    if (persistence._dbsize >= PREFERRED_TRIM_SIZE) {
      clearTimeout(persistence._storeTimeoutId);
      persistence._storeTimeoutId = setTimeout(() => {
        void storeState(persistence, false);
        persistence._storeTimeoutId = null;
      }, persistence._storeTimeout);
    }
  };

  /** Looks for this batch's update bytes, in order, among the entries written since the last match. */
  async #verifyBatch(): Promise<void> {
    this.#flushWrites(); // everything this batch expects is handed to IndexedDB before it is looked for
    const db = this.#persistence.db;
    const wanted = this.#batch;
    this.#batch = [];
    if (!db || this.#destroyed) return;
    this.#inFlight++;
    let found = 0;
    try {
      const tx = db.transaction([UPDATES], 'readonly');
      const cursor = tx.objectStore(UPDATES).openCursor(IDBKeyRange.lowerBound(this.#keyFloor, true));
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c || found === wanted.length) return;
        const next = wanted[found];
        if (next && c.value instanceof Uint8Array && sameBytes(c.value, next)) {
          found++;
          if (typeof c.key === 'number') this.#keyFloor = Math.max(this.#keyFloor, c.key);
        }
        c.continue();
      };
      await done(tx);
    } catch (error) {
      this.#inFlight--;
      this.#fail(errorKind(error));
      return;
    }
    this.#inFlight--;
    if (found < wanted.length) this.#fail(errorKind(this.#lastAbort));
    else if (this.#inFlight === 0 && this.#batch.length === 0)
      this.#set({ state: 'saved', lastSavedAt: Date.now() });
  }

  /** True when the stored updates together cover everything the document holds. */
  async #verifyFull(): Promise<boolean> {
    const db = this.#persistence.db;
    if (!db) return false;
    try {
      const tx = db.transaction([UPDATES], 'readonly');
      const request = tx.objectStore(UPDATES).getAll();
      await done(tx);
      const stored = (request.result as unknown[]).filter((v): v is Uint8Array => v instanceof Uint8Array);
      const storedSv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(Y.mergeUpdates(stored)));
      const ok = svCovers(storedSv, Y.decodeStateVector(Y.encodeStateVector(this.#doc)));
      if (!ok) {
        this.#fail(errorKind(this.#lastAbort));
        return false;
      }
      this.#unverifiedBeforeLoad = false;
      this.#emit({ state: 'saved', error: null, lastSavedAt: Date.now() });
      return true;
    } catch (error) {
      this.#fail(errorKind(error));
      return false;
    }
  }

  #fail(kind: LocalSaveError): void {
    this.#set({ state: 'error', error: kind });
  }
}

/** Combines several documents' statuses: the worst state wins; lastSavedAt is the latest confirmation. */
export function combineStatus(statuses: LocalSaveStatus[]): LocalSaveStatus {
  const rank: Record<LocalSaveState, number> = { error: 0, loading: 1, saving: 2, saved: 3 };
  let worst: LocalSaveStatus = { state: 'saved', error: null, lastSavedAt: null };
  let lastSavedAt: number | null = null;
  for (const s of statuses) {
    if (rank[s.state] < rank[worst.state]) worst = s;
    if (s.lastSavedAt !== null)
      lastSavedAt = lastSavedAt === null ? s.lastSavedAt : Math.max(lastSavedAt, s.lastSavedAt);
  }
  return { state: worst.state, error: worst.error, lastSavedAt };
}
