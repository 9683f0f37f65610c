// The relay's plain HTTP side: /healthz (liveness), /readyz (readiness), /metrics, the room API (POST /api/rooms, GET
// /api/rooms/<id>/access, DELETE /api/rooms/<id> (room-delete.ts), sessions, links and joining with a token alone: links-api.ts, join codes: join-codes-api.ts), GET /api/info (the addresses phones can reach), GET /api/time (the relay's clock) and the built app with SPA fallback. Every response carries the security headers.
// Request logs name the route, never the query string, headers or the client's address.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSealedScope } from '../../src/lib/model/policy';
import { APPEND_PATH, handleAppendRequest } from './facilitators-append';
import { checkAccess, secretEquals } from './auth';
import { bearer, methodAllowed, readJson, sendError, sendJson, setSecurityHeaders } from './http-util';
import type { Logger } from './log';
import type { RelayMetrics } from './metrics';
import { handleJoinRequest, handleLinksRequest, JOIN_PATH, LINKS_PATH } from './links-api';
import {
  handleJoinCodeRequest,
  handleJoinCodesRequest,
  JOIN_CODE_PATH,
  JOIN_CODES_PATH,
  JoinCodeLimiter
} from './join-codes-api';
import { parseRegistration, registerRoom } from './registration';
import { FORGET_PATH, handleForgetRequest } from './forget-me';
import { handleRetentionRequest, RETENTION_PATH } from './retention';
import { handleRoomDeleteRequest, ROOM_PATH, type RoomDeleter } from './room-delete';
import type { WriteQueue } from './write-queue';
import { handleSessionRequest, SESSION_PATH } from './session-api';
import { checkConnectAccess, type SessionTokens } from './session-token';
import { serveStatic } from './static';
import type { RoomRegistry } from './rooms';
import type { Storage } from './storage/types';

export interface HttpDeps {
  storage: Storage;
  /** Signs and checks session tokens (POST /api/rooms/<id>/session). */
  sessions: SessionTokens;
  metrics: RelayMetrics;
  log: Logger;
  staticDir: string;
  roomCreateKey: string | null;
  stats(): { rooms: number; connections: number };
  isClosing(): boolean;
  /** Serving: listening and not draining (defaults to !isClosing()). */
  isReady?(): boolean;
  /** PUBLIC_URL and the LAN URLs of this relay (lan.ts), for GET /api/info. */
  lanUrls?(): string[];
  /** After links were revoked: drop cached session checks, close sockets whose link was revoked. */
  onLinksChanged?(): Promise<void>;
  /** How many participants hold sealed drafts of a scope (sealed.ts); absent: 404. */
  sealedCount?(roomId: string, scope: string): Promise<number>;
  /** Loaded documents (participants' appends to the facilitators document, facilitators-append.ts). */
  registry?: RoomRegistry;
  /** Compacts documents (POST /api/rooms/<id>/forget-me rewrites their history, forget-me.ts). */
  writeQueue?: WriteQueue;
  /** RETENTION_DAYS: the default deletion date of a room (GET/PUT /api/rooms/<id>/retention). */
  retentionDays?: number;
  /** Deletes a room for good (DELETE /api/rooms/<id>, room-delete.ts); absent: 404. */
  deleteRoom?: RoomDeleter;
  /** Rate limits of joining with a code (join-codes-api.ts); absent: the defaults. */
  joinCodeLimiter?: JoinCodeLimiter;
}

const MAX_BODY_BYTES = 64 * 1024;
const ACCESS_PATH = /^\/api\/rooms\/([^/]+)\/access$/;
const SEALED_PATH = /^\/api\/rooms\/([^/]+)\/sealed\/([^/]+)$/;

