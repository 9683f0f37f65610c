// The Yjs part of the conference file (model/conference-file.ts has the format): each document's full
// state out, and in again by merging. A state is checked on a throwaway document first, so a file whose
// checksum holds but whose Yjs bytes are malformed changes nothing on the device.

import * as Y from 'yjs';
import type { FileDocName, FileDocStates } from '../model/conference-file';
import { LOCAL_ORIGIN } from './origin';
import { controlGuid, defineRoots, sharedGuid } from './docs';
import { createFacilitatorsDoc } from './facilitators';
import { createPlansDoc } from './plans';
import type { RoomId } from '../model';

export type FileDocs = Partial<Record<FileDocName, Y.Doc>> & { shared: Y.Doc; control: Y.Doc; plans: Y.Doc };

/** Every given document's whole state (Y.encodeStateAsUpdate). */
export function encodeDocStates(docs: FileDocs): FileDocStates {
  const out: FileDocStates = {
    shared: Y.encodeStateAsUpdate(docs.shared),
    control: Y.encodeStateAsUpdate(docs.control),
    plans: Y.encodeStateAsUpdate(docs.plans)
  };
  if (docs.facilitators) out.facilitators = Y.encodeStateAsUpdate(docs.facilitators);
  return out;
}

/** A fresh, empty document of that kind (roots defined as the app defines them). */
export function createFileDoc(roomId: RoomId, name: FileDocName): Y.Doc {
  if (name === 'plans') return createPlansDoc(roomId);
  if (name === 'facilitators') return createFacilitatorsDoc(roomId);
  const doc = new Y.Doc({ guid: name === 'shared' ? sharedGuid(roomId) : controlGuid(roomId) });
  defineRoots(doc, name);
  return doc;
}

/**
 * True when every state applies cleanly to a fresh document of its kind: Yjs reads it whole, and nothing
 * waits for missing earlier updates (a full state never does).
 */
export function checkDocStates(roomId: RoomId, states: FileDocStates): boolean {
  for (const [name, state] of Object.entries(states) as [FileDocName, Uint8Array][]) {
    const doc = createFileDoc(roomId, name);
    try {
      Y.applyUpdate(doc, state);
      const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
      if (pending) return false;
    } catch {
      return false;
    } finally {
      doc.destroy();
    }
  }
  return true;
}

/** Merges a checked state into a document (what both sides changed while apart, kept). */
export function applyDocState(doc: Y.Doc, state: Uint8Array, origin: unknown = LOCAL_ORIGIN): void {
  Y.applyUpdate(doc, state, origin);
}
