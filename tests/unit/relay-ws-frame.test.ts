import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, writeFrame } from '../../sync-server/src/ws-frame';

let server: WebSocketServer | null = null;

afterEach(() => {
  server?.close();
  server = null;
});

/** A ws server and one connected client; resolves with the server-side socket and the client. */
async function pair(): Promise<{ serverSide: WebSocket; client: WebSocket }> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise((resolve) => server?.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  const connected = new Promise<WebSocket>((resolve) => server?.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve, reject) => {
    client.once('open', resolve);
    client.once('error', reject);
  });
  return { serverSide: await connected, client };
}

function received(client: WebSocket, count: number): Promise<Array<{ data: Buffer; binary: boolean }>> {
  const messages: Array<{ data: Buffer; binary: boolean }> = [];
  return new Promise((resolve) => {
    client.on('message', (data: Buffer, binary) => {
      messages.push({ data, binary });
      if (messages.length === count) resolve(messages);
    });
  });
}

describe('pre-framed broadcast writes (ws-frame.ts)', () => {
  it('frames payloads of every length class so a stock ws client reads them back unchanged', async () => {
    const { serverSide, client } = await pair();
    // 7-bit, 16-bit and 64-bit length fields, and each boundary.
    const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
    const payloads = sizes.map((size) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) & 0xff));
    const arrived = received(client, payloads.length);
    for (const payload of payloads) expect(writeFrame(serverSide, binaryFrame(payload))).toBe(true);
    const messages = await arrived;
    expect(messages.map((m) => m.data.byteLength)).toEqual(sizes);
    messages.forEach((m, i) => {
      expect(m.binary).toBe(true);
      expect(new Uint8Array(m.data)).toEqual(payloads[i]);
    });
    client.close();
  }, 10_000);

  it('keeps order with messages sent through ws itself', async () => {
    const { serverSide, client } = await pair();
    const arrived = received(client, 6);
    for (let i = 0; i < 6; i++) {
      const payload = Uint8Array.of(i);
      if (i % 2 === 0) serverSide.send(payload);
      else expect(writeFrame(serverSide, binaryFrame(payload))).toBe(true);
    }
    expect((await arrived).map((m) => m.data[0])).toEqual([0, 1, 2, 3, 4, 5]);
    client.close();
  });

  it('writes nothing when ws would queue (sender busy) or the socket is closing', async () => {
    const { serverSide, client } = await pair();
    const sender = (serverSide as unknown as { _sender: { _state: number } })._sender;
    sender._state = 1; // as while ws compresses or reads a blob
    expect(writeFrame(serverSide, binaryFrame(Uint8Array.of(1)))).toBe(false);
    sender._state = 0;
    serverSide.close();
    expect(writeFrame(serverSide, binaryFrame(Uint8Array.of(2)))).toBe(false);
    client.close();
  });
});
