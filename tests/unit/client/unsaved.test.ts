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
import { EarlierChanges } from '../../../src/lib/state/unsaved.svelte';
import { hasUnsaved, writtenDocs } from '../../../src/lib/sync/unsaved';
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
  it('is false for an empty document and for one the record covers, true beyond it', () => {
    const doc = new Y.Doc();
    expect(hasUnsaved(doc, undefined)).toBe(false);
    doc.getMap('m').set('x', 1);
    expect(hasUnsaved(doc, undefined)).toBe(true);
    const recorded = Y.encodeStateVector(doc);
    expect(hasUnsaved(doc, recorded)).toBe(false);
    doc.getMap('m').set('y', 2);
    expect(hasUnsaved(doc, recorded)).toBe(true);
    // Content from another client the record does not know counts too (it came after the last confirmation).
    const other = new Y.Doc();
    other.getMap('m').set('z', 3);
    const both = new Y.Doc();
    Y.applyUpdate(both, Y.encodeStateAsUpdate(doc));
    expect(hasUnsaved(both, Y.encodeStateVector(doc))).toBe(false);
    Y.applyUpdate(both, Y.encodeStateAsUpdate(other));
    expect(hasUnsaved(both, Y.encodeStateVector(doc))).toBe(true);
  });

  it('treats an unreadable record as nothing confirmed', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('x', 1);
    expect(hasUnsaved(doc, new Uint8Array([255, 255, 255]))).toBe(true);
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
    const table = calm.addTable({ title: 'Streuobstwiesen' });
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
    expect((await open(roomId, false)).unsavedEarlier).toBe(false);
  });
});
