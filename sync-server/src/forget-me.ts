// A participant removes what they gave and it is gone from the stored history too (ARCHITECTURE.md,
// "Forgetting a participant"):
//   POST /api/rooms/<roomId>/forget-me  with a participant's session token that carries a participant id
//   → 200 { removed }  (403 participants_only for other roles, 403 participant_id_required without a pid)
// 1. In the facilitators document the relay deletes every entry of an append root (model/policy.ts
//    FACILITATORS_APPEND_ROOTS: `contacts`) whose item was written by a Yjs client id bound to this
//    participant (facilitators-append.ts binds each append's client id to `p:<pid>`). It reads who created
//    which item, never the content. The deletion is an ordinary update: broadcast, stored, fanned out.
// 2. The participant's own entries in the shared document (supporter entries, …) the app deletes itself
//    first, with its normal write (the ownership guard allows deleting one's own items).
// 3. Then both documents' stored history is rewritten: the write queue flushes and compacts them into one
//    snapshot built by a gc-enabled Y.Doc (storage/merge.ts), in which deleted content is only a length
//    (GC structs / ContentDeleted); the old log rows and snapshot are deleted, and storage.purgeFreed()
//    overwrites the freed bytes (SQLite secure_delete + WAL checkpoint, PostgreSQL VACUUM).
// What other devices keep in their own storage is theirs: they receive the deletion when they sync.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { FACILITATORS_APPEND_ROOTS } from '../../src/lib/model/policy';
import { guardRoomApi, PARTICIPANTS_ONLY, sendError, sendJson } from './http-util';
import { ownerOf } from './identity';
import type { Logger } from './log';
import type { Room } from './room';
import type { RoomRegistry } from './rooms';
import { checkConnectAccess, type SessionTokens } from './session-token';
import type { Storage } from './storage/types';
import type { WriteQueue } from './write-queue';

export const FORGET_PATH = /^\/api\/rooms\/([^/]+)\/forget-me$/;
/** Origin of the relay's own deletion in the facilitators document. */
export const FORGET_ORIGIN = Symbol('forget-me');

export interface ForgetDeps {
  storage: Storage;
  sessions: SessionTokens;
  registry: RoomRegistry;
  writeQueue: WriteQueue;
  log: Logger;
}

/** Deletes the append-root entries written by `owner`'s client ids; resolves with how many. */
export function forgetEntries(room: Room, owner: string): number {
  const clients = new Set(
    (room.owners?.entries() ?? []).filter(([, o]) => o === owner).map(([client]) => client)
  );
  if (clients.size === 0) return 0;
  let removed = 0;
  // Typed as maps before the transaction (a root nobody read yet is a bare AbstractType).
  const maps = FACILITATORS_APPEND_ROOTS.filter((root) => room.doc.share.has(root)).map((root) =>
    room.doc.getMap<unknown>(root)
  );
  room.doc.transact(() => {
    for (const map of maps) {
      for (const [key, item] of map._map) {
        if (item.deleted || !clients.has(item.id.client)) continue;
        map.delete(key);
        removed++;
      }
    }
  }, FORGET_ORIGIN);
  return removed;
}

export async function handleForgetRequest(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  deps: ForgetDeps
): Promise<void> {
  const access = await guardRoomApi(req, res, {
    allow: 'POST',
    check: (token) => checkConnectAccess(deps.storage, deps.sessions, roomId, token, Date.now()),
    only: PARTICIPANTS_ONLY
  });
  if (!access) return;
  if (!access.participantId) {
    // A link token alone names everyone who shares the link, not this person.
    return sendError(
      res,
      403,
      'participant_id_required',
      'Nur mit einer Sitzung mit Teilnehmenden-Schlüssel / needs a session with a participant key'
    );
  }
  const owner = ownerOf('participant', access.participantId, access.link.tokenHash) ?? '';
  const facilitators = await deps.registry.acquire({
    roomId,
    kind: 'facilitators',
    docName: `${roomId}/facilitators`
  });
  let removed: number;
  try {
    removed = forgetEntries(facilitators, owner);
    // The history of both documents is rewritten, also when nothing was left here: the app's own
    // deletions in the shared document came before this request.
    await deps.writeQueue.compact(facilitators);
  } finally {
    facilitators.release();
  }
  const shared = await deps.registry.acquire({ roomId, kind: 'shared', docName: roomId });
  try {
    await deps.writeQueue.compact(shared);
  } finally {
    shared.release();
  }
  await deps.writeQueue.run(() => deps.storage.purgeFreed());
  deps.log.info({ doc: roomId, removed }, 'participant forgotten');
  sendJson(res, 200, { removed });
}
