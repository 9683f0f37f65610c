// Participants append to the facilitators-only document without reading it: contact details given with
// consent (the Landkarte's "Bitte um Kontakt") must reach every facilitator device and no participant.
//   POST /api/rooms/<roomId>/facilitators/append  { update: base64url(Yjs update) }  → 201 { stored: true }
// with a participant's link or session token as bearer. The update must be one fresh Yjs client's new
// entries under an append root (model/policy.ts FACILITATORS_APPEND_ROOTS): every item of one client id the
// document holds nothing of, each either a new key of such a root map (not present there yet) or inside an
// entry of this same update; no deletions. The relay checks client ids, parents and map keys, never the
// content; it binds the update's client id to the participant (`p:<pid>`, stored with it in client_owners,
// so forget-me.ts can remove their entries later), applies the update (broadcast to the facilitators'
// sockets, stored) and answers once it is durable. Facilitators write this document over its socket as before.

import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { FACILITATORS_APPEND_ROOTS } from '../../src/lib/model/policy';
import { guardRoomApi, PARTICIPANTS_ONLY, readJson, sendError, sendJson } from './http-util';
import type { Room } from './room';
import type { RoomRegistry } from './rooms';
import { ownerOf } from './identity';
import type { SessionTokens } from './session-token';
import { checkConnectAccess } from './session-token';
import type { Storage } from './storage/types';

export const APPEND_PATH = /^\/api\/rooms\/([^/]+)\/facilitators\/append$/;
const MAX_BODY_BYTES = 16 * 1024;
/** Origin of an appended update: broadcast to every facilitator socket, stored. */
export const APPEND_ORIGIN = Symbol('facilitators-append');

export interface AppendDeps {
  storage: Storage;
  sessions: SessionTokens;
  registry?: RoomRegistry;
}

/** Why `update` is not a plain append to `doc`, or null when it is. */
export function appendProblem(doc: Y.Doc, update: Uint8Array): string | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return 'malformed update';
  }
  const { structs, ds } = decoded;
  if (ds.clients.size > 0) return 'deletions are not appends';
  if (structs.length === 0) return 'nothing to append';
  const client = structs[0]!.id.client;
  if (Y.getState(doc.store, client) > 0) return 'client id already used in this document';
  const keys = new Set<string>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.id.client !== client) return 'one new client, items only';
    const parent = struct.parent as unknown;
    if (parent instanceof Y.ID) {
      if (parent.client !== client) return 'inside another entry';
      continue;
    }
    if (typeof parent !== 'string' || !FACILITATORS_APPEND_ROOTS.includes(parent))
      return 'not an append root';
    const key = struct.parentSub;
    if (key === null || keys.has(key)) return 'root entries must be new map keys';
    keys.add(key);
    const root = doc.share.get(parent);
    if (root?._map.has(key)) return 'key exists';
  }
  return null;
}

export async function handleAppendRequest(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  deps: AppendDeps
): Promise<void> {
  const access = await guardRoomApi(req, res, {
    allow: 'POST',
    check: (token) => checkConnectAccess(deps.storage, deps.sessions, roomId, token, Date.now()),
    only: PARTICIPANTS_ONLY
  });
  if (!access) return;
  if (access.link.scope) {
    return sendError(
      res,
      403,
      'plan_only',
      'Dieser Link bearbeitet nur einen Plan / a plan link edits its plan only'
    );
  }
  const badBody = 'body must be { update: base64url }';
  const body = await readJson(req, res, MAX_BODY_BYTES, badBody);
  if (!body) return;
  const encoded = (body.value as { update?: unknown } | null)?.update;
  if (typeof encoded !== 'string') return sendError(res, 400, 'bad_request', badBody);
  const update = new Uint8Array(Buffer.from(encoded, 'base64url'));
  if (!deps.registry) return sendError(res, 503, 'unavailable', 'not available');
  const room: Room = await deps.registry.acquire({
    roomId,
    kind: 'facilitators',
    docName: `${roomId}/facilitators`
  });
  try {
    const problem = appendProblem(room.doc, update);
    if (problem) return sendError(res, 422, 'not_an_append', problem);
    // Who appended it (stored with the update): a participant can have their entries removed (forget-me.ts).
    const owner = ownerOf(access.role, access.participantId ?? null, access.link.tokenHash);
    if (owner) room.bindOwners([...Y.parseUpdateMeta(update).from.keys()], owner);
    room.applyUpdate(update, APPEND_ORIGIN);
    const waiter = {};
    await new Promise<void>((resolve) => {
      if (!room.writes.whenStored(waiter, () => resolve())) resolve();
    });
    sendJson(res, 201, { stored: true });
  } finally {
    room.release();
  }
}
