// Relay sync behaviour with stock y-websocket clients: convergence on both documents, awareness, the
// "saved" acknowledgement (never ahead of SQLite), keepalive on quiet sockets, idle unload with
// compaction, and a graceful in-process restart.

import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import {
  connectClient,
  covers,
  readStoredDoc,
  startTestRelay,
  waitFor,
  type TestClient,
  type TestRelay
} from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';
import { relayStarter } from '../helpers/relay-starter';

const defer = useCleanups();

const relayFor = relayStarter(defer);

function client(t: TestRelay, role: 'facilitator' | 'participant' | 'viewer', options = {}): TestClient {
  const c = connectClient(t.wsUrl, t.room.roomId, t.room.tokens[role], options);
  defer(() => c.destroy());
  return c;
}

const stateVector = (doc: Y.Doc): Map<number, number> => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('relay sync', () => {
  it('converges two clients on shared and control document edits', async () => {
    const t = await relayFor();
    const f = client(t, 'facilitator');
    const p = client(t, 'participant');
    const fc = client(t, 'facilitator', { control: true });
    const pc = client(t, 'participant', { control: true });
    await Promise.all([f, p, fc, pc].map((c) => c.whenSynced()));

    for (let i = 0; i < 10; i++) {
      f.doc.getMap('ideas').set(`f${i}`, i);
      p.doc.getMap('ideas').set(`p${i}`, i);
    }
    fc.doc.getMap('info').set('title', 'Mitmach-Konferenz Nordeifel');
    await waitFor(() => p.doc.getMap('ideas').size === 20 && f.doc.getMap('ideas').size === 20);
    expect(f.doc.getMap('ideas').toJSON()).toEqual(p.doc.getMap('ideas').toJSON());
    await waitFor(() => pc.doc.getMap('info').get('title') === 'Mitmach-Konferenz Nordeifel');
    // The documents are separate: nothing of the control doc leaks into the shared one.
    expect(p.doc.getMap('info').size).toBe(0);
  });

  it('relays awareness and removes a leaving client’s state', async () => {
    const t = await relayFor();
    const a = client(t, 'participant');
    const b = client(t, 'viewer');
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    a.provider.awareness.setLocalStateField('user', { name: 'Aylin' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Aylin');
    a.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), {
      message: 'state not removed'
    });
  });

  it('acknowledges "saved" only for updates already committed to SQLite', async () => {
    const t = await relayFor({ config: { flushIntervalMs: 15 } });
    const violations: string[] = [];
    let acks = 0;
    const c = client(t, 'participant', {
      ack: true,
      onSaved(saved: Map<number, number>) {
        acks++;
        const stored = stateVector(readStoredDoc(t.dataDir, t.room.roomId));
        if (!covers(stored, saved)) violations.push(`ack ${acks} ahead of storage`);
      }
    });
    await c.whenSynced();
    for (let i = 0; i < 25; i++) {
      c.doc.getMap('ideas').set(`idea-${i}`, `Repair-Café ${i}`);
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await c.whenSaved();
    expect(violations).toEqual([]);
    expect(readStoredDoc(t.dataDir, t.room.roomId).getMap('ideas').get('idea-24')).toBe('Repair-Café 24');
    // Grouped writes: far fewer acks than edits, but at least the one after sync and one after the edits.
    expect(acks).toBeGreaterThanOrEqual(2);
  });

  it('tells a reconnecting client with nothing new that it is saved, right after sync', async () => {
    const t = await relayFor();
    const first = client(t, 'participant', { ack: true });
    await first.whenSynced();
    first.doc.getMap('ideas').set('a', 1);
    await first.whenSaved();
    first.destroy();

    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(first.doc));
    const again = client(t, 'participant', { ack: true, doc });
    await again.whenSaved();
    expect(again.saved.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps a quiet socket alive with a message the stock client ignores', async () => {
    const errors = vi.spyOn(console, 'error');
    defer(() => errors.mockRestore());
    const t = await relayFor({ config: { keepaliveMs: 200 } });
    const raw = new WebSocket(`${t.wsUrl}/${t.room.roomId}?token=${t.room.tokens.viewer}`);
    defer(() => raw.terminate());
    const keepalives: number[] = [];
    raw.on('message', (data: Buffer) => {
      if (data.equals(Buffer.from([1, 1, 0]))) keepalives.push(Date.now());
    });
    const c = client(t, 'viewer');
    await c.whenSynced();
    await new Promise((r) => setTimeout(r, 900));
    expect(keepalives.length).toBeGreaterThanOrEqual(3);
    const gaps = keepalives.slice(1).map((at, i) => at - (keepalives[i] ?? at));
    expect(Math.max(...gaps)).toBeLessThan(400);
    expect(c.provider.wsconnected).toBe(true);
    expect(errors).not.toHaveBeenCalled();
  });

  it('unloads an idle document after flushing and compacting it', async () => {
    const t = await relayFor({ config: { roomIdleMs: 100 } });
    const c = client(t, 'facilitator', { ack: true });
    await c.whenSynced();
    for (let i = 0; i < 5; i++) c.doc.getMap('ideas').set(`k${i}`, i);
    await c.whenSaved();
    // The shared document and, for its room lock, the control document (policy.ts).
    expect(t.relay.stats().rooms).toBe(2);
    c.destroy();
    await waitFor(() => t.relay.stats().rooms === 0, { message: 'room not unloaded' });
    await t.relay.flush();
    const metrics = await t.relay.metrics.registry.getSingleMetricAsString('relay_compactions_total');
    expect(metrics).toMatch(/relay_compactions_total 1$/m);

    const fresh = client(t, 'viewer');
    await fresh.whenSynced();
    expect(fresh.doc.getMap('ideas').toJSON()).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4 });
  });

  it('compacts the update log past the row threshold without losing content', async () => {
    const t = await relayFor({ config: { compactRows: 5, flushIntervalMs: 0 } });
    const c = client(t, 'facilitator', { ack: true });
    await c.whenSynced();
    for (let i = 0; i < 30; i++) {
      c.doc.getMap('ideas').set(`k${i}`, i);
      await new Promise((r) => setTimeout(r, 2));
    }
    await c.whenSaved();
    // A compaction runs after the commit whose "saved" went out first: wait for it, do not race it.
    const compactions = async (): Promise<number> => {
      const text = await t.relay.metrics.registry.getSingleMetricAsString('relay_compactions_total');
      return Number(/relay_compactions_total (\d+)/.exec(text)?.[1]);
    };
    await vi.waitFor(
      async () => {
        expect(await compactions()).toBeGreaterThan(0);
        expect((await t.relay.storage.loadDoc(t.room.roomId)).logRows).toBeLessThan(5);
      },
      { timeout: 5000 }
    );
    expect(readStoredDoc(t.dataDir, t.room.roomId).getMap('ideas').toJSON()).toEqual(
      c.doc.getMap('ideas').toJSON()
    );
  });

  it('survives a graceful restart: sockets close with 1012 and a reason, content persists', async () => {
    const first = await startTestRelay();
    const dataDir = first.dataDir;
    const c = connectClient(first.wsUrl, first.room.roomId, first.room.tokens.facilitator);
    defer(() => c.destroy());
    const closes: Array<{ code: number; reason: string }> = [];
    c.provider.on('connection-close', (event) => {
      if (event) closes.push({ code: event.code, reason: event.reason });
    });
    await c.whenSynced();
    for (let i = 0; i < 50; i++) c.doc.getMap('ideas').set(`k${i}`, i);
    await waitFor(() => first.relay.stats().rooms === 2); // shared + control (for the lock)
    await new Promise((r) => setTimeout(r, 20));
    await first.relay.close();
    await waitFor(() => closes.length > 0, { message: 'no close event' });
    expect(closes[0]?.code).toBe(1012);
    expect(closes[0]?.reason).toMatch(/restart/);
    c.destroy();

    const second = await startTestRelay({ dataDir });
    defer(() => second.close());
    const fresh = connectClient(second.wsUrl, first.room.roomId, first.room.tokens.viewer);
    defer(() => fresh.destroy());
    await fresh.whenSynced();
    expect(fresh.doc.getMap('ideas').size).toBe(50);
  });
});
