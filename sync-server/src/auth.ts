// Capability tokens and access decisions. A token is `<f|p|v>_<base64url secret>`; the relay stores only
// sha256(token) per room and trusts the role stored with that hash, never the token's prefix. The same
// checkAccess decides WebSocket upgrades and GET /api/rooms/<id>/access, so both always agree.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LinkRecord, Role, Storage } from './storage/types';

export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** 18 random bytes make 24 base64url characters (144 bits); longer secrets are fine. */
export const TOKEN_PATTERN = /^[fpv]_[A-Za-z0-9_-]{24,256}$/;
export const TOKEN_HASH_PATTERN = /^[0-9a-f]{64}$/;
const TOKEN_PREFIX: Record<Role, string> = { facilitator: 'f', participant: 'p', viewer: 'v' };

export const isRoomId = (value: unknown): value is string =>
  typeof value === 'string' && ROOM_ID_PATTERN.test(value);

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new capability token with a 192-bit secret. */
export function generateToken(role: Role): string {
  return `${TOKEN_PREFIX[role]}_${randomBytes(24).toString('base64url')}`;
}

/** A new room id: 16 random bytes, 22 base64url characters. */
export function generateRoomId(): string {
  return randomBytes(16).toString('base64url');
}

export function joinLink(origin: string, roomId: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/join/${roomId}#${token}`;
}

/** Constant-time comparison of two secrets of any length (both are hashed first). */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export type AccessError =
  | 'token_missing'
  | 'room_not_found'
  | 'room_deleted'
  | 'token_invalid'
  | 'token_expired'
  | 'token_revoked'
  | 'session_expired';

export interface AccessDenied {
  ok: false;
  status: 401 | 403 | 404 | 410;
  error: AccessError;
  message: string;
}

export interface AccessGranted {
  ok: true;
  role: Role;
  link: LinkRecord;
  /** The participant id signed into a session token (identity.ts); null for link tokens or without a key. */
  participantId?: string | null;
}

const MESSAGES: Record<AccessError, string> = {
  token_missing: 'Kein Zugangsschlüssel angegeben. / No access token given.',
  room_not_found:
    'Diese Konferenz gibt es auf dem Server nicht. / This conference does not exist on the server.',
  room_deleted:
    'Diese Konferenz wurde auf dem Server gelöscht. / This conference was deleted from the server.',
  token_invalid:
    'Der Zugangsschlüssel passt nicht zu dieser Konferenz. / The access token does not fit this conference.',
  token_expired: 'Der Zugangslink ist abgelaufen. / The access link has expired.',
  token_revoked: 'Der Zugangslink wurde zurückgezogen. / The access link has been revoked.',
  session_expired:
    'Die Sitzung ist abgelaufen, bitte neu anmelden. / The session has expired, please get a new one.'
};

const STATUS: Record<AccessError, 401 | 403 | 404 | 410> = {
  token_missing: 401,
  room_not_found: 404,
  room_deleted: 410,
  token_invalid: 403,
  token_expired: 403,
  token_revoked: 403,
  session_expired: 403
};

export function denied(error: AccessError): AccessDenied {
  return { ok: false, status: STATUS[error], error, message: MESSAGES[error] };
}

/** Why a stored link no longer opens its room, or null while it does. */
export function linkProblem(link: LinkRecord, now: number): AccessError | null {
  if (link.revokedAt !== null) return 'token_revoked';
  if (link.expiresAt !== null && link.expiresAt <= now) return 'token_expired';
  return null;
}

/** An unknown room: 410 `room_deleted` when it was deleted (deleted_rooms), else 404 `room_not_found`. */
export async function missingRoom(storage: Storage, roomId: string): Promise<AccessDenied> {
  const deletedAt = isRoomId(roomId) ? await storage.roomDeletedAt(roomId) : null;
  return denied(deletedAt === null ? 'room_not_found' : 'room_deleted');
}

/**
 * 401 without token, 404 for an unknown room (410 for a deleted one), 403 for a wrong, expired or revoked
 * token.
 */
export async function checkAccess(
  storage: Storage,
  roomId: string,
  token: string | null,
  now: number
): Promise<AccessGranted | AccessDenied> {
  if (token === null || token === '') return denied('token_missing');
  if (!isRoomId(roomId) || !(await storage.getRoom(roomId))) return missingRoom(storage, roomId);
  if (!TOKEN_PATTERN.test(token)) return denied('token_invalid');
  const link = await storage.findLink(roomId, hashToken(token));
  if (!link) return denied('token_invalid');
  const problem = linkProblem(link, now);
  return problem ? denied(problem) : { ok: true, role: link.role, link };
}
