// Durability of the relay as a separate process: a graceful stop (SIGTERM) flushes everything and closes
// sockets with 1012; a `kill -9` in the middle of a stream of writes loses nothing that had been
// acknowledged as saved (five kill/restart rounds; `npm run test:kill` runs many more). Each check reads the
// document back through a fresh client after a restart.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../sync-server/src/storage/sqlite';
import { connectClient, createTestRoom, makeTempDir, waitFor, type TestRoom } from '../helpers/relay';
import { startChildRelay, type ChildRelay } from '../helpers/relay-child';
import { useCleanups } from '../helpers/cleanups';

const defer = useCleanups();

async function prepare(): Promise<{ dataDir: string; room: TestRoom }> {
  const dataDir = makeTempDir();
  defer(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const storage = openSqliteStorage(dataDir);
  const room = await createTestRoom(storage);
  await storage.close();
  return { dataDir, room };
}

async function start(dataDir: string): Promise<ChildRelay> {
  const child = await startChildRelay({ dataDir });
  defer(() => child.stop('SIGKILL'));
  return child;
}

async function readBack(child: ChildRelay, room: TestRoom): Promise<Y.Map<unknown>> {
  const reader = connectClient(child.wsUrl, room.roomId, room.tokens.viewer);
  defer(() => reader.destroy());
  await reader.whenSynced();
  return reader.doc.getMap('stream');
}

/** Writes key `w<n>` every 2 ms and tracks the highest n covered by a "saved" acknowledgement. */
function writeStream(child: ChildRelay, room: TestRoom, prefix: string) {
  const doc = new Y.Doc();
  const clockAfter: number[] = [];
  let ackedUpTo = -1;
  const client = connectClient(child.wsUrl, room.roomId, room.tokens.participant, {
    ack: true,
    doc,
    onSaved(saved) {
      const clock = saved.get(doc.clientID) ?? 0;
      while (ackedUpTo + 1 < clockAfter.length && (clockAfter[ackedUpTo + 1] ?? Infinity) <= clock)
        ackedUpTo++;
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
    written: () => clockAfter.length,
    acked: () => ackedUpTo + 1,
    stop: () => clearInterval(timer)
  };
}

describe('relay durability (child process)', () => {
  it('flushes everything on SIGTERM and closes sockets with 1012', async () => {
    const { dataDir, room } = await prepare();
    const first = await start(dataDir);
    const stream = writeStream(first, room, 'g');
    const closes: number[] = [];
    stream.client.provider.on('connection-close', (event) => event && closes.push(event.code));
    await waitFor(() => stream.acked() >= 20, { timeoutMs: 10_000, message: 'no acks' });
    stream.stop();
    await stream.client.whenSaved();
    const written = stream.written();
    expect(await first.stop('SIGTERM')).toBe(0);
    await waitFor(() => closes.length > 0);
    expect(closes[0]).toBe(1012);
    stream.client.destroy();

    const second = await start(dataDir);
    const map = await readBack(second, room);
    expect(map.size).toBe(written);
  });

  it('loses no acknowledged update when killed with SIGKILL mid-stream', async () => {
    const { dataDir, room } = await prepare();
    let expected = new Map<string, number>();
    for (const round of ['a', 'b', 'c', 'd', 'e']) {
      const child = await start(dataDir);
      const stream = writeStream(child, room, round);
      await waitFor(() => stream.acked() >= 40, { timeoutMs: 10_000, message: 'no acks' });
      await new Promise((r) => setTimeout(r, 30)); // keep writing: the kill lands mid-stream
      await child.stop('SIGKILL');
      stream.stop();
      const acked = stream.acked();
      expect(stream.written()).toBeGreaterThan(acked); // some writes were in flight, unacknowledged
      stream.client.destroy();
      for (let i = 0; i < acked; i++) expected.set(`${round}${i}`, i);

      const reader = await start(dataDir);
      const map = await readBack(reader, room);
      const missing = [...expected.keys()].filter((key) => map.get(key) !== expected.get(key));
      expect(missing, `round ${round}: ${acked} acked`).toEqual([]);
      expected = new Map([...expected, ...[...map.entries()].map(([k, v]) => [k, v as number] as const)]);
      await reader.stop('SIGTERM');
    }
  }, 90_000);
});
