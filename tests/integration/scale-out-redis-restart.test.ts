// Restarting Redis itself (not only cutting connections): two relay instances share PostgreSQL and a Redis
// server of this test's own, which is killed with SIGKILL while both sides write and then started again
// empty. Nothing is lost, both sides converge, "saved" acks come again and edits cross instances again.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, startTestRelay, waitFor, type TestClient, type TestRelay } from '../helpers/relay';
import {
  ownRedis,
  REDIS_SERVER,
  scaleOutEnabled,
  scaleOutTitle,
  sharedDatabase,
  type SharedDatabase
} from '../helpers/scale-out';
import { useCleanups } from '../helpers/cleanups';

const defer = useCleanups();
const enabled = scaleOutEnabled && REDIS_SERVER !== null;
const title = REDIS_SERVER
  ? scaleOutTitle('relay scale-out: Redis restarted')
  : 'relay scale-out: Redis restarted (redis-server not installed)';

describe.skipIf(!enabled)(title, () => {
  it('loses nothing when Redis is killed mid-stream and started again; acks and edits flow again', async () => {
    const redis = await ownRedis(defer);
    const db: SharedDatabase = await sharedDatabase('redis_restart');
    defer(() => db.drop());
    const start = async (): Promise<TestRelay> => {
      const t = await startTestRelay({ config: { databaseUrl: db.databaseUrl, redisUrl: redis.url } });
      defer(() => t.close());
      return t;
    };
    const [a, b] = [await start(), await start()];
    const resyncs = { a: 0, b: 0 };
    a.relay.fanout.onResync(() => resyncs.a++);
    b.relay.fanout.onResync(() => resyncs.b++);
    const client = (t: TestRelay): TestClient => {
      const c = connectClient(t.wsUrl, db.room.roomId, db.room.tokens.participant, { ack: true });
      defer(() => c.destroy());
      return c;
    };
    const ca = client(a);
    const cb = client(b);
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    const ideasA = ca.doc.getMap<number>('ideas');
    const ideasB = cb.doc.getMap<number>('ideas');
    ideasA.set('before', 0);
    await waitFor(() => ideasB.get('before') === 0, { message: 'no edit crossed before the restart' });

    let n = 0;
    const timer = setInterval(() => {
      ideasA.set(`a${n}`, n);
      ideasB.set(`b${n}`, n);
      n++;
    }, 5);
    try {
      await new Promise((resolve) => setTimeout(resolve, 60));
      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await redis.start();
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      clearInterval(timer);
    }
    const expected = { ...ideasA.toJSON(), ...ideasB.toJSON() };
    expect(Object.keys(expected)).toHaveLength(1 + 2 * n);
    await waitFor(() => ideasA.size === 1 + 2 * n && ideasB.size === 1 + 2 * n, {
      timeoutMs: 10_000,
      message: `edits made around the restart never arrived (${n} per side)`
    });
    expect(ideasA.toJSON()).toEqual(expected);
    expect(ideasB.toJSON()).toEqual(expected);
    // An instance learns that the other stored an edit from its "saved" over Redis; one published while
    // Redis was down is lost, and then it stores the edit itself after the grace time (5 s) — hence 20 s.
    await Promise.all([ca.whenSaved(20_000), cb.whenSaved(20_000)]).catch((error: unknown) => {
      const vector = (m: Map<number, number> | undefined) => JSON.stringify([...(m ?? [])]);
      const state = (c: TestClient) =>
        `last saved ${vector(c.saved.at(-1))}, holds ${vector(Y.decodeStateVector(Y.encodeStateVector(c.doc)))}`;
      throw new Error(`${String(error)}; A's client: ${state(ca)}; B's client: ${state(cb)}`);
    });
    // Both instances noticed: they lost Redis and resynced once it was back.
    await waitFor(() => resyncs.a >= 1 && resyncs.b >= 1, { message: 'an instance never resynced' });

    ideasB.set('after', 1);
    await waitFor(() => ideasA.get('after') === 1, { message: 'no edit crossed after the restart' });
  });
});
