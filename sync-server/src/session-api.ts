// POST /api/rooms/<roomId>/session: trades a capability link token (`Authorization: Bearer <token>`) for a
// signed session token `{ token, expiresAt, expiresIn }` (epoch ms; seconds from now, for clients whose clock
// is off). Refusals are the access endpoint's (401 / 403 / 404 with { error, message }). Only link tokens are
// accepted here: a session token cannot extend itself past a revocation. An optional JSON body
// `{ participantKey }` binds the device's participant id into the token (identity.ts); a malformed one is 400.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAccess } from './auth';
import { bearer, methodAllowed, readBody, sendError, sendJson } from './http-util';
import { participantIdOf, readParticipantKey } from './identity';
import type { SessionTokens } from './session-token';
import type { Storage } from './storage/types';

export const SESSION_PATH = /^\/api\/rooms\/([^/]+)\/session$/;

export async function handleSessionRequest(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  deps: { storage: Storage; sessions: SessionTokens }
): Promise<void> {
  if (!methodAllowed(req, res, 'POST')) return;
  let body: { key: string | null } | null;
  try {
    body = readParticipantKey(await readBody(req, 1024));
  } catch {
    body = null;
  }
  if (!body) {
    return sendError(res, 400, 'bad_request', 'Ungültiger Teilnahmeschlüssel / invalid participant key');
  }
  const now = Date.now();
  const access = await checkAccess(deps.storage, roomId, bearer(req), now);
  if (!access.ok) return sendError(res, access.status, access.error, access.message);
  const pid = body.key ? participantIdOf(roomId, body.key) : null;
  const session = await deps.sessions.issue(access.link, now, pid);
  sendJson(res, 200, {
    token: session.token,
    expiresAt: session.expiresAt,
    expiresIn: Math.max(0, Math.round((session.expiresAt - now) / 1000)),
    role: access.role,
    ...(access.link.scope ? { scope: access.link.scope } : {})
  });
}
