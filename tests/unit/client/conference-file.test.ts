// The conference file on a device (lib/state/conference-file.svelte.ts), with the device database and the
// documents' IndexedDB stores (fake-indexeddb): a file of a conference this device does not know adds it
// with the role the file grants and it opens with its ideas, offline; a file of a known conference merges
// what both sides changed apart, keeps a stronger role, and goes through the open session when that
// conference is open; a facilitator hands out a participant-level file, a participant never more than
// their own; a refused file changes nothing on the device.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addIdea, addPlan, readIdeas, readPlans } from '../../../src/lib/doc';
import { makeToken, newRoomId, type TableId } from '../../../src/lib/model';
import { db, getConference, putConference } from '../../../src/lib/persistence/db';
import { deleteConferenceStores } from '../../../src/lib/persistence/store-names';
import {
  buildConferenceFile,
  fileRoles,
  importConferenceFile
} from '../../../src/lib/state/conference-file.svelte';
import { createConference } from '../../../src/lib/state/create-conference';
import { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { ConferenceSetup } from '../../../src/lib/state/setup';
import { Ideas } from '../../../src/lib/state/ideas';

const WS = WebSocket as unknown as typeof globalThis.WebSocket;
const sessions: ConferenceSession[] = [];

beforeEach(async () => {
  await Promise.all([db.conferences.clear(), db.settings.clear(), db.drafts.clear()]);
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.destroy()));
});

async function open(roomId: string): Promise<ConferenceSession> {
  const session = await ConferenceSession.open(roomId, { connect: false, WebSocketPolyfill: WS });
  if (!session) throw new Error('not on this device');
  sessions.push(session);
  return session;
}

async function close(session: ConferenceSession): Promise<void> {
  sessions.splice(sessions.indexOf(session), 1);
  await session.destroy();
}

/** A facilitator's conference with a table, ideas and a plan; returns it open. */
async function facilitatorConference(): Promise<{ session: ConferenceSession; table: TableId }> {
  const created = await createConference({ title: 'Zukunft Oberschwaben', region: 'Ravensburg' });
  if (!created.ok) throw new Error(created.error);
  const session = await open(created.value);
  const table = new ConferenceSetup(session).addTable({
    title: 'Energie',
    question: 'Wo bauen wir Solardächer?'
  });
  if (!table.ok) throw new Error(table.error);
  new Ideas(session).add(table.value, 'Schuldach');
  new Ideas(session).add(table.value, 'Bürgerenergie-Genossenschaft');
  addPlan(session.plansDoc, { title: 'Solardach Grundschule' });
  return { session, table: table.value };
}

/** This device forgets everything of the conference (as if the file went to another device). */
async function wipe(roomId: string): Promise<void> {
  await db.conferences.delete(roomId);
  await deleteConferenceStores(roomId);
}

/** What the device holds: records and every store's content of the conference. */
async function deviceState(roomId: string) {
  const record = await getConference(roomId);
  if (!record) throw new Error('not on this device');
  const s = await open(roomId);
  const state = {
    record: { ...record, lastOpenedAt: 0 },
    ideas: readIdeas(s.docs.shared)
      .map((i) => i.text)
      .sort(),
    plans: readPlans(s.plansDoc)
      .map((p) => p.title)
      .sort(),
    tables: s.view.tables.map((t) => t.title)
  };
  await close(s);
  return state;
}

describe('a conference file on a device that does not know the conference', () => {
  it('adds it with the role the file grants, and it opens offline with its ideas and plans', async () => {
    const { session } = await facilitatorConference();
    const roomId = session.roomId;
    const file = await buildConferenceFile(session, 'participant', Date.UTC(2027, 2, 3));
    if (!file) throw new Error('no file');
    expect(file.name).toBe('zukunft-oberschwaben-2027-03-03.slt.json');
    await close(session);
    await wipe(roomId);

    const result = await importConferenceFile(file.bytes);
    expect(result).toEqual({
      ok: true,
      value: { roomId, title: 'Zukunft Oberschwaben', role: 'participant', added: true }
    });
    const record = await getConference(roomId);
    expect(record).toMatchObject({ role: 'participant', title: 'Zukunft Oberschwaben', registered: true });
    expect(record!.token).toMatch(/^p_/);
    expect(record!.shareTokens).toBeUndefined();
    const again = await open(roomId);
    expect(again.view.info.title).toBe('Zukunft Oberschwaben');
    expect(
      readIdeas(again.docs.shared)
        .map((i) => i.text)
        .sort()
    ).toEqual(['Bürgerenergie-Genossenschaft', 'Schuldach']);
    expect(readPlans(again.plansDoc).map((p) => p.title)).toEqual(['Solardach Grundschule']);
    expect(again.facilitatorsDoc).toBeNull();
  });

  it('a facilitator file of an unregistered conference carries what registering needs', async () => {
    const { session } = await facilitatorConference();
    const roomId = session.roomId;
    const own = session.record;
    const file = await buildConferenceFile(session);
    await close(session);
    await wipe(roomId);
    const result = await importConferenceFile(file!.bytes);
    expect(result.ok && result.value.role).toBe('facilitator');
    expect(await getConference(roomId)).toMatchObject({
      role: 'facilitator',
      token: own.token,
      registered: false,
      shareTokens: own.shareTokens
    });
  });
});

