// Robustness of the relay against bad peers: oversized frames close only that socket with 1009, malformed
// or garbage frames never crash the process (seeded random frames; the seed is printed on failure), text
// frames get 1003, and a peer that stops answering pings is dropped.

import { describe, expect, it, onTestFailed } from 'vitest';
import WebSocket from 'ws';
import { connectClient, startTestRelay, waitFor, type TestRelay } from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';
import { mulberry32 } from '../helpers/random';

const defer = useCleanups();

const MAX = 64 * 1024;

async function relayFor(config: Parameters<typeof startTestRelay>[0] = {}): Promise<TestRelay> {
  const t = await startTestRelay({ ...config, config: { maxMessageBytes: MAX, ...config.config } });
  defer(() => t.close());
  return t;
}

/** Opens a raw socket, sends `frames`, and resolves with how the relay closed it (or 'open' after waitMs). */
function sendRaw(
  url: string,
  frames: Array<Buffer | string>,
  options: { waitMs?: number; autoPong?: boolean } = {}
): Promise<{ code: number; reason: string } | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { autoPong: options.autoPong ?? true });
    defer(() => ws.terminate());
    const timer = setTimeout(() => resolve('open'), options.waitMs ?? 500);
    ws.on('open', () => frames.forEach((f) => ws.send(f, { binary: typeof f !== 'string' })));
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
    ws.on('error', (error) => {
      if (!/ECONNRESET|socket hang up/.test(String(error))) reject(error);
    });
  });
}

async function expectHealthy(t: TestRelay, label: string): Promise<void> {
  const res = await fetch(`${t.url}/healthz`);
  expect(res.status, label).toBe(200);
  const a = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.facilitator);
  const b = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.participant);
  try {
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    a.doc.getMap('check').set(label, true);
    await waitFor(() => b.doc.getMap('check').get(label) === true, { message: `no sync after ${label}` });
  } finally {
    a.destroy();
    b.destroy();
  }
}

describe('relay limits', () => {
  it('closes an oversized frame’s socket with 1009 and a reason; others stay served', async () => {
    const t = await relayFor();
    const url = `${t.wsUrl}/${t.room.roomId}?token=${t.room.tokens.participant}`;
    const bystander = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.viewer);
    defer(() => bystander.destroy());
    await bystander.whenSynced();

    const big = Buffer.alloc(MAX + 1, 7);
    big[0] = 0;
    const closed = await sendRaw(url, [big]);
    expect(closed).toMatchObject({ code: 1009 });
    expect(closed !== 'open' && closed.reason).toMatch(/too large/);
    // Far beyond the cap, ws itself refuses the frame before buffering it: still 1009.
    expect(await sendRaw(url, [Buffer.alloc(5 * MAX, 1)])).toMatchObject({ code: 1009 });

    expect(bystander.provider.wsconnected).toBe(true);
    await expectHealthy(t, 'after-oversized');
  });

  it('closes malformed frames with 4400 or 1003 and keeps running', async () => {
    const t = await relayFor();
    const url = `${t.wsUrl}/${t.room.roomId}?token=${t.room.tokens.facilitator}`;
    const cases: Array<[string, Buffer | string, number]> = [
      ['garbage update', Buffer.from([0, 2, 6, 200, 1, 255, 255, 255, 255]), 4400],
      ['unknown sync type', Buffer.from([0, 9, 0]), 4400],
      ['truncated sync', Buffer.from([0]), 4400],
      ['empty frame', Buffer.alloc(0), 4400],
      ['unknown message type', Buffer.from([42, 1, 2, 3]), 4400],
      ['truncated awareness', Buffer.from([1, 200]), 4400],
      ['awareness with bad JSON', Buffer.from([1, 6, 1, 1, 1, 2, 123, 123]), 4400],
      ['text frame', 'hello relay', 1003]
    ];
    for (const [label, frame, code] of cases) {
      const closed = await sendRaw(url, [frame]);
      expect(closed, label).not.toBe('open');
      expect(closed !== 'open' && closed.code, label).toBe(code);
      expect(closed !== 'open' && closed.reason.length, label).toBeGreaterThan(0);
    }
    await expectHealthy(t, 'after-malformed');
  });

  it('survives seeded random frames', async () => {
    const seed = Number(process.env.RELAY_FUZZ_SEED ?? Date.now() % 1_000_000);
    onTestFailed(() => console.error(`relay fuzz failed with seed ${seed}; replay: RELAY_FUZZ_SEED=${seed}`));
    const random = mulberry32(seed);
    const t = await relayFor();
    const url = `${t.wsUrl}/${t.room.roomId}?token=${t.room.tokens.facilitator}`;
    const frames: Buffer[] = [];
    for (let i = 0; i < 60; i++) {
      const length = 1 + Math.floor(random() * 64);
      const bytes = Buffer.alloc(length);
      for (let j = 0; j < length; j++) bytes[j] = Math.floor(random() * 256);
      bytes[0] = Math.floor(random() * 4); // mostly known message types, so decoding goes deep
      frames.push(bytes);
    }
    for (let i = 0; i < frames.length; i += 6) await sendRaw(url, frames.slice(i, i + 6), { waitMs: 50 });
    await expectHealthy(t, `after-fuzz seed=${seed} (replay with RELAY_FUZZ_SEED=${seed})`);
  });

  it('drops a peer that stops answering pings', async () => {
    const t = await relayFor({ config: { pingIntervalMs: 100 } });
    const url = `${t.wsUrl}/${t.room.roomId}?token=${t.room.tokens.viewer}`;
    const started = Date.now();
    const silent = await sendRaw(url, [], { autoPong: false, waitMs: 2000 });
    expect(silent).not.toBe('open');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await sendRaw(url, [], { waitMs: 500 })).toBe('open');
  });
});
