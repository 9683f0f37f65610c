// Restarting one of two relay processes that share PostgreSQL and Redis loses nothing: after `kill -9` of
// instance A in the middle of a write stream, every acknowledged update is in PostgreSQL, and once A is back
// on its port the writer's client resends the rest; a graceful restart (SIGTERM) of B loses nothing either.
// Clients stay on their instance's port throughout, so the stock provider reconnects by itself.

import crypto from 'node:crypto';
import fs from 'node:fs';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, makeTempDir, waitFor, type TestClient } from '../helpers/relay';
import { startChildRelay, type ChildRelay } from '../helpers/relay-child';
import {
  REDIS_URL,
  scaleOutEnabled,
  scaleOutTitle,
  sharedDatabase,
  type SharedDatabase
} from '../helpers/scale-out';
import { useCleanups } from '../helpers/cleanups';

const defer = useCleanups();

async function instance(db: SharedDatabase, secret: string, port = 0): Promise<ChildRelay> {
  const dataDir = makeTempDir('slt-scale-');
  defer(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = await startChildRelay({
    dataDir,
    env: {
      DATABASE_URL: db.databaseUrl,
      REDIS_URL,
      TOKEN_SECRET: secret,
      PORT: String(port)
    }
  });
  defer(() => child.stop('SIGKILL'));
  return child;
}

/** Keys of map `stream` as stored in PostgreSQL now. */
async function storedKeys(db: SharedDatabase): Promise<Set<string>> {
  const sql = postgres(db.databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const rows = await sql<Array<{ data: Buffer }>>`
      SELECT data FROM (SELECT 0 AS k, 0::bigint AS id, data FROM doc_snapshots WHERE doc_name = ${db.room.roomId}
        UNION ALL SELECT 1, id, data FROM doc_updates WHERE doc_name = ${db.room.roomId}) AS t ORDER BY k, id`;
    const doc = new Y.Doc();
    rows.forEach((r) => Y.applyUpdate(doc, r.data));
    return new Set(doc.getMap('stream').keys());
  } finally {
    await sql.end();
  }
}

/** A participant writing key `<prefix><n>` every 2 ms; tracks how many writes a "saved" ack covered. */
function writer(child: ChildRelay, db: SharedDatabase, prefix: string) {
  const doc = new Y.Doc();
  const clockAfter: number[] = [];
  let acked = 0;
  const client = connectClient(child.wsUrl, db.room.roomId, db.room.tokens.participant, {
    ack: true,
    doc,
    onSaved(saved) {
      const clock = saved.get(doc.clientID) ?? 0;
      while (acked < clockAfter.length && (clockAfter[acked] ?? Infinity) <= clock) acked++;
    }
  });
  defer(() => client.destroy());
  const timer = setInterval(() => {
    if (!client.provider.wsconnected) return;
    doc.getMap('stream').set(`${prefix}${clockAfter.length}`, clockAfter.length);
    clockAfter.push(Y.getState(doc.store, doc.clientID));
  }, 2);
  defer(() => clearInterval(timer));
  return {
    client,
    keys: () => [...doc.getMap('stream').keys()],
    acked: () => acked,
    stop: () => clearInterval(timer)
  };
}

function reader(child: ChildRelay, db: SharedDatabase): TestClient {
  const c = connectClient(child.wsUrl, db.room.roomId, db.room.tokens.viewer);
  defer(() => c.destroy());
  return c;
}

describe.skipIf(!scaleOutEnabled)(scaleOutTitle('relay scale-out restarts (two processes)'), () => {
  it('kill -9 of one instance mid-stream loses no acked update; the rest arrives once it is back', async () => {
    const db = await sharedDatabase('kill');
    defer(() => db.drop());
    const secret = crypto.randomBytes(32).toString('hex');
    const [a, b] = await Promise.all([instance(db, secret), instance(db, secret)]);
    const onB = reader(b, db);
    await onB.whenSynced();
    const stream = writer(a, db, 'w');
    await waitFor(() => stream.acked() >= 40, { timeoutMs: 10_000, message: 'no acks from A' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await a.stop('SIGKILL');
    stream.stop();
    const acked = stream.keys().slice(0, stream.acked());
    const stored = await storedKeys(db);
    expect(acked.filter((key) => !stored.has(key))).toEqual([]);

    await instance(db, secret, a.port); // A comes back on its port; the writer reconnects and resends
    await stream.client.whenSaved(10_000);
    const all = stream.keys();
    const storedAfter = await storedKeys(db);
    expect(all.filter((key) => !storedAfter.has(key))).toEqual([]);
    await waitFor(() => onB.doc.getMap('stream').size === all.length, {
      message: 'B’s client missed updates'
    });
  });

  it('a graceful restart of one instance loses nothing and edits flow again', async () => {
    const db = await sharedDatabase('term');
    defer(() => db.drop());
    const secret = crypto.randomBytes(32).toString('hex');
    const [a, b] = await Promise.all([instance(db, secret), instance(db, secret)]);
    const onA = reader(a, db);
    const streamB = writer(b, db, 'b');
    await waitFor(() => streamB.acked() >= 20, { timeoutMs: 10_000, message: 'no acks from B' });
    expect(await b.stop('SIGTERM')).toBe(0);
    streamB.stop();
    await instance(db, secret, b.port);
    await waitFor(() => streamB.client.provider.synced && streamB.client.provider.wsconnected, {
      timeoutMs: 10_000,
      message: 'writer never reconnected to B'
    });
    streamB.client.doc.getMap('stream').set('after-restart', -1);
    await streamB.client.whenSaved(10_000);
    const all = streamB.keys();
    await waitFor(() => onA.doc.getMap('stream').size === all.length, {
      message: 'A’s client missed updates'
    });
    const stored = await storedKeys(db);
    expect(all.filter((key) => !stored.has(key))).toEqual([]);
  });
});
