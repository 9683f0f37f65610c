// A change that only deletes creates no clock, so the relay's "saved" state vector (message 100) cannot
// cover it. The app sends a save request (102) after such a change, and the relay answers only once
// everything that socket sent before the request is stored. Here a "saved" for an earlier batch arrives
// while the deletion is still waiting for its write: the app must not call the deletion saved until then.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebSocket as WsWebSocket } from 'ws';
import { makeConfig, type RelayConfig } from '../../sync-server/src/config';
import { MESSAGE_SAVE_REQUEST } from '../../sync-server/src/protocol';
import { createLogger } from '../../sync-server/src/log';
import { createRelay } from '../../sync-server/src/relay';
import { openSqliteStorage } from '../../sync-server/src/storage/sqlite';
import type { Storage } from '../../sync-server/src/storage/types';
import { DocLink } from '../../src/lib/sync/doc-link';
import { covers } from '../../src/lib/sync/saved';
import { useCleanups } from '../helpers/cleanups';
import { openRaw, syncMessage, type RawPeer } from '../helpers/raw-peer';
import { connectClient, createTestRoom, makeTempDir, readStoredDoc, waitFor } from '../helpers/relay';

const defer = useCleanups();

/** A relay on SQLite whose appends wait, one by one, while `holding` is on. */
async function gatedRelay(overrides: Partial<RelayConfig> = {}) {
  const dir = makeTempDir();
  const inner = openSqliteStorage(dir);
  const waiting: Array<() => void> = [];
  const gate = { holding: false, waiting };
  const storage: Storage = {
    ...inner,
    async appendUpdates(batch) {
      if (gate.holding) await new Promise<void>((resolve) => waiting.push(resolve));
      return inner.appendUpdates(batch);
    }
  };
  const config = makeConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    staticDir: path.join(dir, 'no-static'),
    logLevel: 'silent',
    flushIntervalMs: 5,
    ...overrides
  });
  const relay = await createRelay(config, { storage, logger: createLogger('silent') });
  const room = await createTestRoom(relay.storage);
  defer(async () => {
    gate.holding = false;
    for (const release of waiting.splice(0)) release();
    await relay.close({ graceMs: 100 });
    await inner.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  /** The app's link to the shared document (ack=1, save requests), not yet connected; destroyed after the test. */
  const openLink = (doc: Y.Doc, onChange: () => void = () => undefined): DocLink => {
    const link = new DocLink({
      wsBase: relay.wsUrl,
      room: room.roomId,
      token: room.tokens.participant,
      doc,
      WebSocketPolyfill: WsWebSocket as unknown as typeof WebSocket,
      onChange,
      onFailure: () => undefined
    });
    defer(() => link.destroy());
    return link;
  };
  return { relay, room, dir, gate, openLink };
}

describe('save request (message 102)', () => {
  it('calls a deletion saved only once it is stored, not on a "saved" for an earlier batch', async () => {
    const { relay, room, dir, gate, openLink } = await gatedRelay();
    const doc = new Y.Doc();
    /** Checked at the moment the app calls everything saved: is the deletion in storage? */
    const deletionStoredWhenSaved: boolean[] = [];
    let watchDeletion = false;
    const link: DocLink = openLink(doc, () => {
      if (watchDeletion && link.isSaved) {
        deletionStoredWhenSaved.push(!readStoredDoc(dir, room.roomId).getMap('ideas').has('a'));
      }
    });
    const observer = connectClient(relay.wsUrl, room.roomId, room.tokens.viewer);
    defer(() => observer.destroy());
    link.connect();
    const ideas = doc.getMap<string>('ideas');
    ideas.set('a', 'Dorfladen');
    await waitFor(() => link.isSaved, { message: 'first idea saved' });

    // Batch k (a new idea) waits for its write; the deletion arrives after it was taken.
    gate.holding = true;
    ideas.set('b', 'Repair-Café');
    await waitFor(() => gate.waiting.length === 1, { message: 'batch with the new idea waiting' });
    watchDeletion = true;
    ideas.delete('a');
    expect(link.pending.count).toBe(2);
    await waitFor(() => !observer.doc.getMap('ideas').has('a'), { message: 'relay applied the deletion' });

    // Batch k commits; the deletion's batch is held. The "saved" that follows covers the new idea only.
    gate.waiting.shift()?.();
    await waitFor(() => gate.waiting.length === 1, { message: 'batch with the deletion waiting' });
    const afterB = Y.decodeStateVector(Y.encodeStateVector(doc));
    await waitFor(() => link.savedVector && covers(link.savedVector, afterB), {
      message: '"saved" for batch k'
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(link.pending.count).toBe(1);
    expect(link.isSaved).toBe(false);
    expect(readStoredDoc(dir, room.roomId).getMap('ideas').has('a')).toBe(true);

    // Once the deletion is stored, the answer to the app's save request arrives.
    gate.holding = false;
    gate.waiting.shift()?.();
    await waitFor(() => link.isSaved, { message: 'deletion saved' });
    expect(deletionStoredWhenSaved.length).toBeGreaterThan(0);
    expect(deletionStoredWhenSaved.every(Boolean)).toBe(true);
    expect(link.pending.count).toBe(0);
  });

  it('after a reload, calls a deletion it brings from IndexedDB saved only once the relay stored it', async () => {
    const { room, dir, gate, openLink } = await gatedRelay();
    const before = new Y.Doc();
    const first = openLink(before);
    first.connect();
    before.getMap<string>('ideas').set('a', 'Dorfladen');
    await waitFor(() => first.isSaved, { message: 'idea saved' });
    first.destroy();

    // The deletion happened while offline, then the app was reloaded: it comes from IndexedDB, so it is
    // in the document before the link exists and no pending change records it.
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(before));
    reloaded.getMap<string>('ideas').delete('a');
    gate.holding = true;
    const deletionStoredWhenSaved: boolean[] = [];
    const second: DocLink = openLink(reloaded, () => {
      if (second.isSaved)
        deletionStoredWhenSaved.push(!readStoredDoc(dir, room.roomId).getMap('ideas').has('a'));
    });
    second.connect();
    await waitFor(() => second.phase === 'synced' && gate.waiting.length === 1, {
      message: 'synced, the deletion waiting for its write'
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second.savedVector).not.toBeNull(); // the relay's "saved" after sync came, and covers every clock
    expect(second.isSaved).toBe(false);

    gate.holding = false;
    gate.waiting.shift()?.();
    await waitFor(() => second.isSaved, { message: 'deletion saved' });
    expect(deletionStoredWhenSaved.length).toBeGreaterThan(0);
    expect(deletionStoredWhenSaved.every(Boolean)).toBe(true);
  });

  it("joins a connection's requests, closes one more waiting connection than allowed (1013), and answers after the commit", async () => {
    const { relay, room, gate } = await gatedRelay({ saveWaitersMax: 2 });
    const url = `${relay.wsUrl}/${room.roomId}?token=${room.tokens.participant}&ack=1`;
    const answers = (p: RawPeer): number =>
      p.received.filter((m) => m.data[0] === MESSAGE_SAVE_REQUEST).length;
    /** Every message sent before is handled once the relay answers a query for awareness (type 3). */
    const handled = async (p: RawPeer): Promise<void> => {
      const before = p.received.filter((m) => m.data[0] === 1).length;
      p.send(Uint8Array.of(3));
      await waitFor(() => p.received.filter((m) => m.data[0] === 1).length > before, {
        message: 'awareness answer'
      });
    };
    const [first, second, third] = [openRaw(url), openRaw(url), openRaw(url)];
    await Promise.all([first.opened, second.opened, third.opened]);
    const doc = new Y.Doc();
    doc.getMap('ideas').set('a', 'Dorfladen');
    gate.holding = true;
    first.send(syncMessage(2, Y.encodeStateAsUpdate(doc)));
    await waitFor(() => gate.waiting.length === 1, { message: 'the update waiting for its write' });
    const request = Uint8Array.of(MESSAGE_SAVE_REQUEST);
    for (let i = 0; i < 5; i++) first.send(request); // one connection asking again and again holds one place
    second.send(request);
    await Promise.all([handled(first), handled(second)]);
    expect([answers(first), answers(second)]).toEqual([0, 0]);

    third.send(request); // a third connection: no place left
    const closed = await third.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toContain('too many save requests');
    expect([first.ws.readyState, second.ws.readyState]).toEqual([first.ws.OPEN, second.ws.OPEN]);

    gate.holding = false;
    gate.waiting.shift()?.();
    await waitFor(() => answers(first) === 5 && answers(second) === 1, {
      message: 'answers after the commit'
    });
    const next = openRaw(url);
    await next.opened;
    next.send(request);
    await waitFor(() => answers(next) === 1, { message: 'answer to a new connection' });
    for (const p of [first, second, next]) p.ws.close();
  });
});
