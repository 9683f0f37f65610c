// The durability rules of fan-out, with two in-process relays sharing one SQLite file and an in-memory bus
// (no PostgreSQL or Redis needed): instance A's writes can be held back, so an update lives only in A's
// memory. B never acks such an update, acks it once A stored it, writes it itself when A never confirms
// it, hands it to a document B loads meanwhile, and catches up after its bus connection was cut.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeConfig } from '../../sync-server/src/config';
import { createLogger } from '../../sync-server/src/log';
import { createRelay, type Relay } from '../../sync-server/src/relay';
import { openSqliteStorage } from '../../sync-server/src/storage/sqlite';
import type { Storage } from '../../sync-server/src/storage/types';
import { createMemoryBus, type MemberFanout } from '../helpers/memory-fanout';
import {
  connectClient,
  covers,
  createTestRoom,
  makeTempDir,
  readStoredDoc,
  waitFor,
  type TestClient,
  type TestRoom
} from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';

const defer = useCleanups();

interface Instance {
  relay: Relay;
  fanout: MemberFanout;
  /** Holds back every write of this instance until the returned function is called. */
  holdWrites(): () => void;
}

async function setup(
  remoteGraceMs = 5000
): Promise<{ dir: string; room: TestRoom; a: Instance; b: Instance }> {
  const dir = makeTempDir('slt-fanout-');
  defer(() => fs.rmSync(dir, { recursive: true, force: true }));
  const bus = createMemoryBus();
  const start = async (): Promise<Instance> => {
    const inner = openSqliteStorage(dir);
    let gate: Promise<void> | null = null;
    const storage: Storage = {
      ...inner,
      async appendUpdates(batch) {
        while (gate) await gate;
        return inner.appendUpdates(batch);
      }
    };
    const fanout = bus.join();
    const config = makeConfig({ port: 0, host: '127.0.0.1', dataDir: dir, staticDir: path.join(dir, 'x') });
    const relay = await createRelay(config, {
      storage,
      fanout,
      bridge: { remoteGraceMs },
      logger: createLogger('silent')
    });
    let open = (): void => undefined;
    const release = (): void => {
      gate = null;
      open();
    };
    defer(async () => {
      release();
      await relay.close({ graceMs: 100 });
      await fanout.close();
      await inner.close();
    });
    return {
      relay,
      fanout,
      holdWrites() {
        gate = new Promise<void>((resolve) => (open = resolve));
        return release;
      }
    };
  };
  const a = await start();
  const b = await start();
  return { dir, room: await createTestRoom(a.relay.storage), a, b };
}

function client(relay: Relay, room: TestRoom, options = {}): TestClient {
  const c = connectClient(relay.wsUrl, room.roomId, room.tokens.participant, options);
  defer(() => c.destroy());
  return c;
}

const sv = (doc: Y.Doc): Map<number, number> => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('fan-out durability (in-memory bus, shared SQLite)', () => {
  it('acks on B an edit made on A only once A has stored it', async () => {
    const { dir, room, a, b } = await setup();
    const violations: string[] = [];
    const acks: Array<Map<number, number>> = [];
    const cb = client(b.relay, room, {
      ack: true,
      onSaved(saved: Map<number, number>) {
        acks.push(saved);
        if (!covers(sv(readStoredDoc(dir, room.roomId)), saved)) violations.push(`ack ${acks.length} ahead`);
      }
    });
    const ca = client(a.relay, room);
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    const release = a.holdWrites();
    ca.doc.getMap('ideas').set('from-a', 1);
    await waitFor(() => cb.doc.getMap('ideas').get('from-a') === 1);
    cb.doc.getMap('ideas').set('from-b', 2);
    await waitFor(() =>
      acks.some((ack) => (ack.get(cb.doc.clientID) ?? 0) >= sv(cb.doc).get(cb.doc.clientID)!)
    );
    const fromA = sv(ca.doc);
    expect(acks.some((ack) => covers(ack, fromA))).toBe(false);
    release();
    await waitFor(() => acks.some((ack) => covers(ack, fromA)), {
      message: 'A’s saved never reached B’s client'
    });
    expect(violations).toEqual([]);
  });

  it('writes a remote update itself when its instance never confirms it as stored', async () => {
    const { dir, room, a, b } = await setup(150);
    const ca = client(a.relay, room);
    const cb = client(b.relay, room, { ack: true });
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    a.holdWrites(); // A never commits (as if it died right after publishing)
    ca.doc.getMap('ideas').set('orphan', 1);
    await waitFor(() => cb.doc.getMap('ideas').get('orphan') === 1);
    await waitFor(() => readStoredDoc(dir, room.roomId).getMap('ideas').get('orphan') === 1, {
      timeoutMs: 3000,
      message: 'B never wrote the unconfirmed update'
    });
    await cb.whenSaved();
  });

  it('gives a document that B loads the updates A holds but has not stored yet', async () => {
    const { room, a, b } = await setup();
    const ca = client(a.relay, room);
    await ca.whenSynced();
    a.holdWrites();
    ca.doc.getMap('ideas').set('in-memory', 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cb = client(b.relay, room);
    await waitFor(() => cb.doc.getMap('ideas').get('in-memory') === 1, {
      message: 'the update only in A’s memory never reached the document loaded on B'
    });
  });

  it('catches up after B’s bus connection was cut: from storage and from A’s memory', async () => {
    const { room, a, b } = await setup();
    const ca = client(a.relay, room);
    const cb = client(b.relay, room);
    await Promise.all([ca.whenSynced(), cb.whenSynced()]);
    b.fanout.cut();
    ca.doc.getMap('ideas').set('stored', 1);
    await a.relay.flush();
    a.holdWrites();
    ca.doc.getMap('ideas').set('unstored', 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cb.doc.getMap('ideas').size).toBe(0);
    cb.doc.getMap('ideas').set('made-on-b', 3);
    b.fanout.reconnect();
    await waitFor(() => cb.doc.getMap('ideas').size === 3 && ca.doc.getMap('ideas').size === 3, {
      message: 'no catch-up after the cut'
    });
  });

  it('acks what B read from storage while catching up, though nothing else follows to trigger a "saved"', async () => {
    const { room, b } = await setup();
    const cb = client(b.relay, room, { ack: true });
    await cb.whenSynced();
    b.fanout.cut();
    // Another instance stored an edit while B was cut off; it never published anything B received.
    const other = new Y.Doc();
    other.getMap('ideas').set('stored elsewhere', 1);
    await b.relay.storage.appendUpdates([{ docName: room.roomId, updates: [Y.encodeStateAsUpdate(other)] }]);
    b.fanout.reconnect();
    await waitFor(() => cb.doc.getMap('ideas').get('stored elsewhere') === 1, { message: 'no catch-up' });
    await cb.whenSaved();
  });
});
