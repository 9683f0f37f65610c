// The relay under load from many peers: a slow reader is dropped with 1013 while a fast one keeps getting
// updates quickly, awareness batching cuts the messages each socket receives several-fold (and the stock
// client still sees every state), rate limits drop per connection, per link and per room and close a
// sustained flood with 1008, and a shutdown closes sockets spread over time with 1012 while /readyz says 503.

import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { RelayConfig } from '../../sync-server/src/config';
import { connectClient, startTestRelay, waitFor, type TestRelay } from '../helpers/relay';
import {
  awarenessMessage,
  metricValue,
  openRaw,
  sleep,
  syncMessage,
  until,
  type RawPeer
} from '../helpers/raw-peer';
import { useCleanups } from '../helpers/cleanups';

const defer = useCleanups();

async function relayFor(config: Partial<RelayConfig>): Promise<TestRelay> {
  const t = await startTestRelay({ config });
  defer(() => t.close());
  return t;
}

async function peer(t: TestRelay, token: string): Promise<RawPeer> {
  const p = openRaw(`${t.wsUrl}/${t.room.roomId}?token=${token}`);
  defer(() => p.ws.terminate());
  await p.opened;
  return p;
}

const isUpdate = (m: Uint8Array): boolean => m[0] === 0 && m[1] === 2;
/** Awareness messages that list at least one client (the keepalive lists none). */
const isAwareness = (m: Uint8Array): boolean => m[0] === 1 && !(m.length === 3 && m[2] === 0);

