// The client controllers end to end in Node against the real relay (port 0): a facilitator creates a
// conference offline, the session registers it at the relay and reaches "saved"; another device's idea
// arrives in the session's read model; roles are enforced in the commands; joining stores the role and
// explains a refused link; drafts survive a reload.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { addIdea, createConferenceDocs } from '../../../src/lib/doc';
import { roleOfToken, type TableId } from '../../../src/lib/model';
import { db, getConference, putConference } from '../../../src/lib/persistence/db';
import { createConference } from '../../../src/lib/state/create-conference';
import { IdeaDraft } from '../../../src/lib/state/draft.svelte';
import { JoinFlow } from '../../../src/lib/state/join.svelte';
import { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { ConferenceSetup } from '../../../src/lib/state/setup';
import { Ideas } from '../../../src/lib/state/ideas';
import { shareLinksOf } from '../../../src/lib/state/links.svelte';
import { connectClient, startTestRelay, type TestRelay } from '../../helpers/relay';

const WS = WebSocket as unknown as typeof globalThis.WebSocket;
let relay: TestRelay | undefined;
const sessions: ConferenceSession[] = [];

beforeEach(async () => {
  await Promise.all([db.conferences.clear(), db.settings.clear(), db.drafts.clear()]);
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.destroy()));
  await relay?.close();
  relay = undefined;
});

async function open(roomId: string, extra: Parameters<typeof ConferenceSession.open>[1] = {}) {
  const session = await ConferenceSession.open(roomId, { connect: false, WebSocketPolyfill: WS, ...extra });
  if (session) sessions.push(session);
  return session;
}

describe('createConference', () => {
  it('refuses an empty title and stores nothing', async () => {
    const result = await createConference({ title: '   ' });
    expect(result).toMatchObject({ ok: false, error: 'empty', field: 'title' });
    expect(await db.conferences.count()).toBe(0);
  });

  it('stores the conference offline with tokens for every role and the default fields', async () => {
    const result = await createConference({
      title: 'Mitmach-Konferenz Lindau',
      region: 'Bodensee',
      startDate: '2026-05-02'
    });
    if (!result.ok) throw new Error(result.error);
    const record = await getConference(result.value);
    expect(record).toMatchObject({
      title: 'Mitmach-Konferenz Lindau',
      role: 'facilitator',
      registered: false
    });
    expect(roleOfToken(record!.token)).toBe('facilitator');
    expect(roleOfToken(record!.shareTokens!.participant!)).toBe('participant');
    expect(roleOfToken(record!.shareTokens!.viewer!)).toBe('viewer');

    const session = await open(result.value);
    expect(session!.view.info).toMatchObject({
      title: 'Mitmach-Konferenz Lindau',
      region: 'Bodensee',
      startDate: '2026-05-02'
    });
    expect(session!.view.fields.map((f) => f.name)).toContain('Sozialer Zusammenhalt');
    expect(session!.localSave.state).toBe('saved');
  });
});

