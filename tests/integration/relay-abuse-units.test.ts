// The relay's bad-input defences without sockets: the room's safety net when Yjs throws midway (nothing
// broadcast or queued, the room retires), the update check's cost on pathological updates compared with
// Yjs's own decoding (printed), and the awareness batcher's rules for whom a batch skips.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { AwarenessBatcher } from '../../sync-server/src/awareness-batch';
import { RoomDiverged } from '../../sync-server/src/room';
import { emptyRoom, fakePeer } from '../helpers/room';
import { checkUpdate } from '../../sync-server/src/validate-update';

const LIMITS = { maxStructs: 30_000, maxDeletes: 100_000, maxClients: 10_000 };

/** Client 4242 adds map entry `a`, then an item whose origin is its own later clock 5 (never valid). */
function halfValidUpdate(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 2); // structs
  encoding.writeVarUint(e, 4242);
  encoding.writeVarUint(e, 0);
  encoding.writeUint8(e, 8 | 0x20);
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, 'ideas');
  encoding.writeVarString(e, 'a');
  encoding.writeVarUint(e, 1);
  encoding.writeAny(e, 'first');
  encoding.writeUint8(e, 8 | 0x80);
  encoding.writeVarUint(e, 4242);
  encoding.writeVarUint(e, 5);
  encoding.writeVarUint(e, 1);
  encoding.writeAny(e, 'second');
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

describe('room safety net', () => {
  it('never broadcasts or queues an update Yjs gave up on midway, and retires the room', () => {
    const update = halfValidUpdate();
    // The premise: Yjs integrates the first item and then throws, leaving a changed document behind.
    const plain = new Y.Doc();
    expect(() => Y.applyUpdate(plain, update)).toThrow();
    expect(plain.getMap('ideas').get('a')).toBe('first');
    expect(checkUpdate(update, LIMITS)).toMatchObject({ ok: false, reason: 'malformed' });

    let idle = 0;
    const room = emptyRoom('room1234', { onIdle: () => idle++ });
    const sender = fakePeer();
    const other = fakePeer();
    room.addPeer(sender);
    room.addPeer(other);
    expect(() => room.applyUpdate(update, sender)).toThrow(RoomDiverged);
    expect(other.sent).toEqual([]);
    expect(room.writes.hasPending).toBe(false);

    room.retire('reloading');
    expect(room.retired).toBe(true);
    expect(sender.closes).toEqual([1012]);
    expect(other.closes).toEqual([1012]);
    expect(idle).toBe(1);
    room.destroy();
  });

  it('passes on an error Yjs raised before changing anything, and keeps the room', () => {
    const room = emptyRoom('room5678');
    const peer = fakePeer();
    room.addPeer(peer);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 7);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 2 | 0x20); // ContentJSON in root map 'ideas'
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, 'ideas');
    encoding.writeVarString(e, 'k');
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, '{not json');
    encoding.writeVarUint(e, 0);
    const update = encoding.toUint8Array(e);
    expect(checkUpdate(update, LIMITS).ok).toBe(true); // JSON is Yjs's to parse, before it integrates
    let thrown: unknown = null;
    try {
      room.applyUpdate(update, peer);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SyntaxError);
    expect(room.retired).toBe(false);
    expect(Y.encodeStateVector(room.doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
    room.destroy();
  });
});

