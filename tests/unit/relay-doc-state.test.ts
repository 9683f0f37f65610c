import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { DocState, isEmptyUpdate } from '../../sync-server/src/doc-state';
import { mergeToSnapshot } from '../../sync-server/src/storage/merge';

const ORIGIN = Symbol('load');

function board(items: number, clientID = 7): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const ideas = doc.getMap<string>('ideas');
  for (let i = 0; i < items; i++) ideas.set(`i${i}`, `Idee ${i}`);
  return doc;
}

/** The update inside a sync step 2 message (asserting its header). */
function updateOf(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(0);
  expect(decoding.readVarUint(decoder)).toBe(1);
  return decoding.readVarUint8Array(decoder);
}

function contentOf(update: Uint8Array): Record<string, string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getMap<string>('ideas').toJSON() as Record<string, string>;
}

const emptyStateVector = Y.encodeStateVector(new Y.Doc());
const noCheck = (): void => undefined;

describe('DocState: serving stored content without building the document', () => {
  it('answers a device that knows nothing with the stored bytes and integrates nothing', () => {
    const source = board(50);
    const stored = Y.encodeStateAsUpdate(source);
    const state = new DocState('doc', { updates: [stored] }, ORIGIN);
    expect(state.syncStep1()).toBeInstanceOf(Uint8Array);
    expect(Y.decodeStateVector(state.stateVector())).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(source))
    );
    const answer = state.syncStep2(emptyStateVector, noCheck);
    expect(updateOf(answer)).toEqual(stored);
    expect(state.integrated).toBe(false);
    // A second device gets the very same encoded message (one encode for a join storm).
    expect(state.syncStep2(emptyStateVector, noCheck)).toBe(answer);
    expect(state.integrated).toBe(false);
  });

  it('takes the state vector stored with the snapshot instead of parsing the snapshot for it', () => {
    const source = board(50);
    // A stand-in state vector that parsing the snapshot would never give: proves the stored one is used.
    const storedVector = Y.encodeStateVector(
      new Map([
        [7, 50],
        [99, 1]
      ])
    );
    const state = new DocState(
      'doc',
      { updates: [Y.encodeStateAsUpdate(source)], stateVector: storedVector },
      ORIGIN
    );
    expect(state.stateVector()).toBe(storedVector);
    expect(state.integrated).toBe(false);
    // Once integrated, the document itself tells.
    void state.doc;
    expect(Y.decodeStateVector(state.stateVector())).toEqual(new Map([[7, 50]]));
  });

  it('stores with a snapshot the state vector the document has once integrated, pending structs left out', () => {
    const a = board(3, 1);
    const b = new Y.Doc();
    b.clientID = 2;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = Y.encodeStateVector(b);
    b.getMap<string>('ideas').set('i0', 'von B'); // depends on client 1's items
    const onlyB = Y.encodeStateAsUpdate(b, before);
    // Client 2's update without client 1's: it stays pending in the snapshot.
    const snapshot = mergeToSnapshot([onlyB]);
    expect(Y.decodeStateVector(snapshot.stateVector)).toEqual(new Map());
    const state = new DocState(
      'doc',
      { updates: [snapshot.update], stateVector: snapshot.stateVector },
      ORIGIN
    );
    const storedVector = state.stateVector();
    void state.doc;
    expect(Y.decodeStateVector(state.stateVector())).toEqual(Y.decodeStateVector(storedVector));
  });

  it('merges a snapshot and a log into one answer', () => {
    const source = board(10);
    const snapshot = Y.encodeStateAsUpdate(source);
    const before = Y.encodeStateVector(source);
    source.getMap('ideas').set('late', 'spät');
    source.getMap('ideas').delete('i0');
    const log = Y.encodeStateAsUpdate(source, before);
    const state = new DocState('doc', { updates: [snapshot, log] }, ORIGIN);
    const content = contentOf(updateOf(state.syncStep2(emptyStateVector, noCheck)));
    expect(content).toEqual(source.getMap('ideas').toJSON());
    expect(content.i0).toBeUndefined();
  });

  it('builds the document for a peer that already holds part of it and answers only the difference', () => {
    const source = board(20);
    const state = new DocState('doc', { updates: [Y.encodeStateAsUpdate(source)] }, ORIGIN);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(source));
    source.getMap('ideas').set('neu', 'x');
    const state2 = new DocState('doc', { updates: [Y.encodeStateAsUpdate(source)] }, ORIGIN);
    const checked: Y.Doc[] = [];
    const answer = updateOf(state2.syncStep2(Y.encodeStateVector(peer), (doc) => checked.push(doc)));
    expect(state2.integrated).toBe(true);
    expect(checked).toEqual([state2.ydoc]);
    expect(answer.byteLength).toBeLessThan(Y.encodeStateAsUpdate(source).byteLength / 4);
    Y.applyUpdate(peer, answer);
    expect(peer.getMap('ideas').toJSON()).toEqual(source.getMap('ideas').toJSON());
    expect(state.integrated).toBe(false);
  });

  it('treats a peer that knows only clients this document lacks as knowing nothing', () => {
    const state = new DocState('doc', { updates: [Y.encodeStateAsUpdate(board(5, 1))] }, ORIGIN);
    const stranger = board(3, 99);
    const answer = state.syncStep2(Y.encodeStateVector(stranger), noCheck);
    expect(state.integrated).toBe(false);
    expect(Object.keys(contentOf(updateOf(answer)))).toHaveLength(5);
  });

  it('integrates stored content once, with the given origin, when the document is asked for', () => {
    const state = new DocState('doc', { updates: [Y.encodeStateAsUpdate(board(8))] }, ORIGIN);
    const origins: unknown[] = [];
    state.ydoc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    expect(state.doc.getMap('ideas').size).toBe(8);
    expect(state.doc.getMap('ideas').size).toBe(8);
    expect(origins).toEqual([ORIGIN]);
  });

  it('drops the cached whole-document answer with every change, deletions included', () => {
    const state = new DocState('doc', { updates: [Y.encodeStateAsUpdate(board(3))] }, ORIGIN);
    const first = state.syncStep2(emptyStateVector, noCheck);
    const version = state.version;
    state.doc.getMap('ideas').set('neu', 'Idee neu');
    expect(state.version).toBeGreaterThan(version);
    const second = state.syncStep2(emptyStateVector, noCheck);
    expect(second).not.toBe(first);
    expect(contentOf(updateOf(second)).neu).toBe('Idee neu');
    expect(state.syncStep2(emptyStateVector, noCheck)).toBe(second);
    state.doc.getMap('ideas').delete('i1');
    const third = state.syncStep2(emptyStateVector, noCheck);
    expect(contentOf(updateOf(third)).i1).toBeUndefined();
  });

  it('never caches an answer that carries pending structs', () => {
    const author = board(2, 5);
    author.getMap('ideas').set('a', '1'); // never sent
    const sv2 = Y.encodeStateVector(author);
    author.getMap('ideas').set('b', '2');
    const gapped = Y.encodeStateAsUpdate(author, sv2); // depends on 'a', which never arrives
    const state = new DocState('doc', { updates: [Y.encodeStateAsUpdate(board(2, 5))] }, ORIGIN);
    Y.applyUpdate(state.doc, gapped);
    expect(state.doc.store.pendingStructs).not.toBeNull();
    const first = state.syncStep2(emptyStateVector, noCheck);
    state.doc.store.pendingStructs = null; // what the pending guard does, outside any transaction
    expect(state.syncStep2(emptyStateVector, noCheck)).not.toBe(first);
  });

  it('recognises the empty update a client sends when it holds nothing new', () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(board(1)))).toBe(false);
  });
});

describe('DocState: an empty document', () => {
  it('answers sync without building a Y.Doc until one is needed', () => {
    const state = new DocState('doc', { updates: [] }, ORIGIN);
    expect(Y.decodeStateVector(state.stateVector()).size).toBe(0);
    const answer = updateOf(state.syncStep2(emptyStateVector, noCheck));
    expect(contentOf(answer)).toEqual({});
    expect((state as unknown as { ydocOrNull: Y.Doc | null }).ydocOrNull).toBeNull();
    state.doc.getMap('ideas').set('a', 'erste Idee');
    expect(contentOf(updateOf(state.syncStep2(emptyStateVector, noCheck)))).toEqual({ a: 'erste Idee' });
  });
});
