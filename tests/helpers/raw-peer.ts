// Raw WebSocket peers for the relay's abuse and fuzz tests: open a socket without y-websocket, send crafted
// frames, watch what comes back and how the relay closes it; craft protocol messages (sync, awareness); read
// a relay metric; take a snapshot of a document through a fresh stock client; a seeded PRNG.

import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import type { Relay } from '../../sync-server/src/relay';
import { connectClient } from './relay';

export interface CloseInfo {
  code: number;
  reason: string;
  at: number;
}

export interface RawPeer {
  ws: WebSocket;
  /** Binary messages received, in order, with their arrival time. */
  received: Array<{ data: Uint8Array; at: number }>;
  opened: Promise<void>;
  closed: Promise<CloseInfo>;
  send(frame: Uint8Array): void;
}

export function openRaw(url: string, options: { autoPong?: boolean } = {}): RawPeer {
  const ws = new WebSocket(url, { perMessageDeflate: false, autoPong: options.autoPong ?? true });
  const received: RawPeer['received'] = [];
  ws.on('message', (data: Buffer) => received.push({ data: new Uint8Array(data), at: Date.now() }));
  ws.on('error', () => undefined); // resets after the relay closes are expected here
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  const closed = new Promise<CloseInfo>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() }))
  );
  return { ws, received, opened, closed, send: (frame) => ws.send(frame, { binary: true }) };
}

/** `varUint(0) · varUint(syncType) · varUint8Array(payload)`: 0 step 1, 1 step 2, 2 update. */
export function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying `entries` (state null = removed). */
export function awarenessMessage(
  entries: Array<{ client: number; clock: number; state: unknown }>
): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(inner, client);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** Sum of a counter's (or gauge's) values whose labels include `labels`. */
export async function metricValue(relay: Relay, name: string, labels: Record<string, string> = {}) {
  const metric = relay.metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

export interface DocSnapshot {
  json: Record<string, unknown>;
  stateVector: number[];
  pendingBytes: number;
}

/** What a fresh stock client sees of a document: root types as JSON, state vector, pending bytes. */
export async function snapshotDoc(
  wsUrl: string,
  docName: string,
  token: string,
  roots: Record<string, 'map' | 'array' | 'text'>
): Promise<DocSnapshot> {
  const [roomId, control] = docName.split('/');
  const client = connectClient(wsUrl, roomId ?? '', token, { control: control === 'control' });
  try {
    await client.whenSynced();
    const { doc } = client;
    const json: Record<string, unknown> = {};
    for (const [name, kind] of Object.entries(roots)) {
      json[name] = (
        kind === 'map' ? doc.getMap(name) : kind === 'array' ? doc.getArray(name) : doc.getText(name)
      ).toJSON();
    }
    const { pendingStructs, pendingDs } = doc.store;
    return {
      json,
      stateVector: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]).flat(),
      pendingBytes: (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0)
    };
  } finally {
    client.destroy();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls an async condition until it holds (waitFor in ./relay takes synchronous checks only). */
export async function until(
  check: () => Promise<boolean>,
  { timeoutMs = 5000, message = 'condition not met' } = {}
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`until timed out after ${timeoutMs} ms: ${message}`);
    await sleep(10);
  }
}
