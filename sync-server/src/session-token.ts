// Signed, expiring session tokens. The app trades its capability link token (POST /api/rooms/<id>/session)
// for a JWS (HS256, jose) naming `room`, `role`, `lid` (the link's stored sha256 hash) and `exp`, and connects
// with that instead of the link token. The upgrade accepts both (stock clients and CLI links keep using link
// tokens). A session token is only as good as its link: every check looks the link up (revoked or expired →
// refused), cached for CACHE_MS so a reconnect storm does not hit the store; revokeLinks clears the cache.

import { errors, jwtVerify, SignJWT } from 'jose';
import {
  checkAccess,
  denied,
  missingRoom,
  isRoomId,
  linkProblem,
  TOKEN_HASH_PATTERN,
  type AccessDenied,
  type AccessGranted
} from './auth';
import { PARTICIPANT_ID_PATTERN } from './identity';
import { ROLES, type LinkRecord, type Role, type Storage } from './storage/types';

const CACHE_MS = 5000;
const CACHE_MAX = 10_000;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export interface SessionClaims {
  room: string;
  role: Role;
  lid: string;
  exp: number;
  /** The participant id (identity.ts), when the device sent its participant key. */
  pid?: string;
}

export interface IssuedSession {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** A JWS compact serialisation (three base64url parts); link tokens never contain a dot. */
export const isSessionToken = (token: string): boolean => JWT_SHAPE.test(token);

export class SessionTokens {
  readonly #key: Uint8Array;
  readonly #ttlMs: number;
  readonly #storage: Storage;
  readonly #links = new Map<string, { link: LinkRecord | null; at: number }>();

  constructor(key: Uint8Array, ttlSeconds: number, storage: Storage) {
    this.#key = key;
    this.#ttlMs = ttlSeconds * 1000;
    this.#storage = storage;
  }

  /** A session token for this (valid) link; it never outlives the link's own expiry. */
  async issue(link: LinkRecord, now: number, participantId: string | null = null): Promise<IssuedSession> {
    const expiresAt = Math.min(now + this.#ttlMs, link.expiresAt ?? Infinity);
    const exp = Math.floor(expiresAt / 1000);
    const claims: Record<string, string> = { room: link.roomId, role: link.role, lid: link.tokenHash };
    if (participantId) claims.pid = participantId;
    // Informative: the relay takes the scope (like the role) from the stored link on every check.
    if (link.scope) claims.scope = link.scope;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(exp)
      .sign(this.#key);
    return { token, expiresAt: exp * 1000 };
  }

  /** Checks a session token for `roomId`: signature, expiry, room, and that its link still opens the room. */
  async verify(roomId: string, token: string, now: number): Promise<AccessGranted | AccessDenied> {
    let claims: SessionClaims;
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: ['HS256'],
        currentDate: new Date(now),
        requiredClaims: ['exp']
      });
      const { room, role, lid, exp, pid } = payload as Partial<SessionClaims>;
      if (typeof room !== 'string' || typeof lid !== 'string' || !TOKEN_HASH_PATTERN.test(lid)) {
        return denied('token_invalid');
      }
      if (!ROLES.includes(role as Role) || typeof exp !== 'number') return denied('token_invalid');
      if (pid !== undefined && (typeof pid !== 'string' || !PARTICIPANT_ID_PATTERN.test(pid))) {
        return denied('token_invalid');
      }
      claims = { room, role: role as Role, lid, exp, ...(pid ? { pid } : {}) };
    } catch (error) {
      return denied(error instanceof errors.JWTExpired ? 'session_expired' : 'token_invalid');
    }
    if (claims.room !== roomId) return denied('token_invalid');
    const link = await this.#link(roomId, claims.lid, now);
    if (!link) return denied('token_revoked'); // signed by us, so the link existed: it was removed
    const problem = linkProblem(link, now);
    // The role comes from the stored link, as for link tokens.
    if (problem) return denied(problem);
    return { ok: true, role: link.role, link, participantId: claims.pid ?? null };
  }

  /** Forget cached link lookups (after a revocation in this process). */
  invalidate(): void {
    this.#links.clear();
  }

  async #link(roomId: string, lid: string, now: number): Promise<LinkRecord | null> {
    const key = `${roomId}/${lid}`;
    const cached = this.#links.get(key);
    if (cached && now - cached.at < CACHE_MS) return cached.link;
    const link = await this.#storage.findLink(roomId, lid);
    if (this.#links.size >= CACHE_MAX) this.#links.clear();
    this.#links.set(key, { link, at: now });
    return link;
  }
}

/** The upgrade's access check: a session token when it looks like one, else a capability link token. */
export async function checkConnectAccess(
  storage: Storage,
  sessions: SessionTokens,
  roomId: string,
  token: string | null,
  now: number
): Promise<AccessGranted | AccessDenied> {
  if (token !== null && isSessionToken(token)) {
    if (!isRoomId(roomId) || !(await storage.getRoom(roomId))) return missingRoom(storage, roomId);
    return sessions.verify(roomId, token, now);
  }
  return checkAccess(storage, roomId, token, now);
}
