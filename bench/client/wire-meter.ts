// A TCP pass-through in front of the relay that counts the bytes the relay sends to the browser: HTTP
// headers and bodies as they travel (compressed or not) and WebSocket frames. The browser talks to the
// meter's port, so what it counts is what a phone would receive over the venue's wifi.
import net from 'node:net';

export interface WireMeter {
  port: number;
  /** Bytes sent to the browser since the last reset. */
  readonly down: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startWireMeter(targetPort: number): Promise<WireMeter> {
  let down = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    upstream.on('data', (chunk: Buffer) => (down += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get down() {
      return down;
    },
    reset: () => void (down = 0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      })
  };
}
