// Managing a room's links from the app, for facilitators (their link token as `Authorization: Bearer`):
//   GET  /api/rooms/<id>/links         → { links: [{ role, tokenHash, createdAt, expiresAt, revokedAt, scope }] }
//   POST /api/rooms/<id>/links         { role, tokenHash, expiresAt?, replace?, scope? } adds a participant or
//        viewer link; with replace the older active unscoped links of that role are revoked in the same
//        transaction (renew); `scope` (participants only) makes a plan link: it writes that plan only
//        (plan-scope.ts)
//   POST /api/rooms/<id>/links/revoke  { role } revokes every active unscoped link of that role;
//                                      { tokenHash } revokes that one participant or viewer link
// and, for anyone holding a token, joining with the token alone (its hash names the room):
//   POST /api/join                     → { roomId, role }
// Facilitator links are not managed here (revoking them from the app would lock the facilitators out; the
// CLI does it). After a revocation the relay closes the sockets whose link was revoked (onLinksChanged).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAccess, denied, hashToken, linkProblem, TOKEN_HASH_PATTERN, TOKEN_PATTERN } from './auth';
import { isLinkScope } from '../../src/lib/model/policy';
import { bearer, guardRoomApi, methodAllowed, readJsonObject, sendError, sendJson } from './http-util';
import type { Logger } from './log';
import type { Role, Storage } from './storage/types';

export const LINKS_PATH = /^\/api\/rooms\/([^/]+)\/links(\/revoke)?$/;
export const JOIN_PATH = '/api/join';

const MAX_BODY_BYTES = 4 * 1024;
const MANAGED: readonly Role[] = ['participant', 'viewer'];

export interface LinksDeps {
  storage: Storage;
  log: Logger;
  /** Drops cached session checks and closes sockets whose link no longer opens the room. */
  onLinksChanged(): Promise<void>;
}

function managedRole(value: unknown): Role | null {
  return typeof value === 'string' && (MANAGED as readonly string[]).includes(value) ? (value as Role) : null;
}

export async function handleLinksRequest(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  revoke: boolean,
  deps: LinksDeps
): Promise<void> {
  const now = Date.now();
  const access = await guardRoomApi(req, res, {
    allow: revoke ? 'POST' : 'GET, POST',
    check: (token) => checkAccess(deps.storage, roomId, token, now),
    only: {
      role: 'facilitator',
      message: 'Nur Moderierende verwalten Links. / Only facilitators manage links.'
    }
  });
  if (!access) return;

  if (req.method === 'GET') {
    const links = (await deps.storage.listLinks(roomId)).map((l) => ({
      role: l.role,
      tokenHash: l.tokenHash,
      createdAt: l.createdAt,
      expiresAt: l.expiresAt,
      revokedAt: l.revokedAt,
      scope: l.scope
    }));
    return sendJson(res, 200, { links });
  }

  const body = await readJsonObject(req, res, MAX_BODY_BYTES);
  if (!body) return;
  if (revoke && body.role === undefined && typeof body.tokenHash === 'string') {
    return revokeOne(res, roomId, body.tokenHash.toLowerCase(), now, deps);
  }
  const role = managedRole(body.role);
  if (!role) return sendError(res, 400, 'bad_request', 'role must be participant or viewer');

  if (revoke) {
    const revoked = await deps.storage.revokeLinks(roomId, { role, unscoped: true }, now);
    deps.log.info({ doc: roomId, role, revoked }, 'links revoked');
    if (revoked > 0) await deps.onLinksChanged();
    return sendJson(res, 200, { revoked });
  }

  const tokenHash = typeof body.tokenHash === 'string' ? body.tokenHash.toLowerCase() : '';
  if (!TOKEN_HASH_PATTERN.test(tokenHash)) {
    return sendError(res, 400, 'bad_request', 'tokenHash must be sha256(token) as 64 hex characters');
  }
  const expiresAt = body.expiresAt ?? null;
  if (expiresAt !== null && !(typeof expiresAt === 'number' && Number.isSafeInteger(expiresAt))) {
    return sendError(res, 400, 'bad_request', 'expiresAt must be epoch milliseconds or null');
  }
  const scope = body.scope ?? null;
  if (scope !== null && !(role === 'participant' && isLinkScope(scope))) {
    return sendError(res, 400, 'bad_request', 'scope must be a plan id, for a participant link');
  }
  const outcome = await deps.storage.addLink(roomId, { role, tokenHash, expiresAt, scope }, now, {
    replace: body.replace === true && scope === null
  });
  if (outcome.result === 'no_room') {
    const refusal = denied('room_not_found');
    return sendError(res, refusal.status, refusal.error, refusal.message);
  }
  deps.log.info({ doc: roomId, role, ...outcome }, 'link added');
  if (outcome.revoked > 0) await deps.onLinksChanged();
  sendJson(res, outcome.result === 'added' ? 201 : 200, {
    added: outcome.result === 'added',
    revoked: outcome.revoked
  });
}

/** Revokes one participant or viewer link by its hash (a plan link, or any other). */
async function revokeOne(
  res: ServerResponse,
  roomId: string,
  tokenHash: string,
  now: number,
  deps: LinksDeps
): Promise<void> {
  if (!TOKEN_HASH_PATTERN.test(tokenHash)) {
    return sendError(res, 400, 'bad_request', 'tokenHash must be sha256(token) as 64 hex characters');
  }
  const link = await deps.storage.findLink(roomId, tokenHash);
  if (link && !MANAGED.includes(link.role)) {
    return sendError(res, 400, 'bad_request', 'only participant and viewer links are revoked here');
  }
  const revoked = link ? await deps.storage.revokeLinks(roomId, { tokenHash }, now) : 0;
  deps.log.info({ doc: roomId, revoked }, 'link revoked');
  if (revoked > 0) await deps.onLinksChanged();
  sendJson(res, 200, { revoked });
}

/** Joining with the token alone: which room and role it opens, refused like the access endpoint. */
export async function handleJoinRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: Pick<LinksDeps, 'storage'>
): Promise<void> {
  if (!methodAllowed(req, res, 'POST')) return;
  const token = bearer(req);
  if (token === null || token === '') {
    const refusal = denied('token_missing');
    return sendError(res, refusal.status, refusal.error, refusal.message);
  }
  const link = TOKEN_PATTERN.test(token) ? await deps.storage.findLinkByHash(hashToken(token)) : null;
  const problem = link ? linkProblem(link, Date.now()) : 'token_invalid';
  if (problem || !link) {
    const refusal = denied(problem ?? 'token_invalid');
    return sendError(res, refusal.status, refusal.error, refusal.message);
  }
  sendJson(res, 200, { roomId: link.roomId, role: link.role, ...(link.scope ? { scope: link.scope } : {}) });
}
