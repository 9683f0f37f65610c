// Tokens and join links as ARCHITECTURE.md defines them: a token is `<f|p|v>_<base64url secret>` (18 random
// bytes, 144 bits), a join link is `<origin>/join/<roomId>#<token>`; the relay stores only sha256(token).

import { digest as sha256Fallback } from 'lib0/hash/sha256';
import { isRoomId, type RoomId } from './ids';
import { randomBase64url } from './random';
import { type Result, ok, err } from './result';
import type { Role } from './types';

const PREFIX: Record<Role, string> = { facilitator: 'f', participant: 'p', viewer: 'v' };
const ROLE_OF: Record<string, Role> = { f: 'facilitator', p: 'participant', v: 'viewer' };

/** 18 bytes encode to 24 base64url chars; longer secrets are accepted, shorter are not (≥ 144 bits). */
export const TOKEN_SECRET_BYTES = 18;

/**
 * A device's participant key for one conference (≥ 128 random bits, base64url). It never leaves the device
 * except in the session request: the relay signs a participant id derived from it into the session token,
 * so this device's ideas stay its own across reloads and renewals. Lost with the browser's data.
 */
export function makeParticipantKey(): string {
  return randomBase64url(18);
}
const TOKEN_PATTERN = /^([fpv])_[A-Za-z0-9_-]{24,256}$/;

export function makeToken(role: Role): string {
  return `${PREFIX[role]}_${randomBase64url(TOKEN_SECRET_BYTES)}`;
}

export function isToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** The role a well-formed token claims (a hint only: the relay decides), or null if malformed. */
export function roleOfToken(token: string): Role | null {
  const m = TOKEN_PATTERN.exec(token);
  return m ? (ROLE_OF[m[1] ?? ''] ?? null) : null;
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * sha256(token) as lowercase hex. Uses crypto.subtle where available; falls back to lib0's sha256 where it
 * is not (crypto.subtle exists only in secure contexts, and the venue server may be plain http on a LAN).
 */
export async function hashToken(token: string): Promise<string> {
  const data = new TextEncoder().encode(token);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return toHex(new Uint8Array(await subtle.digest('SHA-256', data)));
  return toHex(sha256Fallback(data));
}

export function joinLink(origin: string, roomId: RoomId, token: string): string {
  return `${origin.replace(/\/+$/, '')}/join/${roomId}#${token}`;
}

export type JoinInputError = 'empty' | 'noToken' | 'badRoomId' | 'badToken';
/** Why pasted text leads nowhere: malformed, or (a token alone) what the relay answered. */
export type JoinResolveError =
  | JoinInputError
  | 'unknownToken'
  | 'expired'
  | 'revoked'
  | 'unreachable'
  /** A typed join code (model/join-code.ts) the relay does not know (any more). */
  | 'unknownCode'
  /** Too many wrong join codes from this address: wait a little. */
  | 'tooMany';

export interface JoinTarget {
  roomId: RoomId;
  token: string;
  role: Role;
}

/**
 * Accepts a full join link (`https://host/join/<roomId>#<token>`, also under a base path), a link without
 * origin (`/join/<roomId>#<token>`) or the short form `<roomId>#<token>`. Whitespace anywhere is ignored
 * (links broken over lines in an e-mail).
 */
export function parseJoinInput(text: string): Result<JoinTarget, JoinInputError> {
  const input = text.replace(/\s+/g, '');
  if (input === '') return err('empty');
  const hash = input.indexOf('#');
  if (hash < 0) return err('noToken');
  const before = input.slice(0, hash);
  let token = input.slice(hash + 1);
  try {
    token = decodeURIComponent(token);
  } catch {
    return err('badToken');
  }
  const joinAt = before.lastIndexOf('join/');
  const isLink = joinAt >= 0 && (joinAt === 0 || before[joinAt - 1] === '/');
  let roomPart = isLink ? before.slice(joinAt + 'join/'.length) : before;
  roomPart = roomPart.replace(/\/+$/, '').replace(/\?.*$/, '');
  if (!isRoomId(roomPart)) return err('badRoomId');
  const role = roleOfToken(token);
  if (!role) return err('badToken');
  return ok({ roomId: roomPart, token, role });
}

/** The query parameter of a join link that leads on to one initiative (a Marktplatz QR code). */
export const INITIATIVE_PARAM = 'i';

/** A join link that, once joined, opens the initiative `id` (`…/join/<roomId>?i=<id>#<token>`). */
export function initiativeJoinLink(link: string, id: string): string {
  const hash = link.indexOf('#');
  const [base, fragment] = hash < 0 ? [link, ''] : [link.slice(0, hash), link.slice(hash)];
  return `${base.replace(/\?.*$/, '')}?${INITIATIVE_PARAM}=${encodeURIComponent(id)}${fragment}`;
}
