// The session and the room lock against the real relay (port 0): a participant sees the lock from the
// control doc and cannot add ideas; an idea written while the lock had not arrived yet (offline) is refused
// by the relay (101), kept as a draft (in an open composer or in the device database), and the shared doc
// is reloaded from the relay, so the replica does not diverge; ideas the relay already had stay; after
// unlocking the participant writes again. Also: the session connects with a session token.
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addIdea, lockBoard, unlockBoard } from '../../../src/lib/doc';
import { newTableId, type TableId } from '../../../src/lib/model';
import { getDraft, saveDraft } from '../../../src/lib/persistence/db';
import { IdeaDraft } from '../../../src/lib/state/draft.svelte';
import { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { Ideas } from '../../../src/lib/state/ideas';
import { makeTempDir, readStoredDoc, startTestRelay } from '../../helpers/relay';
import { useSessionRelay } from '../../helpers/session-relay';

const t = useSessionRelay();

/** The facilitator's documents, synced through stock clients (a laptop elsewhere in the room). */
const facilitator = () => t.facilitatorDocs();

/** The participant's device, with a fresh device record each time. */
const participant = (connect: boolean) => t.open('participant', { connect });

const texts = (session: ConferenceSession) => session.view.ideas.map((i) => i.text);
const storedTexts = async () => {
  await t.relay.relay.flush();
  const ideas = readStoredDoc(t.relay.dataDir, t.relay.room.roomId).getMap<Y.Map<unknown>>('ideas');
  return [...ideas.values()].map((m) => m.get('text'));
};
const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('the room lock in the session', () => {
  it('shows the lock to a participant, refuses new ideas, and lets them write again after unlocking', async () => {
    const f = await facilitator();
    const session = await participant(true);
    const table = newTableId();
    await vi.waitFor(() => expect(session.connection.status).toBe('saved'), { timeout: 10_000 });
    expect(session.locked).toBe(false);
    expect(session.canAddIdeas).toBe(true);

    lockBoard(f.control);
    await vi.waitFor(() => expect(session.locked).toBe(true));
    expect(session.canAddIdeas).toBe(false);
    expect(new Ideas(session).add(table, 'Darf nicht')).toEqual({ ok: false, error: 'locked' });

    unlockBoard(f.control);
    await vi.waitFor(() => expect(session.locked).toBe(false));
    must(new Ideas(session).add(table, 'Jetzt wieder'));
    await vi.waitFor(async () => expect(await storedTexts()).toContain('Jetzt wieder'), { timeout: 5000 });
  });

  it('keeps an idea the relay refused as a draft and reloads the shared doc from the relay', async () => {
    const f = await facilitator();
    const table = newTableId() as TableId;
    // Something the relay has: the participant must keep it through the reload.
    const first = await participant(true);
    must(new Ideas(first).add(table, 'Vor dem Schließen'));
    await vi.waitFor(() => expect(first.connection.status).toBe('saved'), { timeout: 10_000 });
    await t.close(first);

    // Offline now; meanwhile the facilitator closes the round and writes something.
    const session = await participant(false);
    must(new Ideas(session).add(table, 'Im Funkloch geschrieben'));
    await saveDraft(t.relay.room.roomId, table, 'angefangen');
    lockBoard(f.control);
    addIdea(f.shared, { tableId: table, text: 'Von der Moderation' }); // facilitators always write
    await f.saved();

    session.connection.start();
    await vi.waitFor(() => expect(session.refusedIdeas).toBe(1), { timeout: 10_000 });
    expect(await getDraft(t.relay.room.roomId, table)).toBe('angefangen\n\nIm Funkloch geschrieben');
    expect(texts(session)).toEqual(['Vor dem Schließen', 'Von der Moderation']);
    expect(session.locked).toBe(true);
    await vi.waitFor(() => expect(session.connection.status).toBe('saved'), { timeout: 10_000 });
    expect(session.connection.pendingChanges).toBe(0);
    expect((await storedTexts()).sort()).toEqual(['Von der Moderation', 'Vor dem Schließen']);

    // The device's own copy was replaced too: a reload shows what the relay has, and nothing is refused.
    session.dismissRefusedNotice();
    expect(session.refusedIdeas).toBe(0);
    await t.close(session);
    const again = await participant(false);
    expect(texts(again)).toEqual(['Vor dem Schließen', 'Von der Moderation']);
  });

  it('puts a refused idea into the open composer of its table', async () => {
    const f = await facilitator();
    const table = newTableId() as TableId;
    const other = newTableId() as TableId;
    const session = await participant(false);
    const draft = new IdeaDraft(t.relay.room.roomId, table);
    await draft.load();
    const stop = session.trackDraft(draft);
    draft.text = 'Noch nicht fertig';
    must(new Ideas(session).add(table, 'Bürgerbus am Sonntag'));
    must(new Ideas(session).add(other, 'Repair-Café'));
    lockBoard(f.control);
    await f.saved();

    session.connection.start();
    await vi.waitFor(() => expect(session.refusedIdeas).toBe(2), { timeout: 10_000 });
    expect(draft.text).toBe('Noch nicht fertig\n\nBürgerbus am Sonntag');
    expect(await getDraft(t.relay.room.roomId, table)).toBe('Noch nicht fertig\n\nBürgerbus am Sonntag');
    expect(await getDraft(t.relay.room.roomId, other)).toBe('Repair-Café');
    expect(texts(session)).toEqual([]);
    stop();

    // The round opens again: the draft is still there and can be sent.
    unlockBoard(f.control);
    await vi.waitFor(() => expect(session.canAddIdeas).toBe(true));
    must(new Ideas(session).add(table, draft.text));
    await draft.clear();
    await vi.waitFor(async () => expect(await storedTexts()).toHaveLength(1), { timeout: 5000 });
  });

  it('gets a new session token after being offline longer than its lifetime, with local work intact', async () => {
    await t.relay.close();
    const dataDir = makeTempDir();
    const config = { sessionTtlS: 2 };
    t.relay = await startTestRelay({ dataDir, config });
    const { roomId } = t.relay.room;
    const port = Number(new URL(t.relay.url).port);
    const session = await participant(true);
    await vi.waitFor(() => expect(session.connection.status).toBe('saved'), { timeout: 10_000 });

    // The relay goes away for longer than the token lives; the participant keeps writing meanwhile.
    await t.relay.close();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    must(new Ideas(session).add(newTableId(), 'Geschrieben, während der Server weg war'));
    t.relay = await startTestRelay({ dataDir, config: { ...config, port } });
    t.relay.room = { ...t.relay.room, roomId };

    await vi.waitFor(() => expect(session.connection.status).toBe('saved'), { timeout: 15_000 });
    expect(await storedTexts()).toEqual(['Geschrieben, während der Server weg war']);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects with a session token, never with the link token in the URL', async () => {
    const urls: string[] = [];
    class RecordingWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        urls.push(String(url));
        super(url, protocols);
      }
    }
    const fetches: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      fetches.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    };
    await participant(false);
    const session = await t.open('participant', {
      keepRecord: true,
      WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
      fetch: recordingFetch
    });
    await vi.waitFor(() => expect(session.connection.status).toBe('saved'), { timeout: 10_000 });
    expect(fetches).toContain(`POST ${t.relay.url}/api/rooms/${t.relay.room.roomId}/session`);
    expect(urls).toHaveLength(3); // shared, control and plans
    for (const url of urls) {
      const token = new URL(url).searchParams.get('token') ?? '';
      expect(token.split('.')).toHaveLength(3);
      expect(url).not.toContain(t.relay.room.tokens.participant);
    }
  });
});
