import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { makeConfig } from '../../sync-server/src/config';
import { Connection } from '../../sync-server/src/connection';
import { createRelayLimits } from '../../sync-server/src/limits/relay-limits';
import { createLogger } from '../../sync-server/src/log';
import { createMetrics } from '../../sync-server/src/metrics';
import type { Room } from '../../sync-server/src/room';

/** Just enough of a ws socket and a room for Connection's heartbeat. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  pings = 0;
  sent = 0;
  terminated = false;
  ping(): void {
    this.pings++;
  }
  send(): void {
    this.sent++;
  }
  terminate(): void {
    this.terminated = true;
  }
}

const room = {
  roomId: 'room-1',
  kind: 'shared',
  docName: 'room-1',
  syncStep1: Uint8Array.of(0, 0, 1, 0),
  presence: { clients: (): number[] => [] },
  addPeer: () => undefined,
  removePeer: () => undefined
};
const config = makeConfig();
const context = {
  metrics: createMetrics(),
  log: createLogger('silent'),
  limits: createRelayLimits(config),
  onDetach: () => undefined
};
const grant = { role: 'participant', tokenHash: 'x'.repeat(64), wantsAck: false } as const;

function connection(): { socket: FakeSocket; connection: Connection } {
  const socket = new FakeSocket();
  const c = new Connection(socket as unknown as WebSocket, room as unknown as Room, grant, context);
  c.start(); // listens for pongs, sends sync step 1
  return { socket, connection: c };
}

describe('relay heartbeat', () => {
  it('pings a thousand sockets spread over the interval, not all in one tick', () => {
    const all = Array.from({ length: 1000 }, connection);
    const perTick: number[] = [];
    for (let t = 0; t <= 15_000; t += 1000) {
      const before = all.reduce((sum, c) => sum + c.socket.pings, 0);
      for (const { connection: c } of all) c.heartbeat(t, 5000, 15_000);
      perTick.push(all.reduce((sum, c) => sum + c.socket.pings, 0) - before);
    }
    expect(perTick.reduce((a, b) => a + b, 0)).toBe(1000); // each pinged once in the first interval
    expect(Math.max(...perTick)).toBeLessThan(200); // ~67 per tick on average
  });

  it('drops a peer that did not answer the last ping and keeps one that did', () => {
    const silent = connection();
    const answering = connection();
    for (let t = 0; t <= 45_000; t += 1000) {
      silent.connection.heartbeat(t, 5000, 15_000);
      answering.connection.heartbeat(t, 5000, 15_000);
      answering.socket.emit('pong');
    }
    expect(silent.socket.terminated).toBe(true);
    expect(answering.socket.terminated).toBe(false);
    expect(answering.socket.pings).toBeGreaterThanOrEqual(3);
  });

  it('sends a keepalive only to a socket that was quiet for half the keepalive time', () => {
    const { socket, connection: c } = connection();
    const start = Date.now(); // start() just sent sync step 1
    c.heartbeat(start + 1000, 5000, 60_000);
    expect(socket.sent).toBe(1);
    c.heartbeat(start + 5000, 5000, 60_000);
    expect(socket.sent).toBe(2);
  });
});
