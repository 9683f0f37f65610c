// Who wrote what: a participant's identity, and the owner name the relay binds Yjs client ids to.
// A device draws a participant key once per conference (≥ 128 random bits, kept in its device database) and
// sends it with every session request (POST /api/rooms/<id>/session, JSON `{ participantKey }`). The relay
// never stores the key: it signs `pid` = a hash of room and key into the session token. The same key gives
// the same pid after a reload, offline days or a renewal; another device cannot claim a pid without the key;
// a device that lost its key (browser data cleared) is a new participant.
// Owners (owners.ts, guard.ts): `f` for every facilitator (they moderate: nothing is foreign to them),
// `p:<pid>` for a participant session with a key, `l:<link hash prefix>` for a participant connected with
// the bare link token or a session without a key (stock clients, older apps: they share one identity).

import { createHash } from 'node:crypto';
import type { Role } from './storage/types';

export const PARTICIPANT_KEY_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;
export const PARTICIPANT_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The participant id of `key` in `roomId` (22 base64url characters, 132 bits of sha256). */
export function participantIdOf(roomId: string, key: string): string {
  return createHash('sha256')
    .update(`slt-participant\0${roomId}\0${key}`, 'utf8')
    .digest('base64url')
    .slice(0, 22);
}

export const FACILITATOR_OWNER = 'f';

/** The owner name a connection's writes bind client ids to; null for viewers (they write nothing). */
export function ownerOf(role: Role, participantId: string | null, linkHash: string): string | null {
  if (role === 'facilitator') return FACILITATOR_OWNER;
  if (role === 'viewer') return null;
  return participantId ? `p:${participantId}` : `l:${linkHash.slice(0, 16)}`;
}

/**
 * The participant key of a session request body (`{ participantKey }`): `{ key: null }` without one (no
 * body, or none in it), null when the body or the key is malformed.
 */
export function readParticipantKey(body: string): { key: string | null } | null {
  if (body.trim() === '') return { key: null };
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const key = (parsed as { participantKey?: unknown }).participantKey;
    if (key === undefined) return { key: null };
    return typeof key === 'string' && PARTICIPANT_KEY_PATTERN.test(key) ? { key } : null;
  } catch {
    return null;
  }
}
