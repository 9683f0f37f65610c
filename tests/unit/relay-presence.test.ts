import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { RoomPresence, type PresencePeer } from '../../sync-server/src/room-presence';

const REMOTE = Symbol('remote');

/** An awareness update in which client `id` announces `state`. */
function announce(id: number, state: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = id;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [id]);
  awareness.destroy();
  return update;
}

function setup() {
  const peers = new Set<PresencePeer>();
  const delivered: Array<{ except: unknown }> = [];
  const published: Uint8Array[] = [];
  const presence = new RoomPresence(() => new Y.Doc(), {
    batchMs: 0,
    deliver: (_message, except) => delivered.push({ except }),
    isPeer: (origin): origin is PresencePeer => peers.has(origin as PresencePeer),
    onLocal: (update) => published.push(update),
    quietOrigins: [REMOTE]
  });
  return { peers, delivered, published, presence };
}

describe('room presence', () => {
  it('holds no states before the first awareness message', () => {
    expect(setup().presence.clients()).toEqual([]);
  });

  it("tracks a peer's clients, relays and publishes its changes, and removes them when it leaves", () => {
    const { peers, delivered, published, presence } = setup();
    const peer: PresencePeer = { awarenessClients: new Set() };
    peers.add(peer);
    presence.apply(announce(11, { name: 'Aylin' }), peer);
    expect(presence.clients()).toEqual([11]);
    expect([...peer.awarenessClients]).toEqual([11]);
    expect(delivered).toEqual([{ except: peer }]);
    expect(published).toHaveLength(1);
    presence.leave(peer);
    expect(presence.clients()).toEqual([]);
    expect(delivered).toHaveLength(2);
    presence.destroy();
  });

  it('does not publish what came from another instance', () => {
    const { published, presence } = setup();
    presence.apply(announce(12, { name: 'Bent' }), REMOTE);
    expect(presence.clients()).toEqual([12]);
    expect(published).toHaveLength(0);
    presence.destroy();
  });
});
