import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../sync-server/src/protocol';
import { SPREAD_STEP } from '../../sync-server/src/room';
import { emptyRoom, fakePeer, type FakePeer } from '../helpers/room';

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
    const room = emptyRoom('room1234');
    const peers = Array.from({ length: 3 * SPREAD_STEP + 5 }, fakePeer);
    const types = (p: FakePeer): number[] => p.sent.map((m) => m[0] ?? -1);
    for (const p of peers) room.addPeer(p);
    const [writer] = peers;
    if (!writer) throw new Error('no peers');

    room.presence.apply(announce(7), writer); // batching off: delivered at once, spread
    const sentNow = peers.filter((p) => types(p).includes(MESSAGE_AWARENESS)).length;
    expect(sentNow).toBe(SPREAD_STEP - 1); // the first step, without the writer itself

    const update = new Y.Doc();
    update.getMap('ideas').set('a', 'Dorfladen');
    room.applyUpdate(Y.encodeStateAsUpdate(update), writer);
    expect(peers.slice(1).every((p) => types(p).includes(MESSAGE_SYNC))).toBe(true);

    for (let turn = 0; turn < 4; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(peers.slice(1).every((p) => types(p).includes(MESSAGE_AWARENESS))).toBe(true);
    expect(types(writer)).not.toContain(MESSAGE_AWARENESS);
    // The late ones got the update first, then the awareness message.
    expect(types(peers.at(-1) ?? writer)).toEqual([MESSAGE_SYNC, MESSAGE_AWARENESS]);
    room.destroy();
  });
});
