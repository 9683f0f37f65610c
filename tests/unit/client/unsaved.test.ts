// Pending changes survive a reload: the state vectors recorded when the relay last had everything are
// compared with the documents on the next open. Pure comparison, the device-database round trip, and a
// session against the real relay: created offline → waiting; saved → not waiting, also after a reload;
// a table added offline → waiting again after a reload, until the relay confirms it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { db, getSavedMark, putSavedMark, removeConference } from '../../../src/lib/persistence/db';
import { createConference } from '../../../src/lib/state/create-conference';
import { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { ConferenceSetup } from '../../../src/lib/state/setup';
import { EarlierChanges } from '../../../src/lib/state/unsaved.svelte';
import { hasUnsaved, markOf, writtenDocs } from '../../../src/lib/sync/unsaved';
import { startTestRelay, type TestRelay } from '../../helpers/relay';

const WS = WebSocket as unknown as typeof globalThis.WebSocket;
let relay: TestRelay | undefined;
const sessions: ConferenceSession[] = [];

beforeEach(async () => {
  await Promise.all([db.conferences.clear(), db.settings.clear(), db.drafts.clear(), db.savedMarks.clear()]);
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.destroy()));
  await relay?.close();
  relay = undefined;
});

function docsWith(sharedText: string, controlText: string) {
  const shared = new Y.Doc();
  const control = new Y.Doc();
  if (sharedText) shared.getMap('ideas').set('a', sharedText);
  if (controlText) control.getMap('conference').set('title', controlText);
  return { shared, control };
}

describe('hasUnsaved', () => {
  it('is false for an empty document and for one the mark covers, true beyond it', () => {
    const doc = new Y.Doc();
    expect(hasUnsaved(doc, undefined)).toBe(false);
    doc.getMap('m').set('x', 1);
    expect(hasUnsaved(doc, undefined)).toBe(true);
    const recorded = { snapshot: markOf(doc) };
    expect(hasUnsaved(doc, recorded)).toBe(false);
    doc.getMap('m').set('y', 2);
    expect(hasUnsaved(doc, recorded)).toBe(true);
    // Content from another client the mark does not know counts too (it came after the last confirmation).
    const other = new Y.Doc();
    other.getMap('m').set('z', 3);
    const both = new Y.Doc();
    Y.applyUpdate(both, Y.encodeStateAsUpdate(doc));
    const bothMark = { snapshot: markOf(both) };
    expect(hasUnsaved(both, bothMark)).toBe(false);
    Y.applyUpdate(both, Y.encodeStateAsUpdate(other));
    expect(hasUnsaved(both, bothMark)).toBe(true);
  });

  it('tells a change that only deletes, which creates no clock', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('x', 1);
    doc.getMap('m').set('y', 2);
    const mark = { snapshot: markOf(doc), stateVector: Y.encodeStateVector(doc) };
    doc.getMap('m').delete('x');
    expect(hasUnsaved(doc, mark)).toBe(true);
    expect(hasUnsaved(doc, { snapshot: markOf(doc) })).toBe(false);
    // A mark from before snapshots were recorded holds only the state vector: it cannot tell.
    expect(hasUnsaved(doc, { stateVector: mark.stateVector })).toBe(false);
  });

  it('still reads marks that hold only a state vector', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('x', 1);
    const stateVector = Y.encodeStateVector(doc);
    expect(hasUnsaved(doc, { stateVector })).toBe(false);
    doc.getMap('m').set('y', 2);
    expect(hasUnsaved(doc, { stateVector })).toBe(true);
  });

  it('treats an unreadable mark as nothing confirmed', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('x', 1);
    expect(hasUnsaved(doc, { snapshot: new Uint8Array([255, 255, 255]) })).toBe(true);
    expect(hasUnsaved(doc, { stateVector: new Uint8Array([255, 255, 255]) })).toBe(true);
  });

  it('looks only at the documents a role writes', () => {
    expect(writtenDocs('facilitator')).toEqual(['shared', 'control']);
    expect(writtenDocs('participant')).toEqual(['shared']);
    expect(writtenDocs('viewer')).toEqual([]);
  });
});

