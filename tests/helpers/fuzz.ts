// Seeded fuzzing of the relay (used by tests/integration/relay-fuzz*.test.ts): builds frames of several
// kinds of bad input from real updates, leaves out frames a plain Yjs document would accept with a change
// (valid updates, not bad input), sends every frame on its own raw socket with a valid facilitator token
// (a refused frame closes its socket, so each one must get a fresh one; twelve run at a time), and checks
// that the relay survived with the document unchanged. The seed is printed on failure.

import { expect, onTestFailed } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { connectClient, startTestRelay, waitFor, type TestRelay } from './relay';
import { metricValue, sleep, snapshotDoc, syncMessage } from './raw-peer';
import { mulberry32 } from './random';

const ROOTS = { ideas: 'map', order: 'array', title: 'text', doc: 'map' } as const;
const PER_KIND = 1000;
const PARALLEL = 12;
export type Kind = 'random' | 'truncated' | 'bitflip' | 'unknown_type' | 'unknown_sync';

/** Updates of several shapes: maps, nested types, arrays, formatted text, deletes, XML, binary. */
function history(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const ideas = doc.getMap('ideas');
  for (let i = 0; i < 6; i++) {
    const idea = new Y.Map<unknown>();
    ideas.set(`idea${doc.clientID % 97}-${i}`, idea);
    idea.set('text', `Idee ${i}: Radwege, Bänke und 🌳`);
    idea.set('votes', [i, { by: 'Teilnehmende' }, null, true, 1.5]);
  }
  doc.getArray('order').push(['a', 'b', 'c']);
  doc.getArray('order').delete(1, 1);
  const title = doc.getText('title');
  title.insert(0, 'Mitmach-Konferenz Stadt Land Tisch');
  title.format(0, 8, { bold: true });
  title.delete(9, 5);
  const xml = doc.getXmlFragment('notes');
  const p = new Y.XmlElement('p');
  xml.insert(0, [p]);
  p.setAttribute('class', 'note');
  p.insert(0, [new Y.XmlText('Notiz')]);
  doc.getMap('doc').set('bin', new Uint8Array([1, 2, 3]));
  ideas.delete(`idea${doc.clientID % 97}-0`);
  return updates;
}

/** True when applying `update` to a copy of `base` would change what clients see (a valid update). */
function wouldChange(base: Uint8Array, update: Uint8Array): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const view = () =>
    JSON.stringify([
      [...Y.decodeStateVector(Y.encodeStateVector(doc))],
      Object.keys(ROOTS).map((name) =>
        (name === 'title'
          ? doc.getText(name)
          : name === 'order'
            ? doc.getArray(name)
            : doc.getMap(name)
        ).toJSON()
      )
    ]);
  const before = view();
  try {
    Y.applyUpdate(doc, update);
  } catch {
    return false; // Yjs refuses it: malformed
  }
  return view() !== before;
}

/** The document update inside a sync step 2 / update frame, else null. */
function innerUpdate(frame: Uint8Array): Uint8Array | null {
  try {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== 0) return null;
    const sub = decoding.readVarUint(d);
    return sub === 1 || sub === 2 ? decoding.readVarUint8Array(d) : null;
  } catch {
    return null;
  }
}

function makeFrames(
  random: () => number,
  kinds: Kind[],
  base: Uint8Array,
  samples: Uint8Array[]
): Array<[Kind, Uint8Array]> {
  const int = (n: number) => Math.floor(random() * n);
  const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const sample = () => Uint8Array.from(samples[int(samples.length)] as Uint8Array);
  const make: Record<Kind, () => Uint8Array> = {
    random: () => randomBytes(1 + int(200)),
    truncated: () => {
      const u = sample();
      const cut = u.subarray(0, int(u.byteLength));
      if (random() < 0.3) return syncMessage(1 + int(2), u).subarray(0, 2 + int(u.byteLength)); // frame cut
      return syncMessage(1 + int(2), cut);
    },
    bitflip: () => {
      const u = sample();
      for (let flips = 1 + int(3); flips > 0; flips--) {
        const i = int(u.byteLength);
        u[i] = (u[i] as number) ^ (1 << int(8));
      }
      return syncMessage(1 + int(2), u);
    },
    unknown_type: () => {
      const types = [4, 5, 42, 99, 100, 101, 127, 128, 255, 300, 70_000];
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, types[int(types.length)] as number);
      encoding.writeUint8Array(
        e,
        random() < 0.5 ? randomBytes(int(64)) : syncMessage(2, sample()).subarray(1)
      );
      return encoding.toUint8Array(e);
    },
    unknown_sync: () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 3 + int(300));
      encoding.writeVarUint8Array(e, random() < 0.5 ? randomBytes(int(64)) : sample());
      return encoding.toUint8Array(e);
    }
  };
  const frames: Array<[Kind, Uint8Array]> = [];
  for (const kind of kinds) {
    for (let n = 0; n < PER_KIND; n++) {
      let frame = make[kind]();
      for (let tries = 0; tries < 50; tries++) {
        const inner = innerUpdate(frame);
        if (!inner || !wouldChange(base, inner)) break;
        frame = make[kind]();
      }
      frames.push([kind, frame]);
    }
  }
  return frames;
}

