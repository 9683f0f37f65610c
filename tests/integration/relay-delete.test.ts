// Deleting a conference on the relay (room-delete.ts): only facilitators may (403 otherwise); open sockets of
// every document of the room close with 4410 `room_deleted`; afterwards access, upgrades and sessions answer
// 410 and the id cannot be registered again; another room is untouched. The deletion canary: a unique string
// written into every document of a conference (shared, control, facilitators, plans, a sealed draft, the
// title), compacted once, then deleted: no byte of it is left in the SQLite files once the WAL is
// checkpointed, and no row of any PostgreSQL table holds it (DATABASE_URL). With Redis (REDIS_URL) a
// deletion on one instance closes the room's sockets on the other.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayConfig } from '../../sync-server/src/config';
import { DB_FILE_NAME, dbPath } from '../../sync-server/src/storage/sqlite';
import { useCleanups } from '../helpers/cleanups';
import { dropPgSchema, pgTestSchema, urlWithSchema } from '../helpers/pg';
import {
  connectClient,
  createTestRoom,
  startTestRelay,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestRelay,
  type TestRoom
} from '../helpers/relay';
import { REDIS_URL, scaleOutEnabled, scaleOutTitle, sharedDatabase } from '../helpers/scale-out';

const defer = useCleanups();
const DATABASE_URL = process.env.DATABASE_URL ?? '';

const canary = (what: string): string => `kanarienvogel-${what}-${randomBytes(12).toString('hex')}`;

async function deleteRoom(t: TestRelay, roomId: string, token: string | null) {
  const response = await fetch(`${t.url}/api/rooms/${roomId}`, {
    method: 'DELETE',
    headers: token ? { Authorization: `Bearer ${token}` } : {}
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type ClosingClient = TestClient & { closes: string[] };

function client(t: TestRelay, docName: string, token: string): ClosingClient {
  const c = connectClient(t.wsUrl, docName, token, { ack: true });
  const closes: string[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) closes.push(`${event.code} ${event.reason}`);
  });
  defer(() => c.destroy());
  return Object.assign(c, { closes });
}

/** Writes `text` into every document of the room a facilitator reaches, and waits until it is stored. */
async function fill(t: TestRelay, room: TestRoom, text: string): Promise<ClosingClient[]> {
  const f = room.tokens.facilitator;
  const clients = [
    client(t, room.roomId, f),
    client(t, `${room.roomId}/control`, f),
    client(t, `${room.roomId}/facilitators`, f),
    client(t, `${room.roomId}/plans`, f)
  ];
  for (const c of clients) await c.whenSynced();
  clients.forEach((c, i) => c.doc.getMap('m').set(`k${i}`, `${text} (Dokument ${i})`));
  for (const c of clients) await c.whenSaved();
  return clients;
}

/** A sealed draft of a participant, stored as the relay stores one (the upgrade needs a keyed session). */
async function sealedDraft(t: TestRelay, roomId: string, text: string): Promise<void> {
  const doc = new Y.Doc();
  doc.getMap('ideas').set('i1', text);
  await t.relay.storage.appendUpdates([
    {
      docName: `${roomId}/sealed/t1/pid-${randomBytes(6).toString('hex')}`,
      updates: [Y.encodeStateAsUpdate(doc)],
      owners: [[doc.clientID, 'p:x']]
    }
  ]);
}

/** Every byte of the SQLite database files (main file, WAL, shared memory). */
function sqliteBytes(dataDir: string): Buffer {
  const files = fs.readdirSync(dataDir).filter((name) => name.startsWith(DB_FILE_NAME));
  return Buffer.concat(files.map((name) => fs.readFileSync(path.join(dataDir, name))));
}

/** Every value of every row of every table in `schema`, as text (bytea as raw bytes, latin1). */
async function pgText(schema: string): Promise<string> {
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => undefined });
  try {
    const tables = await sql<Array<{ table_name: string }>>`SELECT table_name FROM information_schema.tables
      WHERE table_schema = ${schema}`;
    let all = '';
    for (const { table_name } of tables) {
      for (const row of await sql`SELECT * FROM ${sql(schema)}.${sql(table_name)}`) {
        for (const value of Object.values(row)) {
          all += Buffer.isBuffer(value) ? value.toString('latin1') : `${String(value)}\n`;
        }
      }
    }
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['rooms', 'links', 'doc_updates', 'doc_snapshots', 'client_owners'])
    );
    return all;
  } finally {
    await sql.end();
  }
}

/**
 * The whole story on one store. `contains(text)` says whether the store's bytes (after a checkpoint) hold
 * `text`; it is asked before the deletion too, so a scan that sees nothing cannot pass.
 */
