// A small stand-in for the relay, enough to test the client's connection logic in Node: y-websocket sync
// per path, the "saved" message 100 after each update and the answer to a save request (102; or only when
// the test says so), refusal of bad tokens at the upgrade, and GET /api/rooms/<id>/access. The real relay
// lives in sync-server/.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

export interface FakeRelay {
  http: string;
  ws: string;
  docs: Map<string, Y.Doc>;
  /** When false, updates are kept but no saved message is sent until `flush()`. */
  autoSave: boolean;
  flush(): void;
  accessCalls: number;
  dropAll(): void;
  close(): Promise<void>;
}

export async function startFakeRelay(opts: {
  roomId: string;
  token: string;
  refuse?: 403 | 404;
}): Promise<FakeRelay> {
  const docs = new Map<string, Y.Doc>();
  const sockets = new Set<{ ws: WebSocket; path: string }>();
  const docFor = (path: string): Y.Doc => {
    let doc = docs.get(path);
    if (!doc) docs.set(path, (doc = new Y.Doc()));
    return doc;
  };
  /** Save requests (102) not answered yet, per socket: answered with the next "saved". */
  const requests = new Map<WebSocket, number>();
  /** Sockets that changed their document since the last "saved" (a request waits only for those). */
  const dirty = new Set<WebSocket>();
  const sendSaved = (ws: WebSocket, doc: Y.Doc): void => {
    for (let n = requests.get(ws) ?? 0; n > 0; n--) {
      const answer = encoding.createEncoder();
      encoding.writeVarUint(answer, 102);
      encoding.writeVarUint8Array(answer, Y.encodeStateVector(doc));
      ws.send(encoding.toUint8Array(answer));
    }
    requests.delete(ws);
    dirty.delete(ws);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 100);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
    ws.send(encoding.toUint8Array(e));
  };
  const server: Server = createServer((req, res) => {
    if (req.url === `/api/rooms/${opts.roomId}/access`) {
      relay.accessCalls++;
      const auth = req.headers.authorization;
      if (opts.refuse === 404)
        res.writeHead(404).end(JSON.stringify({ error: 'unknown_room', message: 'x' }));
      else if (auth !== `Bearer ${opts.token}` || opts.refuse === 403)
        res.writeHead(403).end(JSON.stringify({ error: 'link_expired', message: 'expired' }));
      else res.writeHead(200).end(JSON.stringify({ roomId: opts.roomId, role: 'facilitator' }));
      return;
    }
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/sync\//, '');
    if (opts.refuse || url.searchParams.get('token') !== opts.token) {
      // The client may reset the socket as soon as it reads the status line; like the real relay
      // (upgrade.ts), ignore that error instead of letting it escape as an uncaught exception.
      socket.on('error', () => {});
      socket.end(`HTTP/1.1 ${opts.refuse ?? 403} Refused\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const entry = { ws, path };
      sockets.add(entry);
      const doc = docFor(path);
      ws.on('close', () => sockets.delete(entry));
      ws.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        const type = decoding.readVarUint(decoder);
        if (type === 102) {
          requests.set(ws, (requests.get(ws) ?? 0) + 1);
          if (relay.autoSave || !dirty.has(ws)) sendSaved(ws, doc);
          return;
        }
        if (type !== 0) return;
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        const before = Y.encodeStateVector(doc);
        syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
        if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
        const changed = !sameBytes(before, Y.encodeStateVector(doc));
        if (changed) dirty.add(ws);
        if (relay.autoSave) sendSaved(ws, doc);
        if (changed) {
          // fan out to others on the same path
          for (const other of sockets) {
            if (other.ws === ws || other.path !== path) continue;
            const e = encoding.createEncoder();
            encoding.writeVarUint(e, 0);
            syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
            other.ws.send(encoding.toUint8Array(e));
          }
        }
      });
      // sync step 1 from the relay, so the client becomes "synced"
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
      ws.send(encoding.toUint8Array(e));
      if (relay.autoSave) sendSaved(ws, doc);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const relay: FakeRelay = {
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/sync`,
    docs,
    autoSave: true,
    accessCalls: 0,
    flush() {
      for (const { ws, path } of sockets) sendSaved(ws, docFor(path));
    },
    dropAll() {
      for (const { ws } of sockets) ws.terminate();
    },
    async close() {
      for (const { ws } of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
  return relay;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