describe('relay under load', () => {
  it('drops a slow reader with 1013 while a fast reader keeps getting updates quickly', async () => {
    const t = await relayFor({
      maxBufferedBytes: 64 * 1024,
      rateConnectionMessages: 0,
      rateConnectionBytes: 0,
      rateLinkMessages: 0,
      rateLinkBytes: 0,
      rateRoomMessages: 0,
      rateRoomBytes: 0
    });
    const writer = await peer(t, t.room.tokens.facilitator);
    const fast = await peer(t, t.room.tokens.viewer);
    const slow = await peer(t, t.room.tokens.viewer);
    await waitFor(() => slow.received.length > 0 && fast.received.length > 0);
    (slow.ws as unknown as { _socket: Socket })._socket.pause(); // stops reading; the kernel buffers fill up

    const doc = new Y.Doc();
    const sentAt: number[] = [];
    const count = 400;
    for (let i = 0; i < count; i++) {
      const before = Y.encodeStateVector(doc);
      doc.getMap('ideas').set(`k${i}`, 'z'.repeat(32 * 1024));
      sentAt.push(Date.now());
      writer.send(syncMessage(2, Y.encodeStateAsUpdate(doc, before)));
      await sleep(4); // a steady 8 MB/s or less: the fast reader's latency shows delivery, not a backlog
    }
    await waitFor(() => fast.received.filter((m) => isUpdate(m.data)).length === count, {
      timeoutMs: 20_000,
      message: 'fast reader did not get every update'
    });
    const arrivals = fast.received.filter((m) => isUpdate(m.data)).map((m) => m.at);
    const latencies = arrivals.map((at, i) => at - (sentAt[i] ?? at)).sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? Infinity;
    console.info(
      `fast reader: ${count} updates of 32 KiB, latency p50 ${latencies[count >> 1]} ms, p95 ${p95} ms`
    );
    expect(p95).toBeLessThan(1000);

    await until(async () => (await metricValue(t.relay, 'relay_closes_total', { code: '1013' })) === 1, {
      message: 'slow reader not dropped'
    });
    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    const closed = await slow.closed;
    expect([1013, 1006]).toContain(closed.code); // 1006 if it stayed stuck until the relay cut it off
    if (closed.code === 1013) expect(closed.reason).toMatch(/too slow/);
    expect(slow.received.filter((m) => isUpdate(m.data)).length).toBeLessThan(count);
    expect(fast.ws.readyState).toBe(fast.ws.OPEN);
    expect(await metricValue(t.relay, 'relay_messages_dropped_total', { reason: 'slow_reader' })).toBe(1);
  }, 40_000);

  /** 20 phones each send 5 awareness changes within ~60 ms; returns what an observer socket received. */
  async function awarenessRound(batchMs: number) {
    const t = await relayFor({ awarenessBatchMs: batchMs });
    const observer = await peer(t, t.room.tokens.viewer);
    const phones = await Promise.all(Array.from({ length: 20 }, () => peer(t, t.room.tokens.participant)));
    await sleep(100);
    const start = observer.received.length;
    for (let clock = 1; clock <= 5; clock++) {
      phones.forEach((p, i) =>
        p.send(awarenessMessage([{ client: 1000 + i, clock, state: { user: `Phone ${i}`, n: clock } }]))
      );
      await sleep(12);
    }
    await sleep(batchMs + 300);
    const messages = observer.received
      .slice(start)
      .map((m) => m.data)
      .filter(isAwareness);
    const perPhone = phones.map((p) => p.received.map((m) => m.data).filter(isAwareness).length);
    // Latest state per client as the observer decoded it.
    const latest = new Map<number, { clock: number; state: unknown }>();
    for (const message of messages) {
      const d = decoding.createDecoder(message);
      decoding.readVarUint(d);
      const inner = decoding.createDecoder(decoding.readVarUint8Array(d));
      const n = decoding.readVarUint(inner);
      for (let i = 0; i < n; i++) {
        const client = decoding.readVarUint(inner);
        const clock = decoding.readVarUint(inner);
        const state: unknown = JSON.parse(decoding.readVarString(inner));
        if ((latest.get(client)?.clock ?? -1) < clock) latest.set(client, { clock, state });
      }
    }
    return { t, messages: messages.length, perPhone, latest };
  }

  it('batches awareness: each socket receives several-fold fewer messages, with every latest state', async () => {
    const single = await awarenessRound(0);
    const batched = await awarenessRound(100);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    console.info(
      `awareness messages to the observer: ${single.messages} one by one, ${batched.messages} batched; ` +
        `to all 20 phones: ${sum(single.perPhone)} vs ${sum(batched.perPhone)}`
    );
    expect(single.messages).toBe(100);
    expect(batched.messages * 4).toBeLessThanOrEqual(single.messages);
    expect(sum(batched.perPhone) * 4).toBeLessThanOrEqual(sum(single.perPhone));
    for (const round of [single, batched]) {
      expect(round.latest.size).toBe(20);
      for (let i = 0; i < 20; i++)
        expect(round.latest.get(1000 + i)).toEqual({ clock: 5, state: { user: `Phone ${i}`, n: 5 } });
    }
    expect(
      await metricValue(batched.t.relay, 'relay_awareness_batched_updates_total')
    ).toBeGreaterThanOrEqual(100);

    // The stock y-websocket client just sees an awareness update listing several clients.
    const stock = connectClient(batched.t.wsUrl, batched.t.room.roomId, batched.t.room.tokens.viewer);
    defer(() => stock.destroy());
    await stock.whenSynced();
    await waitFor(() => stock.provider.awareness.getStates().size >= 20);
    expect(stock.provider.awareness.getStates().get(1007)).toEqual({ user: 'Phone 7', n: 5 });
  });

  it('drops messages over the connection limit and closes a sustained flood with 1008', async () => {
    const t = await relayFor({ rateConnectionMessages: 50, rateCloseAfterMs: 600 });
    const flooder = await peer(t, t.room.tokens.participant);
    const burst = (from: number, n: number) => {
      for (let i = 0; i < n; i++)
        flooder.send(awarenessMessage([{ client: 5, clock: from + i, state: { i } }]));
    };
    burst(1, 300); // a burst of 2 s worth (100) passes, the rest is dropped
    await waitFor(
      async () =>
        (await metricValue(t.relay, 'relay_messages_dropped_total', { reason: 'rate_connection' })) >= 150
    );
    expect(flooder.ws.readyState).toBe(flooder.ws.OPEN); // one burst is not yet sustained
    const started = Date.now();
    let clock = 301;
    const timer = setInterval(() => {
      burst(clock, 20); // 400/s against 50/s
      clock += 20;
    }, 50);
    defer(() => clearInterval(timer));
    const closed = await flooder.closed;
    clearInterval(timer);
    expect(closed).toMatchObject({ code: 1008, reason: expect.stringMatching(/too many messages/) });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(
      await metricValue(t.relay, 'relay_messages_refused_total', { reason: 'rate_connection_sustained' })
    ).toBe(1);
  });

  it('closes a connection whose document update is over the limit (1013); the reconnect loses nothing', async () => {
    const t = await relayFor({ rateConnectionMessages: 10 });
    const writer = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.participant, { ack: true });
    defer(() => writer.destroy());
    const closes: number[] = [];
    writer.provider.on('connection-close', (event) => event && closes.push(event.code));
    await writer.whenSynced();
    for (let i = 0; i < 60; i++) writer.doc.getMap('ideas').set(`bulk${i}`, i); // 60 messages, burst of 20
    await waitFor(() => closes.includes(1013), { message: 'no 1013 close' });
    await writer.whenSaved(10_000); // after the reconnect, its sync step 2 carried the dropped updates
    const reader = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.viewer);
    defer(() => reader.destroy());
    await reader.whenSynced();
    expect(reader.doc.getMap('ideas').size).toBe(60);
    expect(
      await metricValue(t.relay, 'relay_messages_refused_total', { reason: 'rate_connection_update' })
    ).toBe(1);
  });

  const flood = (p: RawPeer, client: number, n: number) => {
    for (let i = 1; i <= n; i++) p.send(awarenessMessage([{ client, clock: i, state: { i } }]));
  };
  /** Waits until the relay has admitted or dropped `total` awareness messages. */
  const handled = (t: TestRelay, total: number) =>
    until(async () => {
      const admitted = await metricValue(t.relay, 'relay_messages_in_total', { type: 'awareness' });
      return admitted + (await metricValue(t.relay, 'relay_messages_dropped_total')) >= total;
    });

  it('limits per link, not per address: phones sharing a link share its budget, other links keep theirs', async () => {
    const t = await relayFor({ rateLinkMessages: 50, rateCloseAfterMs: 60_000 });
    // Two phones share the participant link: together they get its burst of 100 messages.
    const [a, b] = [await peer(t, t.room.tokens.participant), await peer(t, t.room.tokens.participant)];
    flood(a, 1, 80);
    flood(b, 2, 80);
    await handled(t, 160);
    const linkDrops = await metricValue(t.relay, 'relay_messages_dropped_total', { reason: 'rate_link' });
    expect(linkDrops).toBeGreaterThanOrEqual(50);
    expect(linkDrops).toBeLessThanOrEqual(60);
    // The facilitator link, from the same address, still has its own budget.
    const facilitator = await peer(t, t.room.tokens.facilitator);
    flood(facilitator, 3, 90);
    const doc = new Y.Doc();
    doc.getMap('ideas').set('from-facilitator', true);
    facilitator.send(syncMessage(2, Y.encodeStateAsUpdate(doc)));
    await handled(t, 250);
    const reader = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.viewer);
    defer(() => reader.destroy());
    await waitFor(() => reader.doc.getMap('ideas').get('from-facilitator') === true);
    expect(await metricValue(t.relay, 'relay_messages_dropped_total')).toBe(linkDrops);
  });

  it('limits per room across links', async () => {
    const t = await relayFor({ rateRoomMessages: 50, rateCloseAfterMs: 60_000 });
    const facilitator = await peer(t, t.room.tokens.facilitator);
    const viewer = await peer(t, t.room.tokens.viewer);
    flood(facilitator, 1, 80);
    flood(viewer, 2, 80);
    await handled(t, 160);
    const roomDrops = await metricValue(t.relay, 'relay_messages_dropped_total', { reason: 'rate_room' });
    expect(roomDrops).toBeGreaterThanOrEqual(50);
    expect(roomDrops).toBeLessThanOrEqual(65);
    expect(await metricValue(t.relay, 'relay_messages_dropped_total', { reason: 'rate_link' })).toBe(0);
  });

  it('closes sockets spread over SHUTDOWN_SPREAD_MS with 1012; /readyz answers 503 while draining', async () => {
    const t = await relayFor({ shutdownSpreadMs: 400 });
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const peers = await Promise.all(Array.from({ length: 60 }, () => peer(t, t.room.tokens.participant)));
    const started = Date.now();
    const closing = t.relay.close({ graceMs: 500 });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, draining: true });
    const closes = await Promise.all(peers.map((p) => p.closed));
    await closing;
    expect(new Set(closes.map((c) => c.code))).toEqual(new Set([1012]));
    expect(closes.every((c) => /restart/.test(c.reason))).toBe(true);
    const times = closes.map((c) => c.at - started).sort((a, b) => a - b);
    console.info(
      `60 sockets closed from ${times[0]} ms to ${times[59]} ms after close(): ${times.join(' ')}`
    );
    expect((times[59] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(300);
    // Spread, not bunched at one end: the middle half of the closes takes at least 30 % of the window.
    expect((times[45] ?? 0) - (times[15] ?? 0)).toBeGreaterThanOrEqual(120);
  });
});
