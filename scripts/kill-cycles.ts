// Crash test for the relay's durability promise: N cycles of (relay as a child process, a few stock clients
// writing with ack=1, every write the relay acknowledges as saved (message 100) recorded, `kill -9` at a
// random moment, restart, check that every acknowledged write of every cycle so far is still there). Prints
// a summary; exits 1 on any lost acknowledged write. Run: npm run test:kill -- [--cycles N] [--writers K]
// [--seed S]. The seed is printed; the same seed replays the same kill moments.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { openSqliteStorage } from '../sync-server/src/storage/sqlite';
import {
  connectClient,
  createTestRoom,
  makeTempDir,
  readStoredDoc,
  type TestRoom
} from '../tests/helpers/relay';
import { startChildRelay, type ChildRelay } from '../tests/helpers/relay-child';
import { buildRelay } from './build-relay.js';
import { sleep } from '../tests/helpers/raw-peer';
import { mulberry32 } from '../tests/helpers/random';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '100' },
    writers: { type: 'string', default: '3' },
    seed: { type: 'string' }
  }
});
const cycles = Number(values.cycles);
const writers = Number(values.writers);
const seed = Number(values.seed ?? Date.now() % 1_000_000);
if (!Number.isInteger(cycles) || cycles < 1 || !Number.isInteger(writers) || writers < 1) {
  process.stderr.write('usage: kill-cycles.ts [--cycles N] [--writers K] [--seed S]\n');
  process.exit(2);
}
const random = mulberry32(seed);

/** One writer: sets `<prefix><n>` every 2–6 ms, and knows which of its writes a "saved" covered. */
function startWriter(relay: ChildRelay, room: TestRoom, prefix: string, acked: Map<string, string>) {
  const doc = new Y.Doc();
  const writes: Array<{ key: string; value: string; clock: number }> = [];
  let ackedUpTo = 0;
  const client = connectClient(relay.wsUrl, room.roomId, room.tokens.participant, {
    ack: true,
    doc,
    onSaved(saved) {
      const clock = saved.get(doc.clientID) ?? 0;
      while (ackedUpTo < writes.length && (writes[ackedUpTo]?.clock ?? Infinity) <= clock) {
        const write = writes[ackedUpTo++] as { key: string; value: string };
        acked.set(write.key, write.value);
      }
    }
  });
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      if (client.provider.wsconnected) {
        const key = `${prefix}${writes.length}`;
        const value = `${key}@${doc.clientID}`;
        doc.getMap('stream').set(key, value);
        writes.push({ key, value, clock: Y.getState(doc.store, doc.clientID) });
      }
      await sleep(2 + Math.floor(random() * 5));
    }
  };
  const running = loop();
  return {
    written: () => writes.length,
    acked: () => ackedUpTo,
    async stop() {
      stopped = true;
      await running;
      client.destroy();
    }
  };
}

async function verify(relay: ChildRelay, room: TestRoom, acked: Map<string, string>): Promise<string[]> {
  const reader = connectClient(relay.wsUrl, room.roomId, room.tokens.viewer);
  try {
    await reader.whenSynced(15_000);
    const map = reader.doc.getMap('stream');
    return [...acked].filter(([key, value]) => map.get(key) !== value).map(([key]) => key);
  } finally {
    reader.destroy();
  }
}

async function main(): Promise<number> {
  await buildRelay(); // the child relay runs the bundle, as npm start does
  const dataDir = makeTempDir('slt-kill-');
  const storage = openSqliteStorage(dataDir);
  const room = await createTestRoom(storage);
  await storage.close();
  const acked = new Map<string, string>();
  let written = 0;
  let lost: string[] = [];
  const started = Date.now();
  process.stdout.write(
    `kill-cycles: ${cycles} cycles, ${writers} writers, seed ${seed}, DATA_DIR ${dataDir}\n`
  );
  let relay = await startChildRelay({ dataDir, env: { LOG_LEVEL: 'info' } });
  try {
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const before = acked.size;
      const streams = Array.from({ length: writers }, (_, w) =>
        startWriter(relay, room, `c${cycle}w${w}-`, acked)
      );
      const deadline = Date.now() + 10_000;
      while (streams.some((s) => s.acked() === 0) && Date.now() < deadline) await sleep(5);
      await sleep(Math.floor(random() * 400)); // the kill lands at a random moment of the stream
      await relay.stop('SIGKILL');
      await Promise.all(streams.map((s) => s.stop()));
      written += streams.reduce((sum, s) => sum + s.written(), 0);
      relay = await startChildRelay({ dataDir, env: { LOG_LEVEL: 'info' } });
      lost = await verify(relay, room, acked);
      const line = `cycle ${cycle}/${cycles}: +${acked.size - before} acked (${acked.size} in all), lost ${lost.length}`;
      process.stdout.write(`${line}\n`);
      if (lost.length > 0) break;
    }
  } finally {
    await relay.stop('SIGTERM');
  }
  if (lost.length === 0) {
    const stored = readStoredDoc(dataDir, room.roomId).getMap('stream');
    lost = [...acked].filter(([key, value]) => stored.get(key) !== value).map(([key]) => key);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `summary: ${cycles} kill -9 cycles in ${seconds} s, ${written} writes, ${acked.size} acknowledged as saved, ` +
      `${lost.length} acknowledged writes lost (seed ${seed})\n`
  );
  if (lost.length > 0) {
    process.stdout.write(`lost: ${lost.slice(0, 20).join(', ')}${lost.length > 20 ? ' …' : ''}\n`);
    process.stdout.write(`data kept for inspection in ${dataDir}\n`);
    return 1;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`kill-cycles failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
);
