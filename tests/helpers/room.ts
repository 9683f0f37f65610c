// A relay Room on its own, for unit tests of what it does with peers: an empty document with no storage
// behind it, and a fake peer that records what it is sent and how it is closed.
import { Room, type RoomHooks, type RoomPeer } from '../../sync-server/src/room';

export type FakePeer = RoomPeer & { sent: Uint8Array[]; closes: number[] };

export function fakePeer(): FakePeer {
  const sent: Uint8Array[] = [];
  const closes: number[] = [];
  return {
    wantsAck: true,
    awarenessClients: new Set(),
    sent,
    closes,
    send: (m) => void sent.push(m),
    close: (code) => void closes.push(code)
  };
}

/** An empty shared document `name`, loaded with no stored content; hooks default to doing nothing. */
export function emptyRoom(name: string, hooks: Partial<RoomHooks> = {}): Room {
  return new Room(name, name, 'shared', { updates: [], stateVector: null, logRows: 0, logBytes: 0 }, 60_000, {
    onPending: () => undefined,
    onIdle: () => undefined,
    ...hooks
  });
}
