// Deleting a conference, from the app's side, on the real relay (port 0):
// - on the relay (RelayDeletion): only with a facilitator's link; an open participant session learns it
//   from the close code 4410 and one opened later from the relay's 410, both as the refusal `deleted`;
//   offline or never registered, nothing happens and the answer says why;
// - from this device (AppState.forgetConference): every IndexedDB database of the conference (shared,
//   control, facilitators, plans, sealed drafts), every Dexie row and every localStorage setting that names
//   it are gone, also where the browser cannot list its databases; another conference is untouched.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  db,
  putConference,
  putSavedMark,
  saveDraft,
  type ConferenceRecord
} from '../../../src/lib/persistence/db';
import { DocStore } from '../../../src/lib/persistence/doc-store';
import { docStoreNames } from '../../../src/lib/persistence/store-names';
import { AppState } from '../../../src/lib/state/app.svelte';
import { RelayDeletion } from '../../../src/lib/state/relay-delete.svelte';
import { ContactRequests } from '../../../src/lib/state/contacts.svelte';
import { ForgetMe } from '../../../src/lib/state/forget-me.svelte';
import { Landkarte } from '../../../src/lib/state/landkarte.svelte';
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE_NAME } from '../../../sync-server/src/storage/sqlite';
import { ConferenceRetention } from '../../../src/lib/state/retention.svelte';
import { ConferenceSession } from '../../../src/lib/state/session.svelte';
import { relayBase } from '../../../src/lib/sync/relay-api';
import { startTestRelay, waitFor, type TestRelay } from '../../helpers/relay';

const WS = WebSocket as unknown as typeof globalThis.WebSocket;
let relay: TestRelay;
const sessions: ConferenceSession[] = [];

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
  relay = await startTestRelay();
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(sessions.splice(0).map((s) => s.destroy()));
  await relay.close();
});

function record(roomId: string, role: ConferenceRecord['role'], token: string): ConferenceRecord {
  return {
    roomId,
    title: 'Konferenz',
    role,
    token,
    createdAt: 1,
    lastOpenedAt: 1,
    lastSyncedAt: 0,
    registered: true
  };
}

async function open(roomId: string): Promise<ConferenceSession> {
  const session = await ConferenceSession.open(roomId, { origin: relay.url, WebSocketPolyfill: WS });
  if (!session) throw new Error('no session');
  sessions.push(session);
  return session;
}

const deletion = (token: string, registered = true, url = relay.url) => {
  const markDeleted = vi.fn();
  const host = {
    roomId: relay.room.roomId,
    record: { token, registered },
    relay: { base: relayBase(url), fetch: undefined },
    connection: { markDeleted }
  };
  return { run: new RelayDeletion(host), markDeleted };
};

describe('deleting a conference on the relay', () => {
  it('is refused to participants, needs the relay, and tells every device it is gone', async () => {
    const { roomId, tokens } = relay.room;
    await putConference(record(roomId, 'participant', tokens.participant));
    const phone = await open(roomId);
    await waitFor(() => phone.connection.status === 'saved', { message: 'participant never saved' });

    const byParticipant = deletion(tokens.participant);
    expect(await byParticipant.run.run()).toBe(false);
    expect(byParticipant.run.error).toBe('forbidden');
    const offline = deletion(tokens.facilitator, true, 'http://127.0.0.1:9');
    expect(await offline.run.run()).toBe(false);
    expect(offline.run.error).toBe('unreachable');
    const unregistered = deletion(tokens.facilitator, false);
    expect(await unregistered.run.run()).toBe(false);
    expect(unregistered.run.error).toBe('notRegistered');
    expect(phone.connection.refusal).toBeNull();

    const byFacilitator = deletion(tokens.facilitator);
    expect(await byFacilitator.run.run()).toBe(true);
    expect(byFacilitator.run.error).toBeNull();
    expect(byFacilitator.markDeleted).toHaveBeenCalledOnce();
    // The open session hears 4410 and stops, keeping its copy.
    await waitFor(() => phone.connection.refusal === 'deleted', { message: 'open session never learned it' });
    expect(phone.connection.status).toBe('offline');
    // Deleting again counts as deleted (410), not as an error.
    expect(await deletion(tokens.facilitator).run.run()).toBe(true);

    // A device that opens it later learns it from the relay's 410.
    await phone.destroy();
    sessions.splice(sessions.indexOf(phone), 1);
    const later = await open(roomId);
    await waitFor(() => later.connection.refusal === 'deleted', {
      timeoutMs: 10_000,
      message: 'a later session never learned it'
    });
  });
});

describe('the day the relay deletes it', () => {
  it('is set by facilitators, read by everyone, and cleared again', async () => {
    const { roomId, tokens } = relay.room;
    const host = (token: string, url = relay.url) => ({
      roomId,
      record: { token, registered: true },
      relay: { base: relayBase(url), fetch: undefined }
    });
    const facilitator = new ConferenceRetention(host(tokens.facilitator));
    const participant = new ConferenceRetention(host(tokens.participant));
    await facilitator.load();
    expect(facilitator.day).toBeNull();
    expect(await facilitator.set('2099-03-03')).toBe(true);
    expect({ day: facilitator.day, own: facilitator.own }).toEqual({ day: '2099-03-03', own: true });
    await participant.load();
    expect(participant.day).toBe('2099-03-03');
    expect(await participant.set('2099-04-01')).toBe(false); // facilitators only
    expect(participant.failed).toBe(true);
    expect(await facilitator.set('2001-01-01')).toBe(false); // not in the past
    expect(await facilitator.set(null)).toBe(true);
    expect(facilitator.day).toBeNull();
    const offline = new ConferenceRetention(host(tokens.facilitator, 'http://127.0.0.1:9'));
    await offline.load();
    expect(offline.day).toBeNull();
    expect(await offline.set('2099-03-03')).toBe(false);
  });
});

