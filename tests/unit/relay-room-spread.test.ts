import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../sync-server/src/protocol';
import { Room, SPREAD_STEP, type RoomPeer } from '../../sync-server/src/room';

/** A peer that records the type of every message it is sent. */
function peer(): RoomPeer & { got: number[] } {
  const got: number[] = [];
  return {
    got,
    wantsAck: false,
    awarenessClients: new Set(),
    send: (m) => void got.push(m[0] ?? -1),
    close: () => undefined
  };
}

function announce(id: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = id;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ name: `Teilnehmende ${id}` });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [id]);
  awareness.destroy();
  return update;
}

describe('presence spread over event-loop turns', () => {
  it('lets a document update reach every peer before the rest of an awareness message', async () => {
    const room = new Room(
      'room1234',
      'room1234',
      'shared',
      { updates: [], logRows: 0, logBytes: 0 },
      60_000,
      {
        onPending: () => undefined,
        onIdle: () => undefined
      }
    );
    const peers = Array.from({ length: 3 * SPREAD_STEP + 5 }, peer);
    for (const p of peers) room.addPeer(p);
    const [writer] = peers;
    if (!writer) throw new Error('no peers');

    room.presence.apply(announce(7), writer); // batching off: delivered at once, spread
    const sentNow = peers.filter((p) => p.got.includes(MESSAGE_AWARENESS)).length;
    expect(sentNow).toBe(SPREAD_STEP - 1); // the first step, without the writer itself

    const update = new Y.Doc();
    update.getMap('ideas').set('a', 'Dorfladen');
    room.applyUpdate(Y.encodeStateAsUpdate(update), writer);
    expect(peers.slice(1).every((p) => p.got.includes(MESSAGE_SYNC))).toBe(true);

    for (let turn = 0; turn < 4; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(peers.slice(1).every((p) => p.got.includes(MESSAGE_AWARENESS))).toBe(true);
    expect(writer.got).not.toContain(MESSAGE_AWARENESS);
    // The late ones got the update first, then the awareness message.
    expect(peers.at(-1)?.got).toEqual([MESSAGE_SYNC, MESSAGE_AWARENESS]);
    room.destroy();
  });
});