describe('EarlierChanges', () => {
  it('compares with the recorded mark per role and records a new one', async () => {
    const docs = docsWith('Idee', 'Titel');
    expect((await EarlierChanges.load('room-one-1', 'facilitator', docs)).waiting).toBe(true);
    expect((await EarlierChanges.load('room-one-1', 'participant', docs)).waiting).toBe(true);
    expect((await EarlierChanges.load('room-one-1', 'viewer', docs)).waiting).toBe(false);

    const earlier = await EarlierChanges.load('room-one-1', 'facilitator', docs);
    // Two confirmations in a row: the later one wins.
    void earlier.recordSaved(docs, 1000);
    docs.control.getMap('conference').set('region', 'Chiemgau');
    await earlier.recordSaved(docs, 2000);
    expect(earlier.waiting).toBe(false);
    expect((await getSavedMark('room-one-1'))?.at).toBe(2000);
    expect((await EarlierChanges.load('room-one-1', 'facilitator', docs)).waiting).toBe(false);

    // A participant never writes the control document: its changes there are not this device's.
    docs.control.getMap('conference').set('venue', 'Kulturhalle');
    expect((await EarlierChanges.load('room-one-1', 'facilitator', docs)).waiting).toBe(true);
    expect((await EarlierChanges.load('room-one-1', 'participant', docs)).waiting).toBe(false);
  });

  it('forgets the mark with the conference', async () => {
    await putSavedMark({ roomId: 'room-two-2', shared: new Uint8Array([0]), at: 1 });
    await removeConference('room-two-2');
    expect(await getSavedMark('room-two-2')).toBeUndefined();
  });
});

describe('a session across reloads', () => {
  async function open(roomId: string, connect: boolean): Promise<ConferenceSession> {
    const session = await ConferenceSession.open(roomId, {
      connect,
      WebSocketPolyfill: WS,
      ...(relay ? { origin: relay.url } : {})
    });
    if (!session) throw new Error('not on this device');
    sessions.push(session);
    return session;
  }

  async function close(session: ConferenceSession): Promise<void> {
    sessions.splice(sessions.indexOf(session), 1);
    await session.destroy();
  }

  it('shows changes made before a reload as waiting until the relay confirms them', async () => {
    const created = await createConference({ title: 'Mitmach-Konferenz Rhön' });
    if (!created.ok) throw new Error(created.error);
    const roomId = created.value;

    // Created offline: nothing of it was ever confirmed.
    const offline = await open(roomId, false);
    expect(offline.unsavedEarlier).toBe(true);
    await close(offline);

    relay = await startTestRelay();
    const online = await open(roomId, true);
    await vi.waitFor(() => expect(online.connection.status).toBe('saved'), { timeout: 10_000 });
    expect(online.unsavedEarlier).toBe(false);
    await vi.waitFor(async () => expect(await getSavedMark(roomId)).toBeDefined());
    await close(online);

    // Everything was confirmed: a reload without a connection shows nothing waiting.
    const calm = await open(roomId, false);
    expect(calm.unsavedEarlier).toBe(false);
    const table = new ConferenceSetup(calm).addTable({ title: 'Streuobstwiesen' });
    expect(table.ok).toBe(true);
    expect(calm.connection.pendingChanges).toBe(1);
    await vi.waitFor(() => expect(calm.localSave.state).toBe('saved'));
    await close(calm);

    // The table added offline survives the reload, and so does the fact that it waits for the relay.
    const reloaded = await open(roomId, false);
    expect(reloaded.view.tables.map((t) => t.title)).toEqual(['Streuobstwiesen']);
    expect(reloaded.connection.pendingChanges).toBe(0);
    expect(reloaded.unsavedEarlier).toBe(true);
    await close(reloaded);

    const before = (await getSavedMark(roomId))?.at;
    const back = await open(roomId, true);
    expect(back.unsavedEarlier).toBe(true);
    await vi.waitFor(() => expect(back.connection.status).toBe('saved'), { timeout: 10_000 });
    expect(back.unsavedEarlier).toBe(false);
    await vi.waitFor(async () => expect((await getSavedMark(roomId))?.at).not.toBe(before));
    await close(back);
    const quiet = await open(roomId, false);
    expect(quiet.unsavedEarlier).toBe(false);

    // A removal offline creates no clock; it still counts as waiting after a reload.
    const tableId = quiet.view.tables[0]?.id;
    if (!tableId) throw new Error('no table');
    expect(new ConferenceSetup(quiet).removeTable(tableId).ok).toBe(true);
    await vi.waitFor(() => expect(quiet.localSave.state).toBe('saved'));
    await close(quiet);
    const afterRemoval = await open(roomId, false);
    expect(afterRemoval.view.tables).toEqual([]);
    expect(afterRemoval.unsavedEarlier).toBe(true);
    await close(afterRemoval);
    const markBefore = (await getSavedMark(roomId))?.at;
    const confirmed = await open(roomId, true);
    await vi.waitFor(() => expect(confirmed.connection.status).toBe('saved'), { timeout: 10_000 });
    expect(confirmed.unsavedEarlier).toBe(false);
    await vi.waitFor(async () => expect((await getSavedMark(roomId))?.at).not.toBe(markBefore));
    await close(confirmed);
    expect((await open(roomId, false)).unsavedEarlier).toBe(false);
  });
});
