// The bench checks its own measuring before every run (and alone: `npx tsx bench/selfcheck.ts`): the wire
// parsing agrees with y-protocols' own encoders, percentiles are right on known data, and against a fake
// relay that holds every update back for a known delay the traffic task measures that delay, counts every
// delivery and the expected number of awareness messages. A bench that fails this must not report numbers.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { percentiles } from './stats';
import { runTraffic } from './traffic';
import {
  encodeAwarenessMessage,
  encodeEmptySyncStep1,
  encodeSyncStep1,
  firstStructId,
  parseMessage
} from './wire';

const DELAY_MS = 40;

function checkWire(): void {
  const doc = new Y.Doc();
  doc.clientID = 4242;
  doc.getMap('m').set('a', 1);
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('m').set('a', 2);
  assert.deepEqual(firstStructId(update as unknown as Uint8Array), { client: 4242, clock: 1 });

  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update as unknown as Uint8Array);
  const parsed = parseMessage(encoding.toUint8Array(e));
  assert.equal(parsed.type, 'update');

  const reply = encoding.createEncoder();
  encoding.writeVarUint(reply, 0);
  syncProtocol.readSyncMessage(decoding.createDecoder(encodeEmptySyncStep1().subarray(1)), reply, doc, null);
  assert.deepEqual(parseMessage(encoding.toUint8Array(reply)), {
    type: 'step2',
    bytes: Y.encodeStateAsUpdate(doc).byteLength
  });
  assert.equal(parseMessage(encodeSyncStep1(doc)).type, 'step1');

  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  const message = encodeAwarenessMessage(77, 3, { user: { name: 'x' } });
  awarenessProtocol.applyAwarenessUpdate(
    awareness,
    decoding.readVarUint8Array(decoding.createDecoder(message.subarray(1))),
    null
  );
  assert.deepEqual(awareness.getStates().get(77), { user: { name: 'x' } });
  assert.deepEqual(parseMessage(message), { type: 'awareness', entries: 1 });
  assert.deepEqual(parseMessage(Uint8Array.of(1, 1, 0)), { type: 'awareness', entries: 0 });
}

function checkPercentiles(): void {
  const p = percentiles(Array.from({ length: 100 }, (_, i) => i + 1));
  assert.deepEqual([p.p50, p.p90, p.p99, p.max, p.mean], [50, 90, 99, 100, 50.5]);
}

/** A relay stand-in: answers sync, relays awareness at once and updates after DELAY_MS, to the others. */
async function fakeRelay(): Promise<{ port: number; close(): void }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const peers = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    peers.add(ws);
    ws.on('close', () => peers.delete(ws));
    ws.send(encodeSyncStep1(new Y.Doc()));
    ws.on('message', (data: Buffer) => {
      const message = parseMessage(data);
      const others = (): WebSocket[] => [...peers].filter((p) => p !== ws);
      if (message.type === 'step1') {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        syncProtocol.writeSyncStep2(e, new Y.Doc(), message.stateVector);
        ws.send(encoding.toUint8Array(e));
      } else if (message.type === 'update') {
        setTimeout(() => others().forEach((p) => p.send(data)), DELAY_MS);
      } else if (message.type === 'awareness') {
        others().forEach((p) => p.send(data));
      }
    });
  });
  return { port: (wss.address() as AddressInfo).port, close: () => wss.close() };
}

async function checkTraffic(): Promise<void> {
  const relay = await fakeRelay();
  try {
    const sockets = 20;
    const result = await runTraffic({
      kind: 'traffic',
      wsBase: `ws://127.0.0.1:${relay.port}`,
      roomPaths: ['/a'],
      socketsPerRoom: sockets,
      relayPid: process.pid,
      connectConcurrency: 10,
      updatesPerSecond: 20,
      awarenessIntervalMs: 500,
      initialAwareness: false,
      settleMs: 0,
      warmupMs: 300,
      durationMs: 2000,
      drainMs: DELAY_MS + 200,
      seed: 1
    });
    assert.equal(result.synced, sockets);
    assert.equal(result.latencyMs.count, result.expectedDeliveries, 'every delivery is measured once');
    assert.ok(result.sentUpdates >= 36 && result.sentUpdates <= 44, `sent ${result.sentUpdates} updates`);
    assert.ok(
      result.latencyMs.p50 >= DELAY_MS && result.latencyMs.p50 < DELAY_MS + 25,
      `p50 ${result.latencyMs.p50}`
    );
    // Awareness is relayed at once, so only the sends in flight at the window's edges may differ.
    const expectedAwareness = result.sentAwareness * (sockets - 1);
    const missing = Math.abs(result.received.awareness - expectedAwareness);
    assert.ok(missing <= 2 * (sockets - 1), `awareness ${result.received.awareness} of ${expectedAwareness}`);
    assert.equal(result.received.updateEchoes, 0);
  } finally {
    relay.close();
  }
}

export async function selfcheck(): Promise<void> {
  checkWire();
  checkPercentiles();
  await checkTraffic();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  selfcheck().then(
    () => {
      process.stdout.write('bench self-check passed\n');
      process.exit(0); // the fake relay's server-side sockets may linger for a moment
    },
    (error: unknown) => {
      process.stderr.write(
        `bench self-check FAILED: ${error instanceof Error ? error.stack : String(error)}\n`
      );
      process.exit(1);
    }
  );
}
