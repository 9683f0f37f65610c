// Connection against a small fake relay over real sockets: status offline → connecting → synced → saved,
// pending changes until the relay's saved state vector covers them, refused links that stop retrying
// with a reason, and registration of a conference created offline before the first connect.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { WebSocket as WsWebSocket } from 'ws';
import { Connection, type ConnectionOptions } from '../../../src/lib/sync/connection.svelte';
import type { RegisterOutcome } from '../../../src/lib/sync/relay-api';
import { startFakeRelay, type FakeRelay } from './helpers/fake-relay';

const roomId = 'room-test-1';
const token = `f_${'A'.repeat(24)}`;
let relay: FakeRelay | undefined;
let conn: Connection | undefined;

function connect(
  r: FakeRelay,
  extra: Partial<ConnectionOptions> = {}
): { conn: Connection; shared: Y.Doc; control: Y.Doc } {
  const shared = new Y.Doc();
  const control = new Y.Doc();
  conn = new Connection({
    roomId,
    token,
    docs: { shared, control },
    base: { http: r.http, ws: r.ws },
    WebSocketPolyfill: WsWebSocket as unknown as typeof WebSocket,
    ...extra
  });
  conn.start();
  return { conn, shared, control };
}

afterEach(async () => {
  conn?.destroy();
  conn = undefined;
  await relay?.close();
  relay = undefined;
});

describe('Connection', () => {
  it('reaches saved, counts unconfirmed local changes and clears them when the relay saves', async () => {
    relay = await startFakeRelay({ roomId, token });
    const onSaved = vi.fn();
    const { conn, shared, control } = connect(relay, { onSaved });
    expect(conn.status).toBe('connecting');
    await vi.waitFor(() => expect(conn.status).toBe('saved'));

    relay.autoSave = false;
    shared.getMap('ideas').set('i1', 'Dorfladen');
    shared.getMap('ideas').set('i2', 'Repair-Café');
    control.getMap('info').set('title', 'Konferenz');
    expect(conn.pendingChanges).toBe(3);
    expect(conn.status).toBe('synced');
    await vi.waitFor(() => expect(relay!.docs.get(roomId)?.getMap('ideas').size).toBe(2));

    relay.flush();
    await vi.waitFor(() => expect(conn.status).toBe('saved'));
    expect(conn.pendingChanges).toBe(0);
    expect(conn.lastSavedAt).not.toBeNull();
    expect(onSaved).toHaveBeenCalled();
    expect(relay.docs.get(`${roomId}/control`)?.getMap('info').get('title')).toBe('Konferenz');
  });

  it('receives what others wrote', async () => {
    relay = await startFakeRelay({ roomId, token });
    const a = connect(relay);
    await vi.waitFor(() => expect(a.conn.status).toBe('saved'));
    const first = a.conn;
    const b = connect(relay);
    await vi.waitFor(() => expect(b.conn.status).toBe('saved'));
    a.shared.getMap('ideas').set('x', 'Streuobstwiese');
    await vi.waitFor(() => expect(b.shared.getMap('ideas').get('x')).toBe('Streuobstwiese'));
    first.destroy();
  });

  it('keeps changes made while the socket was down pending until the relay saved them', async () => {
    relay = await startFakeRelay({ roomId, token });
    const { conn, shared } = connect(relay);
    await vi.waitFor(() => expect(conn.status).toBe('saved'));
    relay.autoSave = false;
    relay.dropAll();
    await vi.waitFor(() => expect(conn.status).not.toBe('saved'));
    shared.getMap('ideas').set('offline', 'Bürgerenergie');
    expect(conn.pendingChanges).toBe(1);
    await vi.waitFor(() =>
      expect(relay!.docs.get(roomId)?.getMap('ideas').get('offline')).toBe('Bürgerenergie')
    );
    expect(conn.pendingChanges).toBe(1);
    relay.flush();
    await vi.waitFor(() => expect(conn.status).toBe('saved'));
    expect(conn.pendingChanges).toBe(0);
  });

  it('explains a refused link and stops reconnecting', async () => {
    relay = await startFakeRelay({ roomId, token, refuse: 403 });
    const { conn } = connect(relay);
    await vi.waitFor(() => expect(conn.refusal).toBe('expired'), { timeout: 5000 });
    expect(conn.status).toBe('offline');
    const calls = relay.accessCalls;
    await new Promise((r) => setTimeout(r, 600));
    expect(relay.accessCalls).toBe(calls);
  });

  it('names an unknown conference', async () => {
    relay = await startFakeRelay({ roomId, token, refuse: 404 });
    const { conn } = connect(relay);
    await vi.waitFor(() => expect(conn.refusal).toBe('unknown-room'), { timeout: 5000 });
  });

  it('registers a conference created offline before it connects, retrying while unreachable', async () => {
    relay = await startFakeRelay({ roomId, token });
    const outcomes: RegisterOutcome[] = ['unreachable', 'registered'];
    const register = vi.fn(async () => outcomes.shift() ?? 'registered');
    const onRegistered = vi.fn();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { conn } = connect(relay, { register, onRegistered });
      expect(conn.registration).toBe('pending');
      expect(conn.status).toBe('offline');
      await vi.advanceTimersByTimeAsync(0);
      expect(register).toHaveBeenCalledTimes(1);
      expect(onRegistered).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(2000);
      expect(register).toHaveBeenCalledTimes(2);
      expect(conn.registration).toBe('done');
      expect(onRegistered).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() => expect(conn!.status).toBe('saved'));
  });

  it('stops at a registration the relay refuses', async () => {
    relay = await startFakeRelay({ roomId, token });
    const { conn } = connect(relay, { register: async () => 'forbidden' });
    await vi.waitFor(() => expect(conn.registration).toBe('forbidden'));
    expect(conn.status).toBe('offline');
  });
});