describe('a participant removing what they gave', () => {
  it('withdraws their supporter answers, has the relay remove their contact details, and no byte stays', async () => {
    const { roomId, tokens } = relay.room;
    await putConference({
      ...record(roomId, 'participant', tokens.participant),
      participantKey: 'k'.repeat(24)
    });
    const phone = await open(roomId);
    await waitFor(() => phone.connection.status === 'saved', { message: 'participant never saved' });
    const landkarte = new Landkarte(phone);
    const initiative = landkarte.add({ name: 'Repair-Café Schotten' });
    if (!initiative.ok) throw new Error(initiative.error);
    const supporter = `Resi Unterstützerin ${Date.now()}`;
    const contact = `resi-${Date.now()}@example.org`;
    expect(landkarte.support(initiative.value, 'help', supporter).ok).toBe(true);
    expect(await new ContactRequests(phone).send(initiative.value, 'Resi', contact)).toBe('sent');
    await waitFor(() => phone.connection.status === 'saved', { message: 'support never saved' });
    await relay.relay.flush();
    const stored = () => {
      const files = fs.readdirSync(relay.dataDir).filter((n) => n.startsWith(DB_FILE_NAME));
      return Buffer.concat(files.map((n) => fs.readFileSync(path.join(relay.dataDir, n))));
    };
    expect(stored().includes(Buffer.from(contact))).toBe(true);
    expect(stored().includes(Buffer.from(supporter))).toBe(true);

    const forget = new ForgetMe(phone, landkarte);
    expect(await forget.run()).toBe('done');
    expect(landkarte.ownSupporters.size).toBe(0);
    expect(stored().includes(Buffer.from(contact))).toBe(false);
    expect(stored().includes(Buffer.from(supporter))).toBe(false);
    expect(stored().includes(Buffer.from('Repair-Café Schotten'))).toBe(true); // the initiative stays
    landkarte.destroy();
  });
});

/** Every row of every Dexie table that mentions `roomId`, as text. */
async function dexieRowsOf(roomId: string): Promise<string[]> {
  const rows: string[] = [];
  for (const table of db.tables) {
    for (const row of await table.toArray()) {
      const text = JSON.stringify(row);
      if (text.includes(roomId)) rows.push(`${table.name}: ${text}`);
    }
  }
  return rows;
}

async function databasesOf(roomId: string): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.includes(roomId));
}

/** Writes something into a store named `name` and closes it again (what a session leaves behind). */
async function fillStore(name: string, doc = new Y.Doc()): Promise<void> {
  const store = new DocStore(name, doc);
  await store.whenLoaded;
  doc.getMap('m').set('x', 'etwas');
  await store.destroy();
}

describe('removing a conference from this device', () => {
  for (const listing of [true, false]) {
    it(`leaves nothing of it behind${listing ? '' : ' where the browser cannot list its databases'}`, async () => {
      const { roomId, tokens } = relay.room;
      const other = await relay.createRoom({ title: 'Nachbar' });
      for (const [id, token] of [
        [roomId, tokens.facilitator],
        [other.roomId, other.tokens.facilitator]
      ] as const) {
        await putConference({ ...record(id, 'facilitator', token), sealedScopes: ['t-abc'] });
        const session = await open(id);
        await waitFor(() => session.connection.status === 'saved', { message: 'never saved' });
        await session.destroy();
        sessions.splice(sessions.indexOf(session), 1);
        await fillStore(`${docStoreNames(id).shared}/sealed/t-abc`);
        await saveDraft(id, 'table-1', 'halb getippt');
        await putSavedMark({ roomId: id, at: 1 });
      }
      expect((await databasesOf(roomId)).sort()).toEqual(
        [...Object.values(docStoreNames(roomId)), `slt:${roomId}/sealed/t-abc`].sort()
      );
      expect(await dexieRowsOf(roomId)).toHaveLength(3);

      // This device's settings of each conference in localStorage (a Map stands in for it in Node).
      const local = new Map<string, string>();
      const storage = {
        get length() {
          return local.size;
        },
        key: (i: number) => [...local.keys()][i] ?? null,
        getItem: (k: string) => local.get(k) ?? null,
        setItem: (k: string, v: string) => void local.set(k, v),
        removeItem: (k: string) => void local.delete(k)
      };
      vi.stubGlobal('localStorage', storage);
      for (const id of [roomId, other.roomId]) {
        local.set(`slt:landkarte:own-supporters:${id}`, '["s1"]');
        local.set(`slt-follow-choice:${id}`, 'on');
      }
      local.set('slt-round-sound', 'on');

      const app = new AppState();
      const listed = indexedDB.databases.bind(indexedDB);
      if (!listing) {
        // Firefox before 126 has no indexedDB.databases(): the record's sealed scopes name the drafts.
        Object.defineProperty(indexedDB, 'databases', { value: undefined, configurable: true });
      }
      try {
        expect(await app.forgetConference(roomId)).toBe(true);
      } finally {
        Object.defineProperty(indexedDB, 'databases', { value: listed, configurable: true });
        app.destroy();
      }
      expect(await databasesOf(roomId)).toEqual([]);
      expect(await dexieRowsOf(roomId)).toEqual([]);
      expect([...local.keys()].sort()).toEqual(
        [
          `slt:landkarte:own-supporters:${other.roomId}`,
          `slt-follow-choice:${other.roomId}`,
          'slt-round-sound'
        ].sort()
      );
      expect(await databasesOf(other.roomId)).toHaveLength(5);
      expect(await dexieRowsOf(other.roomId)).toHaveLength(3);
    });
  }
});
