// Test helpers for the relay: start one in-process on port 0 with a temp DATA_DIR and a room, connect
// stock y-websocket clients (Node's ws as WebSocketPolyfill, BroadcastChannel off so every byte goes
// through the relay), watch their "saved" acknowledgements, read a document straight from the SQLite
// file, and learn the HTTP status of a refused upgrade.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { generateRoomId, generateToken, hashToken } from '../../sync-server/src/auth';
import { makeConfig, type RelayConfig } from '../../sync-server/src/config';
import { createLogger, type Logger } from '../../sync-server/src/log';
import { MESSAGE_SAVED } from '../../sync-server/src/protocol';
import { createRelay, type Relay } from '../../sync-server/src/relay';
import { dbPath } from '../../sync-server/src/storage/sqlite';
import type { Role, Storage } from '../../sync-server/src/storage/types';

export type RoomTokens = Record<Role, string>;

export interface TestRoom {
  roomId: string;
  tokens: RoomTokens;
}

export interface TestRelay {
  relay: Relay;
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port>/sync — serverUrl for WebsocketProvider */
  wsUrl: string;
  dataDir: string;
  /** A room created at start with one token per role. */
  room: TestRoom;
  createRoom(options?: { title?: string; expiresAt?: number | null }): Promise<TestRoom>;
  /** Closes the relay; removes the temp DATA_DIR unless one was passed in. */
  close(): Promise<void>;
}

export function makeTempDir(prefix = 'slt-relay-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Registers a room with one fresh token per role directly in storage. */
export async function createTestRoom(
  storage: Storage,
  options: { title?: string; expiresAt?: number | null } = {}
): Promise<TestRoom> {
  const roomId = generateRoomId();
  const tokens: RoomTokens = {
    facilitator: generateToken('facilitator'),
    participant: generateToken('participant'),
    viewer: generateToken('viewer')
  };
  const links = (Object.keys(tokens) as Role[]).map((role) => ({
    role,
    tokenHash: hashToken(tokens[role]),
    expiresAt: options.expiresAt ?? null
  }));
  const result = await storage.createRoom(
    { roomId, title: options.title ?? 'Testkonferenz', links },
    Date.now()
  );
  if (result !== 'created') throw new Error(`could not create test room: ${result}`);
  return { roomId, tokens };
}

/** Starts a relay in this process on 127.0.0.1:0 with a temp (or given) DATA_DIR and one room. */
export async function startTestRelay(
  options: { config?: Partial<RelayConfig>; dataDir?: string; logger?: Logger } = {}
): Promise<TestRelay> {
  const dataDir = options.dataDir ?? makeTempDir();
  const config = makeConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: path.join(dataDir, 'no-static'),
    logLevel: 'silent',
    ...options.config
  });
  const relay = await createRelay(config, { logger: options.logger ?? createLogger(config.logLevel) });
  const room = await createTestRoom(relay.storage);
  return {
    relay,
    url: relay.url,
    wsUrl: relay.wsUrl,
    dataDir,
    room,
    createRoom: (o) => createTestRoom(relay.storage, o),
    async close() {
      await relay.close({ graceMs: 200 });
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every "saved" state vector received, in order. */
  saved: Array<Map<number, number>>;
  whenSynced(timeoutMs?: number): Promise<void>;
  /** Resolves once a "saved" message covers everything this client's doc holds now. */
  whenSaved(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

export interface ClientOptions {
  control?: boolean;
  /** Another document of the room: its path after the room id ('/plans'); overrides `control`. */
  path?: string;
  ack?: boolean;
  doc?: Y.Doc;
  /** Runs synchronously when a "saved" message arrives (before any other message is handled). */
  onSaved?(stateVector: Map<number, number>): void;
  /** Every binary frame the client's sockets receive, in order (for tests that assert on bytes). */
  onFrame?(frame: Uint8Array): void;
}

/** A stock y-websocket WebsocketProvider against `/sync/<roomId>[/control | path]?token=…[&ack=1]`. */
export function connectClient(
  wsUrl: string,
  roomId: string,
  token: string,
  options: ClientOptions = {}
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const params: Record<string, string> = { token };
  if (options.ack) params.ack = '1';
  const docPath = options.path ?? (options.control ? '/control' : '');
  const provider = new WebsocketProvider(wsUrl, `${roomId}${docPath}`, doc, {
    connect: false,
    params,
    disableBc: true,
    maxBackoffTime: 200,
    WebSocketPolyfill: (options.onFrame
      ? recordingSocket(options.onFrame)
      : WebSocket) as unknown as typeof globalThis.WebSocket
  });
  const saved: Array<Map<number, number>> = [];
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    saved.push(stateVector);
    options.onSaved?.(stateVector);
  };
  provider.connect();
  return {
    doc,
    provider,
    saved,
    async whenSynced(timeoutMs = 5000) {
      await waitFor(() => provider.synced, { timeoutMs, message: 'client never synced' });
    },
    async whenSaved(timeoutMs = 5000) {
      const target = Y.decodeStateVector(Y.encodeStateVector(doc));
      await waitFor(() => saved.some((sv) => covers(sv, target)), { timeoutMs, message: 'never saved' });
    },
    destroy: () => provider.destroy()
  };
}

/** Node's ws, handing every binary frame to `onFrame` before y-websocket reads it. */
function recordingSocket(onFrame: (frame: Uint8Array) => void): unknown {
  return class RecordingSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.prependListener('message', (data: Buffer | ArrayBuffer, isBinary: boolean) => {
        if (isBinary) onFrame(new Uint8Array(data instanceof ArrayBuffer ? data : Uint8Array.from(data)));
      });
    }
  };
}

/** True when state vector `saved` includes every clock of `target`. */
export function covers(saved: Map<number, number>, target: Map<number, number>): boolean {
  for (const [client, clock] of target) if ((saved.get(client) ?? 0) < clock) return false;
  return true;
}

export async function waitFor<T>(
  check: () => T | undefined | null | false,
  { timeoutMs = 5000, intervalMs = 10, message = 'condition not met' } = {}
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The HTTP status a WebSocket upgrade to `url` gets: 101 when it opens, else the refusal's status. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.on('error', (error) => reject(error));
  });
}

/** Rebuilds a document from the SQLite file through a separate, read-only connection. */
export function readStoredDoc(dataDir: string, docName: string): Y.Doc {
  const db = new Database(dbPath(dataDir), { readonly: true, fileMustExist: true });
  try {
    // One read transaction: a compaction committing between the two reads would hide the folded rows.
    const read = db.transaction(() => ({
      snapshot: db.prepare('SELECT data FROM doc_snapshots WHERE doc_name = ?').get(docName) as
        { data: Buffer } | undefined,
      rows: db.prepare('SELECT data FROM doc_updates WHERE doc_name = ? ORDER BY id').all(docName) as Array<{
        data: Buffer;
      }>
    }));
    const { snapshot, rows } = read();
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot.data);
    for (const row of rows) Y.applyUpdate(doc, row.data);
    return doc;
  } finally {
    db.close();
  }
}
