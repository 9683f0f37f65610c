// Creating a conference's two documents and observing them. The shared doc's guid is the room id, the
// control doc's is `<roomId>/control`, matching the relay paths in ARCHITECTURE.md.

import * as Y from 'yjs';
import type { RoomId } from '../model';
import { ROOT, ROOTS_OF, rootMap, type DocKind } from './schema';

export interface ConferenceDocs {
  shared: Y.Doc;
  control: Y.Doc;
}

export const sharedGuid = (roomId: RoomId): string => roomId;
export const controlGuid = (roomId: RoomId): string => `${roomId}/control`;

/** Defines every root map up front, so a remote update can never claim a root name as another type. */
export function defineRoots(doc: Y.Doc, kind: DocKind): void {
  for (const name of ROOTS_OF[kind]) rootMap(doc, name);
}

/** A fresh shared document (after the relay refused this device's writes, it is reloaded from the relay). */
export function createSharedDoc(roomId: RoomId): Y.Doc {
  const shared = new Y.Doc({ guid: sharedGuid(roomId) });
  defineRoots(shared, 'shared');
  return shared;
}

export function createConferenceDocs(roomId: RoomId): ConferenceDocs {
  const shared = new Y.Doc({ guid: sharedGuid(roomId) });
  const control = new Y.Doc({ guid: controlGuid(roomId) });
  defineRoots(shared, 'shared');
  defineRoots(control, 'control');
  return { shared, control };
}

/**
 * Calls `onChange` once after every transaction that changed any schema root of `doc` (local or remote),
 * however many roots it touched. Returns the function that stops observing.
 */
export function observeDoc(doc: Y.Doc, kind: DocKind, onChange: () => void): () => void {
  const maps = ROOTS_OF[kind].map((name) => rootMap(doc, name)).filter((m) => m !== null);
  return observeMaps(doc, maps, onChange);
}

/** Calls `onChange` once after every transaction that changed anything in `maps` (all of `doc`). */
export function observeMaps(doc: Y.Doc, maps: readonly Y.Map<unknown>[], onChange: () => void): () => void {
  let changed = false;
  const mark = (): void => {
    changed = true;
  };
  // Yjs calls deep observers before it emits afterTransaction, so one flag per transaction suffices.
  const flush = (): void => {
    if (!changed) return;
    changed = false;
    onChange();
  };
  for (const m of maps) m.observeDeep(mark);
  doc.on('afterTransaction', flush);
  return () => {
    for (const m of maps) m.unobserveDeep(mark);
    doc.off('afterTransaction', flush);
  };
}

/**
 * Calls `onChange` once after every transaction that touched ideas of the shared document, with the keys of
 * the ideas it added, changed or removed (any key: read each with `readIdea`, which answers null for one
 * that is gone or unreadable). Lets a read model patch what changed instead of reading every idea again.
 */
export function observeIdeas(shared: Y.Doc, onChange: (keys: ReadonlySet<string>) => void): () => void {
  const ideas = rootMap(shared, ROOT.ideas);
  if (!ideas) return () => undefined;
  let keys: Set<string> | null = null;
  const mark = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    keys ??= new Set();
    for (const event of events) {
      if (event.target === ideas)
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) keys.add(key);
      else if (typeof event.path[0] === 'string') keys.add(event.path[0]); // inside one idea's map
    }
  };
  const flush = (): void => {
    if (!keys) return;
    const changed = keys;
    keys = null;
    onChange(changed);
  };
  ideas.observeDeep(mark);
  shared.on('afterTransaction', flush);
  return () => {
    ideas.unobserveDeep(mark);
    shared.off('afterTransaction', flush);
  };
}

export function destroyConferenceDocs(docs: ConferenceDocs): void {
  docs.shared.destroy();
  docs.control.destroy();
}
