// ConferenceSession tests on the real relay (port 0), as a device uses it: a fresh relay and a clean device
// database for every test, the device record of the relay's room, and sessions and stock clients that are
// closed after the test (the relay last).

import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import { createConferenceDocs, type ConferenceDocs } from '../../src/lib/doc';
import type { Role, RoomId } from '../../src/lib/model';
import { db, getConference, putConference, type ConferenceRecord } from '../../src/lib/persistence/db';
import { ConferenceSession, type SessionOptions } from '../../src/lib/state/session.svelte';
import { connectClient, startTestRelay, type ClientOptions, type TestClient, type TestRelay } from './relay';

export const WS = WebSocket as unknown as typeof globalThis.WebSocket;

export interface OpenOptions extends SessionOptions {
  /** Keep a device record that is stored already (its participant key: the same participant again). */
  keepRecord?: boolean;
  /** Fields of the device record beside the defaults (share tokens, …). */
  record?: Partial<ConferenceRecord>;
}

export interface SessionRelay {
  /** This test's relay; a test that restarts it assigns the new one here (closed after the test). */
  relay: TestRelay;
  /**
   * Opens the session of the relay's room on this device as `role` (origin: the relay; Node's WebSocket),
   * storing the device record with that role's token first. Closed after the test.
   */
  open(role: Role, options?: OpenOptions): Promise<ConferenceSession>;
  /** Closes a session before the test ends (the app is closed or reloaded). */
  close(session: ConferenceSession): Promise<void>;
  /** A stock y-websocket client of the relay's room (connectClient), destroyed after the test. */
  client(token: string, options?: ClientOptions): TestClient;
  /** A facilitator's laptop elsewhere in the room: control and shared, synced through stock clients. */
  facilitatorDocs(): Promise<ConferenceDocs & { saved: () => Promise<void> }>;
}

/** Registers the beforeEach and afterEach hooks of the calling test file. */
export function useSessionRelay(): SessionRelay {
  const sessions: ConferenceSession[] = [];
  const clients: TestClient[] = [];

  beforeEach(async () => {
    await Promise.all([db.conferences.clear(), db.settings.clear(), db.drafts.clear()]);
    t.relay = await startTestRelay();
  });

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.destroy()));
    for (const c of clients.splice(0)) c.destroy();
    await t.relay.close();
  });

  const t: SessionRelay = {
    relay: undefined as unknown as TestRelay,

    async open(role, { keepRecord = false, record = {}, ...sessionOptions } = {}) {
      const { roomId, tokens } = t.relay.room;
      if (!keepRecord || !(await getConference(roomId))) {
        await putConference({
          roomId,
          title: 'Konferenz',
          role,
          token: tokens[role],
          createdAt: 1,
          lastOpenedAt: 1,
          lastSyncedAt: 0,
          registered: true,
          ...record
        });
      }
      const session = await ConferenceSession.open(roomId, {
        origin: t.relay.url,
        WebSocketPolyfill: WS,
        ...sessionOptions
      });
      if (!session) throw new Error('no session');
      sessions.push(session);
      return session;
    },

    async close(session) {
      await session.destroy();
      sessions.splice(sessions.indexOf(session), 1);
    },

    client(token, options) {
      const client = connectClient(t.relay.wsUrl, t.relay.room.roomId, token, options);
      clients.push(client);
      return client;
    },

    async facilitatorDocs() {
      const docs = createConferenceDocs(t.relay.room.roomId as RoomId);
      const token = t.relay.room.tokens.facilitator;
      const control = t.client(token, { control: true, ack: true, doc: docs.control });
      const shared = t.client(token, { ack: true, doc: docs.shared });
      await Promise.all([control.whenSynced(), shared.whenSynced()]);
      return {
        ...docs,
        saved: () => Promise.all([control.whenSaved(), shared.whenSaved()]).then(() => undefined)
      };
    }
  };
  return t;
}