describe('ConferenceSession', () => {
  it('returns null for a conference this device does not know', async () => {
    expect(await open('unknown-room-123')).toBeNull();
  });

  it('keeps what a facilitator adds across a reload and enforces roles in commands', async () => {
    const created = await createConference({ title: 'Konferenz' });
    if (!created.ok) throw new Error(created.error);
    const first = await open(created.value);
    const table = new ConferenceSetup(first!).addTable({ title: 'Dorfladen', question: 'Wie?' });
    if (!table.ok) throw new Error(table.error);
    expect(new Ideas(first!).add(table.value, '')).toMatchObject({ ok: false, error: 'empty' });
    expect(new Ideas(first!).add(table.value, 'Genossenschaft gründen').ok).toBe(true);
    await vi.waitFor(() => expect(first!.localSave.state).toBe('saved'));
    await first!.destroy();
    sessions.length = 0;

    const again = await open(created.value);
    expect(again!.view.tables.map((t) => t.title)).toEqual(['Dorfladen']);
    expect(again!.view.ideasFor(table.value).map((i) => i.text)).toEqual(['Genossenschaft gründen']);

    const record = (await getConference(created.value))!;
    await putConference({ ...record, role: 'viewer' });
    await again!.destroy();
    sessions.length = 0;
    const viewer = await open(created.value);
    expect(new Ideas(viewer!).add(table.value, 'geht nicht')).toEqual({ ok: false, error: 'notAllowed' });
    expect(new ConferenceSetup(viewer!).addTable({ title: 'auch nicht' })).toEqual({
      ok: false,
      error: 'notAllowed'
    });
  });

  it('gives share links for every role on the device that created the conference', async () => {
    const created = await createConference({ title: 'Konferenz' });
    if (!created.ok) throw new Error(created.error);
    const session = await open(created.value, { origin: 'http://192.168.1.20:8787' });
    const links = shareLinksOf(session!);
    const record = (await getConference(created.value))!;
    expect(links.participant).toBe(
      `http://192.168.1.20:8787/join/${created.value}#${record.shareTokens!.participant}`
    );
    expect(links.viewer).toContain('#v_');
    expect(links.facilitator).toContain('#f_');
  });

  it('registers an offline conference at the relay, reaches saved and receives ideas from others', async () => {
    relay = await startTestRelay();
    const created = await createConference({ title: 'Konferenz am Relay' });
    if (!created.ok) throw new Error(created.error);
    const session = (await open(created.value, { origin: relay.url, connect: true, WebSocketPolyfill: WS }))!;
    const table = new ConferenceSetup(session).addTable({ title: 'Bürgerenergie' });
    if (!table.ok) throw new Error(table.error);
    await vi.waitFor(() => expect(session.connection.status).toBe('saved'), { timeout: 10_000 });
    expect(session.connection.pendingChanges).toBe(0);
    await vi.waitFor(async () => expect((await getConference(created.value))?.registered).toBe(true));

    const record = (await getConference(created.value))!;
    const other = createConferenceDocs(created.value);
    const client = connectClient(relay.wsUrl, created.value, record.shareTokens!.participant!, {
      doc: other.shared
    });
    await client.whenSynced();
    addIdea(other.shared, {
      tableId: table.value as TableId,
      text: 'Solaranlage auf dem Gemeindehaus',
      author: 'Jo'
    });
    await vi.waitFor(
      () =>
        expect(session.view.ideasFor(table.value).map((i) => i.text)).toEqual([
          'Solaranlage auf dem Gemeindehaus'
        ]),
      {
        timeout: 5000
      }
    );
    client.destroy();
  });

  it('explains a link the relay refuses', async () => {
    relay = await startTestRelay();
    await putConference({
      roomId: relay.room.roomId,
      title: '',
      role: 'participant',
      token: `p_${'B'.repeat(24)}`,
      createdAt: 1,
      lastOpenedAt: 1,
      lastSyncedAt: 0,
      registered: true
    });
    const session = (await open(relay.room.roomId, {
      origin: relay.url,
      connect: true,
      WebSocketPolyfill: WS
    }))!;
    await vi.waitFor(() => expect(session.connection.refusal).toBe('bad-token'), { timeout: 10_000 });
    expect(session.connection.status).toBe('offline');
  });
});

describe('JoinFlow', () => {
  it('stores the conference with the role of the token and keeps it when the relay accepts', async () => {
    relay = await startTestRelay();
    const flow = new JoinFlow();
    await flow.start(relay.room.roomId, `#${relay.room.tokens.participant}`, { origin: relay.url });
    expect(flow.phase).toBe('ready');
    expect(flow.target?.role).toBe('participant');
    expect((await getConference(relay.room.roomId))?.role).toBe('participant');
  });

  it('names a broken link without asking anyone', async () => {
    const flow = new JoinFlow();
    await flow.start('room-abcdefgh', '');
    expect(flow).toMatchObject({ phase: 'invalid', error: 'noToken' });
    await flow.start('room-abcdefgh', '#x_short');
    expect(flow.error).toBe('badToken');
    expect(await db.conferences.count()).toBe(0);
  });

  it('turns a refused link into an explanation and forgets the conference again', async () => {
    relay = await startTestRelay();
    const flow = new JoinFlow();
    await flow.start(relay.room.roomId, `#p_${'C'.repeat(24)}`, { origin: relay.url });
    await vi.waitFor(() => expect(flow.phase).toBe('refused'));
    expect(flow.refusal).toBe('bad-token');
    await vi.waitFor(async () => expect(await getConference(relay!.room.roomId)).toBeUndefined());
  });
});

describe('IdeaDraft', () => {
  it('keeps unsent text for the next visit and clears it after sending', async () => {
    const draft = new IdeaDraft('room-abcdefgh', 'table-1' as TableId);
    await draft.load();
    draft.text = 'Halb geschrieben';
    await draft.flush();
    const later = new IdeaDraft('room-abcdefgh', 'table-1' as TableId);
    await later.load();
    expect(later.text).toBe('Halb geschrieben');
    await later.clear();
    const empty = new IdeaDraft('room-abcdefgh', 'table-1' as TableId);
    await empty.load();
    expect(empty.text).toBe('');
  });
});