/** Opens a socket, sends `frame`, closes; resolves with the close code the relay sent (1000/1005: kept). */
function sendOnSocket(url: string, frame: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('error', () => undefined);
    ws.on('open', () => {
      ws.send(frame, { binary: true });
      ws.close(1000);
    });
    ws.on('close', (code) => resolve(code));
  });
}

/** The relay's received-bytes counter once it has stopped moving (stray closing messages included). */
async function settledBytesIn(t: TestRelay): Promise<number> {
  let last = -1;
  for (;;) {
    const now = await metricValue(t.relay, 'relay_bytes_in_total');
    if (now === last) return now;
    last = now;
    await sleep(100);
  }
}

/** Fuzzes a fresh relay with PER_KIND frames of each of `kinds`; the test's cleanups close it. */
export async function fuzzRelay(kinds: Kind[], cleanups: Array<() => unknown>): Promise<void> {
  const seed = Number(process.env.RELAY_FUZZ_SEED ?? Date.now() % 1_000_000);
  onTestFailed(() => console.error(`relay fuzz failed with seed ${seed}; replay: RELAY_FUZZ_SEED=${seed}`));
  const random = mulberry32(seed);

  const t: TestRelay = await startTestRelay();
  cleanups.push(() => t.close());
  const writer = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.facilitator, { ack: true });
  const known = history(writer.doc);
  await writer.whenSaved();
  writer.destroy();
  const base = Y.mergeUpdates(known);
  const fresh = history(new Y.Doc()); // never sent: flips of these reach integration, not just dedup
  const frames = makeFrames(random, kinds, base, [...known, ...fresh, base]);
  const before = await snapshotDoc(t.wsUrl, t.room.roomId, t.room.tokens.viewer, ROOTS);
  const bytesBefore = await settledBytesIn(t);

  const started = Date.now();
  const url = `${t.wsUrl}/${t.room.roomId}?token=${t.room.tokens.facilitator}`;
  const outcomes = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < frames.length) {
        const [kind, frame] = frames[next++] as [Kind, Uint8Array];
        const key = `${kind}:${await sendOnSocket(url, frame)}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    })
  );
  const summary = JSON.stringify(Object.fromEntries([...outcomes].sort()));
  const reloads = await metricValue(t.relay, 'relay_room_reloads_total');
  console.info(
    `fuzz seed ${seed}: ${frames.length} frames in ${Date.now() - started} ms; room reloads ${reloads}; ` +
      `kind:close code ${summary}`
  );

  // Every frame reached the relay's message handler; none was lost to a rate limit.
  const sent = frames.reduce((sum, [, f]) => sum + f.byteLength, 0);
  expect(await settledBytesIn(t)).toBe(bytesBefore + sent);
  expect(await metricValue(t.relay, 'relay_messages_dropped_total', { reason: 'rate_connection' })).toBe(0);
  expect(await metricValue(t.relay, 'relay_messages_dropped_total', { reason: 'rate_link' })).toBe(0);
  expect(await metricValue(t.relay, 'relay_messages_dropped_total', { reason: 'rate_room' })).toBe(0);
  // Unknown message types and sync sub-types are always refused with 4400; nothing else but 1009 closes.
  for (const kind of ['unknown_type', 'unknown_sync'] as const) {
    if (kinds.includes(kind)) expect(outcomes.get(`${kind}:4400`)).toBe(PER_KIND);
  }
  for (const key of outcomes.keys()) expect(['4400', '1009', '1000', '1005']).toContain(key.split(':')[1]);

  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  const after = await snapshotDoc(t.wsUrl, t.room.roomId, t.room.tokens.viewer, ROOTS);
  expect(after.json).toEqual(before.json);
  expect(after.stateVector).toEqual(before.stateVector);

  const a = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.facilitator);
  const b = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.participant);
  cleanups.push(
    () => a.destroy(),
    () => b.destroy()
  );
  await Promise.all([a.whenSynced(), b.whenSynced()]);
  a.doc.getMap('ideas').set('after-fuzz', seed);
  await waitFor(() => b.doc.getMap('ideas').get('after-fuzz') === seed, { message: 'no sync after fuzz' });
}
