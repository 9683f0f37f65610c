// How long the relay keeps a conference: facilitators set the date after which it is deleted, everyone in
// the room can read it (the app announces it beforehand), and a sweeper deletes rooms past their date through
// the same path as DELETE /api/rooms/<id> (room-delete.ts).
//   GET /api/rooms/<roomId>/retention  (any link or session token of the room)
//     → { deleteAfter: epoch ms | null, source: 'room' | 'default' | null }
//   PUT /api/rooms/<roomId>/retention  { deleteAfter: epoch ms (in the future) | null }  (facilitators)
//     → { deleteAfter, source }  (null: back to the relay's default)
// The default: RETENTION_DAYS after the room was registered (0, the default: none; kept until a facilitator
// sets a date or deletes it). Every instance sweeps every RETENTION_SWEEP_MS; two instances deleting the same
// room is harmless (the second finds nothing).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, guardRoomApi, readBody, sendError, sendJson } from './http-util';
import type { Logger } from './log';
import type { RoomDeleter } from './room-delete';
import { checkConnectAccess, type SessionTokens } from './session-token';
import type { Storage } from './storage/types';

export const RETENTION_PATH = /^\/api\/rooms\/([^/]+)\/retention$/;
const DAY_MS = 24 * 3600_000;

export interface RetentionDeps {
  storage: Storage;
  sessions: SessionTokens;
  retentionDays: number;
}

export interface Retention {
  deleteAfter: number | null;
  source: 'room' | 'default' | null;
}

/** The room's deletion date: its own, else the relay's default, else none. */
export async function retentionOf(
  storage: Storage,
  roomId: string,
  retentionDays: number
): Promise<Retention> {
  const own = await storage.getDeleteAfter(roomId);
  if (own !== null) return { deleteAfter: own, source: 'room' };
  const room = retentionDays > 0 ? await storage.getRoom(roomId) : null;
  if (room) return { deleteAfter: room.createdAt + retentionDays * DAY_MS, source: 'default' };
  return { deleteAfter: null, source: null };
}

export async function handleRetentionRequest(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  deps: RetentionDeps
): Promise<void> {
  const now = Date.now();
  const access = await guardRoomApi(req, res, {
    allow: 'GET, PUT',
    check: (token) => checkConnectAccess(deps.storage, deps.sessions, roomId, token, now),
    // Everyone in the room reads the date; only facilitators set it.
    only:
      req.method === 'PUT' ? { role: 'facilitator', message: 'Nur für Moderation / facilitators only' } : null
  });
  if (!access) return;
  if (req.method === 'PUT') {
    let at: unknown;
    try {
      at = (JSON.parse(await readBody(req, 1024)) as { deleteAfter?: unknown }).deleteAfter;
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendError(res, 413, 'body_too_large', error.message);
      return sendError(res, 400, 'bad_request', 'body must be { deleteAfter }');
    }
    if (at !== null && !(typeof at === 'number' && Number.isSafeInteger(at) && at > now)) {
      return sendError(res, 400, 'bad_request', 'deleteAfter must be a future time in epoch ms, or null');
    }
    await deps.storage.setDeleteAfter(roomId, at);
  }
  sendJson(res, 200, await retentionOf(deps.storage, roomId, deps.retentionDays));
}

/** Deletes rooms past their date every `everyMs`; returns the function that stops it. */
export function startRetentionSweeper(options: {
  storage: Storage;
  deleteRoom: RoomDeleter;
  retentionDays: number;
  everyMs: number;
  log: Logger;
}): () => void {
  const { storage, deleteRoom, retentionDays, log } = options;
  let running = false;
  const sweep = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const defaultMs = retentionDays > 0 ? retentionDays * DAY_MS : null;
      for (const roomId of await storage.listExpiredRooms(Date.now(), defaultMs)) {
        const result = await deleteRoom(roomId);
        if (result.deleted) log.info({ doc: roomId }, 'room deleted after its retention date');
      }
    } catch (error) {
      log.error({ err: error }, 'retention sweep failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