export function createRequestHandler(deps: HttpDeps) {
  const joinCodeLimiter = deps.joinCodeLimiter ?? new JoinCodeLimiter();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    const pathname = new URL(req.url ?? '/', 'http://relay.invalid').pathname;
    try {
      if (pathname === '/healthz') return health(res, deps);
      if (pathname === '/readyz') return ready(res, deps);
      if (pathname === '/metrics') {
        res.setHeader('Content-Type', deps.metrics.registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        return void res.end(await deps.metrics.registry.metrics());
      }
      if (pathname === '/api/info') {
        if (!methodAllowed(req, res, 'GET')) return;
        res.setHeader('Cache-Control', 'no-store');
        return sendJson(res, 200, { lanUrls: deps.lanUrls?.() ?? [] });
      }
      if (pathname === '/api/time') {
        // The relay's clock, so every device can estimate its offset (the round's timer; lib/sync/clock.ts).
        if (!methodAllowed(req, res, 'GET')) return;
        res.setHeader('Cache-Control', 'no-store');
        return sendJson(res, 200, { now: Date.now() });
      }
      if (pathname === '/api/rooms') {
        if (!methodAllowed(req, res, 'POST')) return;
        return await createRoom(req, res, deps);
      }
      const room = ROOM_PATH.exec(pathname);
      if (room && deps.deleteRoom) {
        return await handleRoomDeleteRequest(req, res, room[1] ?? '', {
          ...deps,
          deleteRoom: deps.deleteRoom
        });
      }
      const access = ACCESS_PATH.exec(pathname);
      if (access) {
        if (!methodAllowed(req, res, 'GET')) return;
        const result = await checkAccess(deps.storage, access[1] ?? '', bearer(req), Date.now());
        if (!result.ok) return sendError(res, result.status, result.error, result.message);
        // `scope` only for a plan link (plan-scope.ts): the app opens that plan.
        const { scope } = result.link;
        return sendJson(res, 200, { roomId: access[1], role: result.role, ...(scope ? { scope } : {}) });
      }
      const sealed = SEALED_PATH.exec(pathname);
      if (sealed && deps.sealedCount) {
        if (!methodAllowed(req, res, 'GET')) return;
        return await sealedCount(req, res, sealed[1] ?? '', sealed[2] ?? '', deps);
      }
      const append = APPEND_PATH.exec(pathname);
      if (append && deps.registry) return await handleAppendRequest(req, res, append[1] ?? '', deps);
      const retention = RETENTION_PATH.exec(pathname);
      if (retention) {
        const retentionDays = deps.retentionDays ?? 0;
        return await handleRetentionRequest(req, res, retention[1] ?? '', { ...deps, retentionDays });
      }
      const forget = FORGET_PATH.exec(pathname);
      if (forget && deps.registry && deps.writeQueue) {
        const { registry, writeQueue } = deps;
        return await handleForgetRequest(req, res, forget[1] ?? '', { ...deps, registry, writeQueue });
      }
      const session = SESSION_PATH.exec(pathname);
      if (session) return await handleSessionRequest(req, res, session[1] ?? '', deps);
      const links = LINKS_PATH.exec(pathname);
      if (links) {
        const onLinksChanged = deps.onLinksChanged ?? (async () => undefined);
        return await handleLinksRequest(req, res, links[1] ?? '', links[2] !== undefined, {
          ...deps,
          onLinksChanged
        });
      }
      if (pathname === JOIN_PATH) return await handleJoinRequest(req, res, deps);
      const joinCodes = JOIN_CODES_PATH.exec(pathname);
      if (joinCodes) {
        return await handleJoinCodesRequest(req, res, joinCodes[1] ?? '', { ...deps, joinCodeLimiter });
      }
      if (pathname === JOIN_CODE_PATH)
        return await handleJoinCodeRequest(req, res, { ...deps, joinCodeLimiter });
      if (pathname.startsWith('/api/'))
        return sendError(res, 404, 'not_found', 'Unbekannte API / unknown API');
      if (pathname.startsWith('/sync/')) {
        return sendError(res, 426, 'upgrade_required', 'Nur per WebSocket / WebSocket only');
      }
      return await serveStatic(req, res, deps.staticDir);
    } catch (error) {
      deps.log.error(
        { err: error, path: pathname.startsWith('/api/') ? pathname : undefined },
        'request failed'
      );
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'Interner Fehler / internal error');
      else res.destroy();
    }
  };
}

function health(res: ServerResponse, deps: HttpDeps): void {
  if (deps.isClosing()) return sendJson(res, 503, { ok: false, closing: true });
  sendJson(res, 200, { ok: true, ...deps.stats() });
}

/** 503 while starting or draining (take this instance out of the load balancer), 200 when serving. */
function ready(res: ServerResponse, deps: HttpDeps): void {
  res.setHeader('Cache-Control', 'no-store');
  const isReady = deps.isReady ? deps.isReady() : !deps.isClosing();
  if (!isReady) return sendJson(res, 503, { ready: false, draining: deps.isClosing() });
  sendJson(res, 200, { ready: true });
}

/** `GET /api/rooms/<id>/sealed/<scope>` (facilitators, link or session token) → `{ participants }`. */
async function sealedCount(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  scope: string,
  deps: HttpDeps
): Promise<void> {
  const access = await checkConnectAccess(deps.storage, deps.sessions, roomId, bearer(req), Date.now());
  if (!access.ok) return sendError(res, access.status, access.error, access.message);
  if (access.role !== 'facilitator') {
    return sendError(res, 403, 'facilitator_only', 'Nur für Moderation / facilitators only');
  }
  if (!isSealedScope(scope))
    return sendError(res, 400, 'bad_request', 'scope must match [A-Za-z0-9_-]{1,64}');
  res.setHeader('Cache-Control', 'no-store');
  sendJson(res, 200, { participants: await (deps.sealedCount?.(roomId, scope) ?? 0) });
}

async function createRoom(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  if (deps.roomCreateKey !== null) {
    const key = bearer(req);
    if (key === null || !secretEquals(key, deps.roomCreateKey)) {
      return sendError(
        res,
        401,
        'create_key_required',
        'Schlüssel zum Anlegen fehlt oder passt nicht / room creation key missing or wrong'
      );
    }
  }
  const body = await readJson(req, res, MAX_BODY_BYTES);
  if (!body) return;
  const parsed = parseRegistration(body.value);
  if (!parsed.ok) return sendError(res, 400, 'bad_request', parsed.message);
  const result = await registerRoom(deps.storage, parsed.value);
  const { roomId } = parsed.value;
  if (result === 'conflict') {
    return sendError(
      res,
      409,
      'room_exists',
      'Diese Raum-ID ist schon vergeben / this room id is already taken'
    );
  }
  deps.log.info({ doc: roomId, result }, 'room registered');
  const title = (await deps.storage.getRoom(roomId))?.title ?? null;
  sendJson(res, result === 'created' ? 201 : 200, { roomId, title, created: result === 'created' });
}
