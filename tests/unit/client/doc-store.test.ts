// DocStore: documents survive a reload, every write is confirmed in IndexedDB, and a failed write
// becomes a visible error that `retry()` repairs by writing the whole state again.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { combineStatus, DocStore, type LocalSaveStatus } from '../../../src/lib/persistence/doc-store';

let counter = 0;
const stores: DocStore[] = [];
const realAdd = IDBObjectStore.prototype.add;

function open(name: string, doc = new Y.Doc()): { store: DocStore; doc: Y.Doc } {
  const store = new DocStore(name, doc);
  stores.push(store);
  return { store, doc };
}

function nextStatus(store: DocStore, want: (s: LocalSaveStatus) => boolean): Promise<LocalSaveStatus> {
  return new Promise((resolve) => {
    if (want(store.status)) return resolve(store.status);
    const off = store.subscribe((s) => {
      if (want(s)) {
        off();
        resolve(s);
      }
    });
  });
}

/** Makes every write to the `updates` store of databases named `name` fail, optionally as quota error. */
function breakWrites(name: string, errorName?: string): void {
  IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
    const tx = this.transaction;
    if (tx.db.name === name && this.name === 'updates') {
      if (errorName) Object.defineProperty(tx, 'error', { get: () => new DOMException('full', errorName) });
      const request = realAdd.apply(this, args);
      // y-indexeddb never awaits this request; keep its error handler off so the aborted write does not
      // surface as an unhandled rejection in the test run (in a browser it would only be logged).
      Object.defineProperty(request, 'onerror', { set: () => undefined, get: () => null });
      tx.abort();
      return request;
    }
    return realAdd.apply(this, args);
  };
}

afterEach(async () => {
  IDBObjectStore.prototype.add = realAdd;
  await Promise.all(stores.splice(0).map((s) => s.destroy()));
});

describe('DocStore', () => {
  it('restores a document after a reload', async () => {
    const name = `doc-${++counter}`;
    const first = open(name);
    expect(await first.store.whenLoaded).toBe(true);
    first.doc.getMap('m').set('a', 1);
    first.doc.getMap('m').set('b', 2);
    await nextStatus(first.store, (s) => s.state === 'saved' && s.lastSavedAt !== null);
    await first.store.destroy();

    const second = open(name);
    expect(await second.store.whenLoaded).toBe(true);
    expect(second.doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
    expect(second.store.status.state).toBe('saved');
  });

  it('reports saving, then saved once the write is confirmed', async () => {
    const { store, doc } = open(`doc-${++counter}`);
    await store.whenLoaded;
    const seen: string[] = [];
    store.subscribe((s) => seen.push(s.state));
    doc.getArray('a').push(['x']);
    const saved = await nextStatus(store, (s) => s.state === 'saved' && s.lastSavedAt !== null);
    expect(seen[0]).toBe('saving');
    expect(saved.error).toBeNull();
  });

  it('turns a failed write into a visible error, and retry() stores everything', async () => {
    const name = `doc-${++counter}`;
    const { store, doc } = open(name);
    await store.whenLoaded;
    doc.getMap('m').set('kept', 'yes');
    await nextStatus(store, (s) => s.state === 'saved' && s.lastSavedAt !== null);

    breakWrites(name);
    doc.getMap('m').set('lost', 'no');
    const failed = await nextStatus(store, (s) => s.state === 'error');
    expect(failed.error).toBe('write-failed');

    // Later writes that work do not hide the earlier loss.
    IDBObjectStore.prototype.add = realAdd;
    doc.getMap('m').set('later', 'ok');
    await new Promise((r) => setTimeout(r, 50));
    expect(store.status.state).toBe('error');

    expect(await store.retry()).toBe(true);
    expect(store.status).toMatchObject({ state: 'saved', error: null });
    await store.destroy();
    const reopened = open(name);
    await reopened.store.whenLoaded;
    expect(reopened.doc.getMap('m').toJSON()).toEqual({ kept: 'yes', lost: 'no', later: 'ok' });
  });

  it("writes the relay's updates together, its own at once, and loses none across a reload", async () => {
    const name = `doc-${++counter}`;
    const relay = { relay: true };
    const doc = new Y.Doc();
    const store = new DocStore(name, doc, { deferrable: (origin) => origin === relay });
    stores.push(store);
    await store.whenLoaded;
    const realTransaction = IDBDatabase.prototype.transaction;
    let writes = 0;
    IDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      ...args: [string[], IDBTransactionMode?]
    ) {
      if (this.name === name && args[1] === 'readwrite') writes++;
      return realTransaction.apply(this, args);
    } as typeof realTransaction;
    try {
      const other = new Y.Doc();
      for (let i = 0; i < 20; i++) {
        other.getMap('m').set(`r${i}`, i);
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), relay);
      }
      expect(writes).toBe(0); // waiting in the batch
      doc.getMap('m').set('own', 'now');
      expect(writes).toBe(1); // the own write takes the waiting ones with it, at once
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), relay);
      other.getMap('m').set('late', 1);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), relay);
      await nextStatus(store, (s) => s.state === 'saved' && s.lastSavedAt !== null);
      expect(writes).toBe(2);
    } finally {
      IDBDatabase.prototype.transaction = realTransaction;
    }
    await store.destroy();
    const reopened = open(name);
    await reopened.store.whenLoaded;
    expect(Object.keys(reopened.doc.getMap('m').toJSON()).sort()).toEqual(
      [...Array.from({ length: 20 }, (_, i) => `r${i}`), 'late', 'own'].sort()
    );
  });

  it('names a full disk as quota error', async () => {
    const name = `doc-${++counter}`;
    const { store, doc } = open(name);
    await store.whenLoaded;
    breakWrites(name, 'QuotaExceededError');
    doc.getMap('m').set('big', 'x'.repeat(1000));
    expect((await nextStatus(store, (s) => s.state === 'error')).error).toBe('quota');
  });
});

describe('combineStatus', () => {
  it('takes the worst state and the latest confirmation', () => {
    const got = combineStatus([
      { state: 'saved', error: null, lastSavedAt: 5 },
      { state: 'error', error: 'quota', lastSavedAt: 9 },
      { state: 'saving', error: null, lastSavedAt: null }
    ]);
    expect(got).toEqual({ state: 'error', error: 'quota', lastSavedAt: 9 });
    expect(
      combineStatus([
        { state: 'saved', error: null, lastSavedAt: 1 },
        { state: 'loading', error: null, lastSavedAt: null }
      ]).state
    ).toBe('loading');
  });
});
