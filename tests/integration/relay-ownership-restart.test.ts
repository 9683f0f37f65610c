// Client-id bindings (owners.ts) are stored with the room: they hold after a relay restart on the same
// SQLite file, and across two relay instances sharing PostgreSQL and Redis (a binding made on one instance
// is known on the other before the update it covers, and after that instance is gone).

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups';
import { makeTempDir, startTestRelay, type TestRelay, type TestRoom } from '../helpers/relay';
import { changeOf, newParticipantKey, rawWrite, relayCopy, sessionToken } from '../helpers/ownership';
import { REDIS_URL, scaleOutEnabled, scaleOutTitle, sharedDatabase } from '../helpers/scale-out';

const defer = useCleanups();

const ideas = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('ideas');
const addIdea = (id: string, text: string) => (doc: Y.Doc) => {
  const idea = new Y.Map<unknown>();
  ideas(doc).set(id, idea);
  idea.set('text', text);
};

/** A writes an idea on `first`; on `second`, B may not delete it and A (a new session, same key) may. */
async function bindingsHold(
  first: TestRelay,
  second: () => Promise<TestRelay>,
  room: TestRoom
): Promise<void> {
  const keyA = newParticipantKey();
  const keyB = newParticipantKey();
  const session = (t: TestRelay, key: string) =>
    sessionToken(t.url, room.roomId, room.tokens.participant, key);
  const a1 = await session(first, keyA);
  const replicaA = await relayCopy(first.wsUrl, room.roomId, a1);
  const write = changeOf(replicaA, addIdea('idea-a', 'Von A'));
  expect(await rawWrite(first.wsUrl, room.roomId, a1, write)).toEqual({ stored: true });

  const t = await second();
  const b = await session(t, keyB);
  const replicaB = await relayCopy(t.wsUrl, room.roomId, b);
  expect(ideas(replicaB).has('idea-a')).toBe(true);
  const steal = changeOf(replicaB, (d) => ideas(d).delete('idea-a'));
  expect(await rawWrite(t.wsUrl, room.roomId, b, steal)).toEqual({ refused: 'not_owner' });
  // B cannot continue A's client id either.
  const forged = await relayCopy(t.wsUrl, room.roomId, b, replicaA.clientID);
  const asA = changeOf(forged, addIdea('idea-forged', 'Als A'));
  expect(await rawWrite(t.wsUrl, room.roomId, b, asA)).toEqual({ refused: 'client_conflict' });

  const a2 = await session(t, keyA);
  const again = await relayCopy(t.wsUrl, room.roomId, a2);
  const remove = changeOf(again, (d) => ideas(d).delete('idea-a'));
  expect(await rawWrite(t.wsUrl, room.roomId, a2, remove)).toEqual({ stored: true });
  expect(ideas(await relayCopy(t.wsUrl, room.roomId, a2)).size).toBe(0);
}

describe('ownership bindings are stored with the room', () => {
  it('hold across a relay restart (SQLite)', async () => {
    const dataDir = makeTempDir();
    const first = await startTestRelay({ dataDir });
    const room = first.room;
    let second: TestRelay | null = null;
    defer(async () => {
      await first.close().catch(() => undefined);
      await second?.close();
    });
    await bindingsHold(
      first,
      async () => {
        await first.close();
        second = await startTestRelay({ dataDir });
        return second;
      },
      room
    );
  });

  it.skipIf(!scaleOutEnabled)(
    scaleOutTitle('hold across two instances over PostgreSQL and Redis, and after the first is gone'),
    async () => {
      const db = await sharedDatabase('owners');
      defer(() => db.drop());
      const tokenSecret = new Uint8Array(32).map((_, i) => i + 1);
      const start = async (): Promise<TestRelay> => {
        const t = await startTestRelay({
          config: { databaseUrl: db.databaseUrl, redisUrl: REDIS_URL, tokenSecret }
        });
        defer(() => t.close());
        return t;
      };
      const first = await start();
      const second = await start();
      // Both instances hold the document while A writes on the first: the second learns the binding live.
      const watcher = await relayCopy(second.wsUrl, db.room.roomId, db.room.tokens.facilitator);
      expect(watcher).toBeDefined();
      await bindingsHold(first, async () => second, db.room);
      // A writes once more on the first instance, which then goes away; a third instance started after
      // that reads the binding from PostgreSQL.
      const keyA = newParticipantKey();
      const a = await sessionToken(first.url, db.room.roomId, db.room.tokens.participant, keyA);
      const own = await relayCopy(first.wsUrl, db.room.roomId, a);
      expect(await rawWrite(first.wsUrl, db.room.roomId, a, changeOf(own, addIdea('idea-z', 'Z')))).toEqual({
        stored: true
      });
      await first.close();
      await second.close();
      const third = await start();
      const b = await sessionToken(
        third.url,
        db.room.roomId,
        db.room.tokens.participant,
        newParticipantKey()
      );
      const later = await relayCopy(third.wsUrl, db.room.roomId, b);
      expect(ideas(later).has('idea-z')).toBe(true);
      const steal = changeOf(later, (d) => ideas(d).delete('idea-z'));
      expect(await rawWrite(third.wsUrl, db.room.roomId, b, steal)).toEqual({ refused: 'not_owner' });
      const a3 = await sessionToken(third.url, db.room.roomId, db.room.tokens.participant, keyA);
      const mine = await relayCopy(third.wsUrl, db.room.roomId, a3);
      const remove = changeOf(mine, (d) => ideas(d).delete('idea-z'));
      expect(await rawWrite(third.wsUrl, db.room.roomId, a3, remove)).toEqual({ stored: true });
    }
  );
});