async function scenario(t: TestRelay, contains: (text: string) => Promise<boolean>): Promise<void> {
  const secret = canary('geloescht');
  const kept = canary('bleibt');
  const room = await createTestRoom(t.relay.storage, { title: `Konferenz ${secret}` });
  const other = await t.createRoom({ title: 'Nachbarkonferenz' });
  const clients = await fill(t, room, secret);
  await t.relay.storage.compactDoc(room.roomId); // the log rows holding it are dropped once already
  clients[0]?.doc.getMap('m').set('later', `${secret} nach der Verdichtung`);
  await clients[0]?.whenSaved();
  await sealedDraft(t, room.roomId, secret);
  await fill(t, other, kept);
  const participant = client(t, room.roomId, room.tokens.participant);
  await participant.whenSynced();
  expect(await contains(secret)).toBe(true);
  expect(await contains(kept)).toBe(true);

  // Participants, viewers and strangers may not; the room is unchanged.
  expect((await deleteRoom(t, room.roomId, room.tokens.participant)).status).toBe(403);
  expect((await deleteRoom(t, room.roomId, room.tokens.viewer)).status).toBe(403);
  expect((await deleteRoom(t, room.roomId, other.tokens.facilitator)).status).toBe(403);
  expect((await deleteRoom(t, room.roomId, null)).status).toBe(401);
  expect(participant.provider.wsconnected).toBe(true);

  const answer = await deleteRoom(t, room.roomId, room.tokens.facilitator);
  expect(answer).toEqual({ status: 200, body: { roomId: room.roomId, deleted: true, docs: 5 } });
  for (const c of [...clients, participant]) {
    await waitFor(() => c.closes.length > 0, { message: 'socket of the deleted room stays open' });
    expect(c.closes[0]).toBe('4410 room_deleted');
  }
  // 4410 is terminal for y-websocket: it does not reconnect.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(participant.closes).toHaveLength(1);

  expect(await contains(secret)).toBe(false);
  expect(await contains(kept)).toBe(true);

  const access = await fetch(`${t.url}/api/rooms/${room.roomId}/access`, {
    headers: { Authorization: `Bearer ${room.tokens.facilitator}` }
  });
  expect(access.status).toBe(410);
  expect(((await access.json()) as { error: string }).error).toBe('room_deleted');
  expect(await upgradeStatus(`${t.wsUrl}/${room.roomId}?token=${room.tokens.participant}`)).toBe(410);
  const session = await fetch(`${t.url}/api/rooms/${room.roomId}/session`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${room.tokens.participant}` }
  });
  expect(session.status).toBe(410);
  expect((await deleteRoom(t, room.roomId, room.tokens.facilitator)).status).toBe(410);
  const again = await fetch(`${t.url}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      roomId: room.roomId,
      links: [{ role: 'facilitator', tokenHash: 'a'.repeat(64) }]
    })
  });
  expect(again.status).toBe(409);

  // The neighbour lives on.
  const neighbour = client(t, other.roomId, other.tokens.participant);
  await neighbour.whenSynced();
  expect(String(neighbour.doc.getMap('m').get('k0'))).toContain(kept);
}

describe('DELETE /api/rooms/<roomId>', () => {
  it('deletes the conference for good over SQLite: no byte of it left after the WAL checkpoint', async () => {
    const t = await startTestRelay();
    defer(() => t.close());
    await scenario(t, async (text) => {
      await t.relay.flush();
      // What the relay's deletion does as well; here also before it, so the scan sees stored content.
      const db = new Database(dbPath(t.dataDir));
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
      return sqliteBytes(t.dataDir).includes(Buffer.from(text, 'utf8'));
    });
  });

  it.skipIf(!DATABASE_URL)(
    DATABASE_URL
      ? 'deletes the conference for good over PostgreSQL: no row of any table holds it'
      : 'deletes the conference over PostgreSQL (DATABASE_URL not set)',
    async () => {
      const schema = pgTestSchema('delete');
      defer(() => dropPgSchema(DATABASE_URL, schema));
      const config: Partial<RelayConfig> = {
        databaseUrl: urlWithSchema(DATABASE_URL, schema),
        tokenSecret: new Uint8Array(32).map((_, i) => i + 3)
      };
      const t = await startTestRelay({ config });
      defer(() => t.close());
      await scenario(t, async (text) => {
        await t.relay.flush();
        return (await pgText(schema)).includes(text);
      });
    }
  );

  it.skipIf(!scaleOutEnabled)(
    scaleOutTitle('closes the room on the other instance too and keeps it from coming back there'),
    async () => {
      const db = await sharedDatabase('delete2');
      defer(() => db.drop());
      const start = async (): Promise<TestRelay> => {
        const t = await startTestRelay({ config: { databaseUrl: db.databaseUrl, redisUrl: REDIS_URL } });
        defer(() => t.close());
        return t;
      };
      const [a, b] = [await start(), await start()];
      const onB = client(b, db.room.roomId, db.room.tokens.participant);
      const onBControl = client(b, `${db.room.roomId}/control`, db.room.tokens.facilitator);
      await onB.whenSynced();
      await onBControl.whenSynced();
      onB.doc.getMap('m').set('x', 'auf Instanz B');
      await onB.whenSaved();
      expect((await deleteRoom(a, db.room.roomId, db.room.tokens.facilitator)).status).toBe(200);
      for (const c of [onB, onBControl]) {
        await waitFor(() => c.closes.length > 0, { message: 'the other instance kept the socket open' });
        expect(c.closes[0]).toBe('4410 room_deleted');
      }
      await waitFor(() => b.relay.stats().rooms === 0, { message: 'B kept the deleted room loaded' });
      expect(await upgradeStatus(`${b.wsUrl}/${db.room.roomId}?token=${db.room.tokens.participant}`)).toBe(
        410
      );
      const sql = postgres(db.databaseUrl, { max: 1, onnotice: () => undefined });
      defer(() => sql.end());
      const [rows] = await sql<Array<{ n: number }>>`SELECT
        (SELECT count(*) FROM doc_updates) + (SELECT count(*) FROM doc_snapshots)
          + (SELECT count(*) FROM client_owners) AS n`;
      expect(Number(rows?.n)).toBe(0);
    }
  );
});
