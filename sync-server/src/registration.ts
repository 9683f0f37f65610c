// Registering a room: validating the body of POST /api/rooms and storing it, plus the CLI's variant that
// also mints the three tokens. Both go through registerRoom, so the app and the CLI create rooms alike.

import { generateRoomId, generateToken, hashToken, isRoomId, joinLink, TOKEN_HASH_PATTERN } from './auth';
import {
  ROLES,
  type CreateRoomResult,
  type LinkInput,
  type NewRoom,
  type Role,
  type Storage
} from './storage/types';

export const MAX_TITLE_LENGTH = 200;
export const MAX_LINKS = 16;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseExpiresAt(value: unknown, where: string): Parsed<number | null> {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return { ok: true, value };
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(Date.parse(value))) {
    return { ok: true, value: Date.parse(value) };
  }
  return { ok: false, message: `${where}.expiresAt must be epoch milliseconds or an ISO 8601 date-time` };
}

/** Validates `{ roomId, title?, links: [{ role, tokenHash, expiresAt? }] }`. */
export function parseRegistration(body: unknown): Parsed<NewRoom> {
  if (!isRecord(body)) return { ok: false, message: 'body must be a JSON object' };
  if (!isRoomId(body.roomId)) return { ok: false, message: 'roomId must match [A-Za-z0-9_-]{8,64}' };
  let title: string | null = null;
  if (body.title !== undefined && body.title !== null) {
    if (typeof body.title !== 'string' || body.title.length > MAX_TITLE_LENGTH) {
      return { ok: false, message: `title must be a string of at most ${MAX_TITLE_LENGTH} characters` };
    }
    title = body.title.trim() || null;
  }
  if (!Array.isArray(body.links) || body.links.length === 0 || body.links.length > MAX_LINKS) {
    return { ok: false, message: `links must be an array of 1 to ${MAX_LINKS} entries` };
  }
  const links: LinkInput[] = [];
  for (const [i, raw] of body.links.entries()) {
    const where = `links[${i}]`;
    if (!isRecord(raw)) return { ok: false, message: `${where} must be an object` };
    if (typeof raw.role !== 'string' || !(ROLES as readonly string[]).includes(raw.role)) {
      return { ok: false, message: `${where}.role must be one of ${ROLES.join(', ')}` };
    }
    const tokenHash = typeof raw.tokenHash === 'string' ? raw.tokenHash.toLowerCase() : '';
    if (!TOKEN_HASH_PATTERN.test(tokenHash)) {
      return { ok: false, message: `${where}.tokenHash must be sha256(token) as 64 hex characters` };
    }
    if (links.some((l) => l.tokenHash === tokenHash)) {
      return { ok: false, message: `${where}.tokenHash repeats an earlier link` };
    }
    const expiresAt = parseExpiresAt(raw.expiresAt, where);
    if (!expiresAt.ok) return expiresAt;
    links.push({ role: raw.role as Role, tokenHash, expiresAt: expiresAt.value });
  }
  return { ok: true, value: { roomId: body.roomId, title, links } };
}

export function registerRoom(
  storage: Storage,
  room: NewRoom,
  now: number = Date.now()
): Promise<CreateRoomResult> {
  return storage.createRoom(room, now);
}

export interface CreatedRoom {
  roomId: string;
  title: string | null;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

/** Mints a room id and one token per role, registers them and returns tokens plus join links. */
export async function createRoomWithTokens(
  storage: Storage,
  options: { title: string | null; expiresAt: number | null; origin: string; now?: number }
): Promise<CreatedRoom> {
  const roomId = generateRoomId();
  const tokens = { facilitator: '', participant: '', viewer: '' } satisfies Record<Role, string>;
  for (const role of ROLES) tokens[role] = generateToken(role);
  const links = ROLES.map((role) => ({
    role,
    tokenHash: hashToken(tokens[role]),
    expiresAt: options.expiresAt
  }));
  const result = await registerRoom(storage, { roomId, title: options.title, links }, options.now);
  if (result !== 'created') throw new Error(`room id ${roomId} is already taken; try again`);
  return {
    roomId,
    title: options.title,
    tokens,
    links: {
      facilitator: joinLink(options.origin, roomId, tokens.facilitator),
      participant: joinLink(options.origin, roomId, tokens.participant),
      viewer: joinLink(options.origin, roomId, tokens.viewer)
    }
  };
}
