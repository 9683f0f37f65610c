// Two in-process relay instances sharing PostgreSQL (one schema per test) and Redis: clients on different
// instances see each other's edits and awareness, "saved" acks reach clients on both instances and cover
// only what PostgreSQL holds, cutting the Redis subscriptions loses nothing, and the room CLI works
// against PostgreSQL.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  covers,
  startTestRelay,
  waitFor,
  type TestClient,
  type TestRelay
} from '../helpers/relay';
import {
  killSubscribers,
  REDIS_URL,
  scaleOutEnabled,
  scaleOutTitle,
  sharedDatabase,
  type SharedDatabase
} from '../helpers/scale-out';
import { useCleanups } from '../helpers/cleanups';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const defer = useCleanups();

async function pair(purpose: string): Promise<{ db: SharedDatabase; a: TestRelay; b: TestRelay }> {
  const db = await sharedDatabase(purpose);
  defer(() => db.drop());
  const start = async (): Promise<TestRelay> => {
    const t = await startTestRelay({ config: { databaseUrl: db.databaseUrl, redisUrl: REDIS_URL } });
    defer(() => t.close());
    return t;
  };
  return { db, a: await start(), b: await start() };
}

function client(t: TestRelay, db: SharedDatabase, role: 'participant' | 'viewer', options = {}): TestClient {
  const c = connectClient(t.wsUrl, db.room.roomId, db.room.tokens[role], options);
  defer(() => c.destroy());
  return c;
}

const sv = (doc: Y.Doc): Map<number, number> => Y.decodeStateVector(Y.encodeStateVector(doc));

/** The document as stored in PostgreSQL right now. */
async function storedStateVector(db: SharedDatabase): Promise<Map<number, number>> {
  const sql = postgres(db.databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const rows = await sql<Array<{ data: Buffer }>>`
      SELECT data FROM (SELECT 0 AS k, 0::bigint AS id, data FROM doc_snapshots WHERE doc_name = ${db.room.roomId}
        UNION ALL SELECT 1, id, data FROM doc_updates WHERE doc_name = ${db.room.roomId}) AS t ORDER BY k, id`;
    const doc = new Y.Doc();
    rows.forEach((r) => Y.applyUpdate(doc, r.data));
    return sv(doc);
  } finally {
    await sql.end();
  }
}

describe.skipIf(!scaleOutEnabled)(scaleOutTitle('relay scale-out (PostgreSQL + Redis)'), () => {
  it('relays edits and awareness between clients on different instances', async () => {
    const { db, a, b } = await pair('edits');
    const ca = client(a, db, 'participant');
    const cb = client(b, db, 'participant');
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    for (let i = 0; i < 20; i++) {
      ca.doc.getMap('ideas').set(`a${i}`, i);
      cb.doc.getMap('ideas').set(`b${i}`, i);
    }
    await waitFor(() => ca.doc.getMap('ideas').size === 40 && cb.doc.getMap('ideas').size === 40, {
      message: 'edits did not cross instances'
    });
    expect(ca.doc.getMap('ideas').toJSON()).toEqual(cb.doc.getMap('ideas').toJSON());

    ca.provider.awareness.setLocalStateField('user', { name: 'Aylin' });
    cb.provider.awareness.setLocalStateField('user', { name: 'Bent' });
    await waitFor(() => cb.provider.awareness.getStates().get(ca.doc.clientID)?.user?.name === 'Aylin');
    await waitFor(() => ca.provider.awareness.getStates().get(cb.doc.clientID)?.user?.name === 'Bent');
    ca.destroy();
    await waitFor(() => !cb.provider.awareness.getStates().has(ca.doc.clientID), {
      message: 'awareness of a client that left instance A stayed on B'
    });
  });

  it('acks on B a client’s own edit and, once A stored it, an edit made on A; never ahead of PostgreSQL', async () => {
    const { db, a, b } = await pair('saved');
    const acks: Array<Map<number, number>> = [];
    const cb = client(b, db, 'participant', { ack: true, onSaved: (s: Map<number, number>) => acks.push(s) });
    const ca = client(a, db, 'participant', { ack: true });
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    cb.doc.getMap('ideas').set('from-b', 1);
    await cb.whenSaved();
    ca.doc.getMap('ideas').set('from-a', 2);
    await waitFor(() => cb.doc.getMap('ideas').get('from-a') === 2);
    const target = sv(ca.doc);
    await waitFor(() => acks.some((ack) => covers(ack, target)), {
      message: 'B never acked the edit made on A'
    });
    // Every ack B sent is covered by what PostgreSQL holds now (the store only grows).
    const stored = await storedStateVector(db);
    expect(acks.every((ack) => covers(stored, ack))).toBe(true);
    expect(covers(stored, target)).toBe(true);
  });

  it('loses nothing when the Redis subscriptions are cut, and edits flow again afterwards', async () => {
    const { db, a, b } = await pair('redis');
    const ca = client(a, db, 'participant');
    const cb = client(b, db, 'participant');
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    ca.doc.getMap('ideas').set('before', 0);
    await waitFor(() => cb.doc.getMap('ideas').get('before') === 0);

    // Write from both sides in a steady stream while both instances' subscribers are killed.
    let n = 0;
    const timer = setInterval(() => {
      ca.doc.getMap('ideas').set(`a${n}`, n);
      cb.doc.getMap('ideas').set(`b${n}`, n);
      n++;
    }, 3);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await killSubscribers([a.relay.fanout.instanceId, b.relay.fanout.instanceId])).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    clearInterval(timer);
    const expected = { ...ca.doc.getMap('ideas').toJSON(), ...cb.doc.getMap('ideas').toJSON() };
    expect(Object.keys(expected).length).toBe(1 + 2 * n);
    await waitFor(
      () =>
        Object.keys(ca.doc.getMap('ideas').toJSON()).length === 1 + 2 * n &&
        Object.keys(cb.doc.getMap('ideas').toJSON()).length === 1 + 2 * n,
      { timeoutMs: 8000, message: 'edits made around the cut never arrived' }
    );
    expect(ca.doc.getMap('ideas').toJSON()).toEqual(expected);
    expect(cb.doc.getMap('ideas').toJSON()).toEqual(expected);
    cb.doc.getMap('ideas').set('after', 1);
    await waitFor(() => ca.doc.getMap('ideas').get('after') === 1, { message: 'no edits after the cut' });
  });

  it('creates a room with the CLI in PostgreSQL; its token opens the room on a relay', async () => {
    const { db, a } = await pair('cli');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'sync-server/src/cli.ts', 'create', '--title', 'Mitmach-Konferenz Uckermark'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.databaseUrl, DATA_DIR: '/nonexistent/slt' } }
    );
    const created = JSON.parse(stdout) as { roomId: string; tokens: { participant: string } };
    expect((await a.relay.storage.getRoom(created.roomId))?.title).toBe('Mitmach-Konferenz Uckermark');
    const c = connectClient(a.wsUrl, created.roomId, created.tokens.participant);
    defer(() => c.destroy());
    await c.whenSynced();
  });
});
