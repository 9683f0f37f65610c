// The session and ownership on the real relay (port 0): the device's participant key makes it the same
// participant after a reload, so its own ideas stay its own; a write that touches another participant's idea
// (a bug, or a replica that deleted it) is refused with `not_owner`, and a client-id collision with
// `client_conflict`: in both cases the session keeps its own unsent ideas as drafts and reloads the shared
// document from the relay (with a fresh client id), so nothing diverges and nothing typed is lost.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { newTableId, type TableId } from '../../../src/lib/model';
import { Ideas } from '../../../src/lib/state/ideas';
import { getDraft } from '../../../src/lib/persistence/db';
import type { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { changeOf, newParticipantKey, rawWrite, sessionToken } from '../../helpers/ownership';
import { readStoredDoc, type TestClient } from '../../helpers/relay';
import { useSessionRelay } from '../../helpers/session-relay';

const t = useSessionRelay();

/** The participant's device; its record (and participant key) is kept when the app opens again. */
const participant = (connect: boolean) => t.open('participant', { connect, keepRecord: true });

/** Another participant's phone: a stock client with its own participant key. */
async function otherParticipant(): Promise<TestClient> {
  const { roomId, tokens } = t.relay.room;
  const token = await sessionToken(t.relay.url, roomId, tokens.participant, newParticipantKey());
  const client = t.client(token, { ack: true });
  await client.whenSynced();
  return client;
}

function writeIdea(doc: Y.Doc, id: string, tableId: string, text: string): void {
  const idea = new Y.Map<unknown>();
  doc.getMap('ideas').set(id, idea);
  idea.set('tableId', tableId);
  idea.set('text', text);
  idea.set('author', '');
  idea.set('createdAt', Date.now());
}

const texts = (session: ConferenceSession) => session.view.ideas.map((i) => i.text).sort();
const storedTexts = async () => {
  await t.relay.relay.flush();
  const ideas = readStoredDoc(t.relay.dataDir, t.relay.room.roomId).getMap<Y.Map<unknown>>('ideas');
  return [...ideas.values()].map((m) => m.get('text') as string).sort();
};
const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('ownership in the session', () => {
  it('keeps one participant key per conference on the device, across reloads', async () => {
    const first = await participant(false);
    const key = first.record.participantKey;
    expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await t.close(first);
    const again = await participant(false);
    expect(again.record.participantKey).toBe(key);
  });

  it('recovers from `not_owner`: the foreign idea comes back, its own unsent idea becomes a draft', async () => {
    const table = newTableId() as TableId;
    const other = await otherParticipant();
    writeIdea(other.doc, 'idea-other', table, 'Idee von jemand anderem');
    await other.whenSaved();

    const session = await participant(true);
    await vi.waitFor(() => expect(texts(session)).toEqual(['Idee von jemand anderem']), { timeout: 10_000 });
    await t.close(session);
    // Offline, a faulty replica deletes the other person's idea and this person writes one of their own.
    const offline = await participant(false);
    offline.docs.shared.getMap('ideas').delete('idea-other');
    must(new Ideas(offline).add(table, 'Meine eigene Idee'));
    offline.connection.start();
    await vi.waitFor(() => expect(offline.refusedIdeas).toBe(1), { timeout: 10_000 });
    expect(await getDraft(t.relay.room.roomId, table)).toBe('Meine eigene Idee');
    expect(texts(offline)).toEqual(['Idee von jemand anderem']);
    expect(await storedTexts()).toEqual(['Idee von jemand anderem']);
    await vi.waitFor(() => expect(offline.connection.status).toBe('saved'), { timeout: 10_000 });
    // The other phone never lost the idea.
    expect(other.doc.getMap('ideas').has('idea-other')).toBe(true);
    // And the participant writes again as usual.
    must(new Ideas(offline).add(table, 'Meine eigene Idee'));
    await vi.waitFor(async () => expect(await storedTexts()).toContain('Meine eigene Idee'), {
      timeout: 5000
    });
  });

  it('recovers from a client-id collision with a fresh client id, losing nothing', async () => {
    const table = newTableId() as TableId;
    const { roomId, tokens } = t.relay.room;
    // This device writes offline; another phone happens to have drawn the same client id and writes first.
    const session = await participant(false);
    must(new Ideas(session).add(table, 'Gleiche Client-ID'));
    const clash = session.docs.shared.clientID;
    const otherToken = await sessionToken(t.relay.url, roomId, tokens.participant, newParticipantKey());
    const otherDoc = new Y.Doc();
    otherDoc.clientID = clash;
    const update = changeOf(otherDoc, (d) => writeIdea(d, 'idea-other', table, 'Zuerst geschrieben'));
    expect(await rawWrite(t.relay.wsUrl, roomId, otherToken, update)).toEqual({ stored: true });

    session.connection.start();
    await vi.waitFor(() => expect(session.refusedIdeas).toBe(1), { timeout: 10_000 });
    expect(session.docs.shared.clientID).not.toBe(clash);
    expect(await getDraft(roomId, table)).toBe('Gleiche Client-ID');
    expect(texts(session)).toEqual(['Zuerst geschrieben']);
    must(new Ideas(session).add(table, 'Gleiche Client-ID'));
    await vi.waitFor(
      async () => expect(await storedTexts()).toEqual(['Gleiche Client-ID', 'Zuerst geschrieben']),
      { timeout: 5000 }
    );
  });

  it('lets the participant remove their own idea after a reload (same key, new client id)', async () => {
    const table = newTableId() as TableId;
    const first = await participant(true);
    const id = must(new Ideas(first).add(table, 'Wieder weg'));
    await vi.waitFor(() => expect(first.connection.status).toBe('saved'), { timeout: 10_000 });
    const clientBefore = first.docs.shared.clientID;
    await t.close(first);
    const again = await participant(true);
    expect(again.docs.shared.clientID).not.toBe(clientBefore);
    await vi.waitFor(() => expect(again.connection.status).toBe('saved'), { timeout: 10_000 });
    again.docs.shared.getMap('ideas').delete(id);
    await vi.waitFor(async () => expect(await storedTexts()).toEqual([]), { timeout: 5000 });
    expect(again.refusedIdeas).toBe(0);
  });
});