describe('update check on pathological updates', () => {
  const time = (f: () => unknown): { ms: number; error: boolean } => {
    const start = performance.now();
    let error = false;
    try {
      f();
    } catch {
      error = true;
    }
    return { ms: performance.now() - start, error };
  };
  const build = (write: (e: encoding.Encoder) => void): Uint8Array => {
    const e = encoding.createEncoder();
    write(e);
    return encoding.toUint8Array(e);
  };

  const manyItems = new Y.Doc();
  manyItems.transact(() => {
    for (let i = 0; i < 65_000; i++) manyItems.getMap('m').set(i.toString(36), i);
  });
  const text = new Y.Doc();
  text.getText('t').insert(0, 'Idee, ö und 😀 '.repeat(60_000));
  const cases: Array<[string, Uint8Array, 'ok' | 'malformed' | 'too_complex']> = [
    ['65k map items (1 MiB)', Y.encodeStateAsUpdate(manyItems), 'too_complex'],
    [
      'header claims 2^30 structs',
      build((e) => [1, 2 ** 30, 9, 0, 0].forEach((n) => encoding.writeVarUint(e, n))),
      'malformed'
    ],
    [
      '300k delete ranges',
      build((e) => {
        [0, 1, 7, 300_000].forEach((n) => encoding.writeVarUint(e, n));
        for (let i = 0; i < 300_000; i++) [i * 2, 1].forEach((n) => encoding.writeVarUint(e, n));
      }),
      'too_complex'
    ],
    [
      '20k empty client sections',
      build((e) => {
        encoding.writeVarUint(e, 20_000);
        for (let i = 0; i < 20_000; i++) [0, i + 1, 0].forEach((n) => encoding.writeVarUint(e, n));
        encoding.writeVarUint(e, 0);
      }),
      'too_complex'
    ],
    [
      '500k nested arrays',
      build((e) => {
        [1, 1, 5, 0, 8, 1].forEach((n) => encoding.writeVarUint(e, n));
        encoding.writeVarString(e, 'a');
        encoding.writeVarUint(e, 1);
        for (let i = 0; i < 500_000; i++) [117, 1].forEach((n) => encoding.writeUint8(e, n));
        encoding.writeUint8(e, 127);
        encoding.writeVarUint(e, 0);
      }),
      'malformed'
    ],
    ['valid 1 MiB text', Y.encodeStateAsUpdate(text), 'ok']
  ];

  it('decides on each far faster than Yjs decodes it', () => {
    const rows: string[] = [];
    for (const [label, update, expected] of cases) {
      let verdict: ReturnType<typeof checkUpdate> | null = null;
      const scan = time(() => (verdict = checkUpdate(update, LIMITS)));
      const yjs = time(() => Y.decodeUpdate(update));
      rows.push(
        `${label.padEnd(28)} ${String(update.byteLength).padStart(8)} B  check ${scan.ms.toFixed(1).padStart(6)} ms` +
          `  Y.decodeUpdate ${yjs.ms.toFixed(1).padStart(7)} ms${yjs.error ? ' (threw)' : ''}`
      );
      const v = verdict as ReturnType<typeof checkUpdate> | null;
      expect(v?.ok ? 'ok' : v?.reason, label).toBe(expected);
      expect(scan.ms, label).toBeLessThan(250);
      // Where Yjs needs real time, the check must be at least five times faster (timings are noisy below).
      if (expected !== 'ok' && !yjs.error && yjs.ms > 50) expect(scan.ms * 5, label).toBeLessThan(yjs.ms);
    }
    console.info(`update check vs Yjs decode:\n${rows.join('\n')}`);
  });
});

describe('awareness batcher', () => {
  it('merges a window into one message, skipping the peer only when it sent everything', async () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState(null);
    const sent: Array<{ clients: number; except: unknown }> = [];
    const batcher = new AwarenessBatcher(awareness, {
      windowMs: 30,
      deliver: (message, except) => {
        const applied = new awarenessProtocol.Awareness(new Y.Doc());
        const decoder = decoding.createDecoder(message);
        decoding.readVarUint(decoder); // message type
        awarenessProtocol.applyAwarenessUpdate(applied, decoding.readVarUint8Array(decoder), null);
        sent.push({ clients: applied.getStates().size - 1, except }); // minus its own local state
      }
    });
    const a = { name: 'a' };
    const b = { name: 'b' };
    const set = (client: number, clock: number, from: unknown) => {
      awareness.states.set(client, { clock });
      awareness.meta.set(client, { clock, lastUpdated: Date.now() });
      batcher.add([client], from);
    };
    set(1, 1, a);
    set(1, 2, a);
    set(2, 1, a);
    await new Promise((r) => setTimeout(r, 60));
    set(3, 1, a);
    set(4, 1, b);
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toEqual([
      { clients: 2, except: a },
      { clients: 2, except: undefined }
    ]);
    batcher.destroy();
    awareness.destroy();
  });
});
