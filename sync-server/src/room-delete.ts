// Deleting a conference on the relay for good: `DELETE /api/rooms/<roomId>` with a facilitator's link or
// session token (`Authorization: Bearer`; 403 `facilitator_only` for other roles) → 200 `{ roomId, deleted:
// true, docs }`. The deletion (also the retention sweeper's, retention.ts) runs in this order:
//   1. the other relay instances hear `deleted` on every document channel of the room (fan-out) and drop it;
//   2. this instance refuses to load the room again, closes every socket of it with 4410 `room_deleted` and
//      drops its loaded documents and queued updates unwritten (rooms.ts evictRoom);
//   3. behind every write already started, storage deletes the room, its links and every document of it
//      (snapshots, logs, client-id bindings) in ONE transaction and keeps a tombstone, so the id answers 410
//      `room_deleted` from now on and is never registered again (storage/types.ts deleteRoom).
// The relay never reads the content to do this: documents are found by name (`<roomId>`, `<roomId>/…`).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FanoutBridge } from './fanout/bridge';
import { guardRoomApi, sendJson } from './http-util';
import type { Logger } from './log';
import { CLOSE, ROOM_DELETED_REASON } from './protocol';
import type { RoomRegistry } from './rooms';
import { checkConnectAccess, type SessionTokens } from './session-token';
import { isDocOfRoom, type DeleteRoomResult, type Storage } from './storage/types';
import type { WriteQueue } from './write-queue';

export const ROOM_PATH = /^\/api\/rooms\/([^/]+)$/;

export type RoomDeleter = (roomId: string) => Promise<DeleteRoomResult>;

export interface RoomDeleteDeps {
  storage: Storage;
  registry: RoomRegistry;
  writeQueue: WriteQueue;
  bridge: FanoutBridge;
  log: Logger;
}

/** The one deletion path (the API and the retention sweeper). */
export function createRoomDeleter(deps: RoomDeleteDeps): RoomDeleter {
  return async (roomId) => {
    const now = Date.now();
    const fixed = [roomId, `${roomId}/control`, `${roomId}/facilitators`, `${roomId}/plans`];
    const stored = (await deps.storage.listDocs(roomId)).filter((name) => isDocOfRoom(name, roomId));
    const loaded = deps.registry.loadedWithPrefix(roomId).map((room) => room.docName);
    deps.bridge.publishDeleted(
      new Set([...fixed, ...stored, ...loaded].filter((n) => isDocOfRoom(n, roomId)))
    );
    await deps.registry.evictRoom(roomId, CLOSE.roomDeleted, ROOM_DELETED_REASON);
    const result = await deps.writeQueue.run(() => deps.storage.deleteRoom(roomId, now));
    deps.log.info({ doc: roomId, deleted: result.deleted, docs: result.docs.length }, 'room deleted');
    return result;
  };
}

export async function handleRoomDeleteRequest(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  deps: { storage: Storage; sessions: SessionTokens; deleteRoom: RoomDeleter }
): Promise<void> {
  const access = await guardRoomApi(req, res, {
    allow: 'DELETE',
    check: (token) => checkConnectAccess(deps.storage, deps.sessions, roomId, token, Date.now()),
    only: {
      role: 'facilitator',
      message: 'Nur Moderierende löschen eine Konferenz. / Only facilitators delete a conference.'
    }
  });
  if (!access) return;
  const result = await deps.deleteRoom(roomId);
  sendJson(res, 200, { roomId, deleted: result.deleted, docs: result.docs.length });
}
