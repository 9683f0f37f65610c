// Loading a conference this device knows, for ConferenceSession.open: the device record (with the
// participant key, made once per conference and device), the documents from their IndexedDB stores,
// migrated by the roles that may write them, and the changes of earlier visits the relay has not confirmed.
import type * as Y from 'yjs';
import {
  createConferenceDocs,
  createFacilitatorsDoc,
  createPlansDoc,
  migrate,
  type ConferenceDocs
} from '../doc';
import { makeParticipantKey, type RoomId } from '../model';
import { getConference, updateConference, type ConferenceRecord } from '../persistence/db';
import { DocStore } from '../persistence/doc-store';
import { docStoreNames } from '../persistence/store-names';
import { isRelayOrigin } from '../sync/doc-link';
import { EarlierChanges } from './unsaved.svelte';

export interface LoadedConference {
  record: ConferenceRecord;
  docs: ConferenceDocs;
  /** Facilitators only: the document only facilitators read (lib/doc/facilitators.ts). */
  facilitators: Y.Doc | null;
  /** The action plans, written together by facilitators and participants (lib/doc/plans.ts). */
  plans: Y.Doc;
  /** shared first (it is replaced after a refused write), then control, facilitators, plans. */
  stores: DocStore[];
  earlier: EarlierChanges;
}

/** Null when this device has no record of the conference (so no token). */
export async function loadConference(roomId: string): Promise<LoadedConference | null> {
  let record = await getConference(roomId);
  if (!record) return null;
  if (!record.participantKey) {
    // Made once per conference and device, before the first session request (identity on the relay).
    record = { ...record, participantKey: makeParticipantKey() };
    await updateConference(roomId, { participantKey: record.participantKey });
  }
  const docs = createConferenceDocs(roomId as RoomId);
  const names = docStoreNames(roomId);
  const storeOpts = { deferrable: isRelayOrigin };
  const stores = [
    new DocStore(names.shared, docs.shared, storeOpts),
    new DocStore(names.control, docs.control, storeOpts)
  ];
  const facilitators = record.role === 'facilitator' ? createFacilitatorsDoc(roomId as RoomId) : null;
  if (facilitators) stores.push(new DocStore(names.facilitators, facilitators, storeOpts));
  const plans = createPlansDoc(roomId as RoomId);
  stores.push(new DocStore(names.plans, plans, storeOpts));
  await Promise.all(stores.map((s) => s.whenLoaded));
  // Only a role that may write a document migrates it (a viewer's writes would be refused).
  if (record.role === 'facilitator') migrate(docs.control, 'control');
  if (record.role !== 'viewer' && !record.planScope) migrate(docs.shared, 'shared');
  const earlier = await EarlierChanges.load(roomId, record.role, docs);
  return { record, docs, facilitators, plans, stores, earlier };
}