describe('a conference file of a known conference', () => {
  it('merges what both devices changed apart, without loss', async () => {
    const { session, table } = await facilitatorConference();
    const roomId = session.roomId;
    // The state both devices had; then this device goes on alone.
    const common = await buildConferenceFile(session);
    new Ideas(session).add(table, 'Nur hier');
    await close(session);

    // The other device (one fake IndexedDB here: this device's data goes into a file first): the
    // common state, then changes of its own.
    const here = await open(roomId);
    const hereFile = await buildConferenceFile(here);
    await close(here);
    await wipe(roomId);
    await importConferenceFile(common!.bytes);
    const other = await open(roomId);
    new Ideas(other).add(table, 'Nur dort');
    new ConferenceSetup(other).addTable({ title: 'Mobilität' });
    addPlan(other.plansDoc, { title: 'Radweg' });
    await close(other);

    const merged = await importConferenceFile(hereFile!.bytes);
    expect(merged).toMatchObject({ ok: true, value: { added: false, role: 'facilitator' } });
    const state = await deviceState(roomId);
    expect(state.ideas).toEqual(['Bürgerenergie-Genossenschaft', 'Nur dort', 'Nur hier', 'Schuldach']);
    expect(state.tables).toEqual(['Energie', 'Mobilität']);
    expect(state.plans).toEqual(['Radweg', 'Solardach Grundschule']);
  });

  it('keeps a stronger role, and merges into the open session when the conference is open', async () => {
    const { session, table } = await facilitatorConference();
    const before = await getConference(session.roomId);
    const foreign = await buildConferenceFile(session, 'participant');
    // A participant's device added an idea to its copy; its participant-level file comes back here.
    const { decodeConferenceFile, encodeConferenceFile } =
      await import('../../../src/lib/model/conference-file');
    const decoded = await decodeConferenceFile(foreign!.bytes);
    if (!decoded.ok) throw new Error(decoded.error);
    const Y = await import('yjs');
    const shared = new Y.Doc();
    Y.applyUpdate(shared, decoded.value.docs.shared);
    addIdea(shared, { tableId: table, text: 'Vom Stick' });
    const withIdea = await encodeConferenceFile({
      ...decoded.value,
      docs: { ...decoded.value.docs, shared: Y.encodeStateAsUpdate(shared) }
    });

    const result = await importConferenceFile(withIdea, { session });
    expect(result).toMatchObject({ ok: true, value: { role: 'facilitator', added: false } });
    expect(readIdeas(session.docs.shared).map((i) => i.text)).toContain('Vom Stick');
    const after = await getConference(session.roomId);
    expect(after).toMatchObject({
      role: 'facilitator',
      token: before!.token,
      shareTokens: before!.shareTokens
    });
    await close(session);
    expect((await deviceState(after!.roomId)).ideas).toContain('Vom Stick');
  });
});

describe('roles in the files a device hands out', () => {
  it('a facilitator offers every level; a participant only their own and never the facilitators document', async () => {
    const { session } = await facilitatorConference();
    expect(fileRoles(session)).toEqual(['facilitator', 'participant', 'viewer']);
    const roomId = session.roomId;
    const participantFile = await buildConferenceFile(session, 'participant');
    await close(session);
    await wipe(roomId);
    await importConferenceFile(participantFile!.bytes);
    const participant = await open(roomId);
    expect(fileRoles(participant)).toEqual(['participant']);
    expect(await buildConferenceFile(participant, 'facilitator')).toBeNull();
    expect(await buildConferenceFile(participant, 'viewer')).toBeNull();
    const own = await buildConferenceFile(participant);
    const text = new TextDecoder().decode(own!.bytes);
    expect(JSON.parse(text).docs.facilitators).toBeUndefined();
    expect(text).not.toMatch(/"f_/);
  });
});

describe('a refused file changes nothing on the device', () => {
  it('damaged, truncated, foreign, newer and escalating files leave records and stores as they were', async () => {
    const { session } = await facilitatorConference();
    const roomId = session.roomId;
    const file = (await buildConferenceFile(session))!.bytes;
    const participantFile = (await buildConferenceFile(session, 'participant'))!.bytes;
    await close(session);
    // The device knows another conference too.
    const otherRoom = newRoomId();
    await putConference({
      roomId: otherRoom,
      title: 'Andere',
      role: 'viewer',
      token: makeToken('viewer'),
      createdAt: 1,
      lastOpenedAt: 1,
      lastSyncedAt: 0,
      registered: true
    });
    const before = await deviceState(roomId);
    const conferencesBefore = await db.conferences.toArray();

    const text = new TextDecoder().decode(file);
    const obj = JSON.parse(text);
    const flipped = file.slice();
    flipped[Math.floor(file.length / 2)]! ^= 4;
    const cases: [string, Uint8Array, string][] = [
      ['bit flip', flipped, 'damaged'],
      ['truncated', file.slice(0, file.length - 40), 'truncated'],
      ['foreign', new TextEncoder().encode('{"name":"Konferenz"}'), 'foreign'],
      ['newer', new TextEncoder().encode(JSON.stringify({ ...obj, version: 99 })), 'newer'],
      [
        'escalation',
        new TextEncoder().encode(
          new TextDecoder().decode(participantFile).replace('"role":"participant"', '"role":"facilitator"')
        ),
        'damaged' // the checksum no longer holds; a resealed forgery reads as `role` (unit test)
      ]
    ];
    for (const [what, bytes, error] of cases) {
      const result = await importConferenceFile(bytes);
      expect(result, what).toEqual({ ok: false, error });
    }
    expect(await db.conferences.toArray()).toEqual(conferencesBefore);
    expect(await deviceState(roomId)).toEqual(before);
    // And on a device that does not know the conference, a refused file adds nothing.
    await wipe(roomId);
    expect(await importConferenceFile(flipped)).toEqual({ ok: false, error: 'damaged' });
    expect(await getConference(roomId)).toBeUndefined();
  });
});
