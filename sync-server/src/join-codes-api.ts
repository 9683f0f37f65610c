// Join codes: a short code people type where a phone cannot scan the projector's QR code. The relay never
// learns the participant token from a code: facilitators register only sha256 of the normalised code and the
// participant link token sealed (AES-GCM) under a key derived from the code (src/lib/sync/join-code.ts).
//   GET    /api/rooms/<id>/join-codes  → { active, createdAt }          (facilitators)
//   POST   /api/rooms/<id>/join-codes  { codeHash, sealedToken }        (facilitators) sets the room's one
//          code, replacing the previous one
//   DELETE /api/rooms/<id>/join-codes  → { ended }                      (facilitators) ends it
// and, for anyone who typed a code:
//   POST   /api/join-code              { codeHash } → { roomId, sealedToken }, 404 for an unknown code
// Wrong guesses are limited per client address (a venue shares one NAT address, so only misses count and
// the bucket is generous), resolutions per room; over a limit: 429 with Retry-After.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAccess, denied, TOKEN_HASH_PATTERN } from './auth';
import {
  guardRoomApi,
  methodAllowed,
  readJsonObject,
  sendError,
  sendJson,
  type JsonObject
} from './http-util';
import { TokenBucket } from './limits/token-bucket';
import type { Logger } from './log';
import type { Storage } from './storage/types';

export const JOIN_CODES_PATH = /^\/api\/rooms\/([^/]+)\/join-codes$/;
export const JOIN_CODE_PATH = '/api/join-code';

const MAX_BODY_BYTES = 4 * 1024;
/** base64url of IV + ciphertext + tag of a link token (well under 512 characters). */
const SEALED_PATTERN = /^[A-Za-z0-9_-]{40,512}$/;

export interface JoinCodeLimits {
  /** Wrong codes per client address: burst and refill per second. */
  missBurst: number;
  missesPerSec: number;
  /** Resolutions of one room's code: burst and refill per second. */
  roomBurst: number;
  roomPerSec: number;
}

export const DEFAULT_JOIN_CODE_LIMITS: JoinCodeLimits = {
  missBurst: 20,
  missesPerSec: 0.2,
  roomBurst: 300,
  roomPerSec: 5
};

/** Buckets per address (misses) and per room (hits); full buckets are forgotten. */
export class JoinCodeLimiter {
  private readonly misses = new Map<string, TokenBucket>();
  private readonly rooms = new Map<string, TokenBucket>();

  constructor(readonly limits: JoinCodeLimits = DEFAULT_JOIN_CODE_LIMITS) {}

  private bucket(map: Map<string, TokenBucket>, key: string, rate: number, burst: number, now: number) {
    let bucket = map.get(key);
    if (!bucket) {
      if (map.size >= 1000) for (const [k, b] of map) if (b.isFull(now)) map.delete(k);
      bucket = new TokenBucket(rate, burst, now);
      map.set(key, bucket);
    }
    return bucket;
  }

  /** Seconds until this address may guess again; 0: now. */
  addressWait(address: string, now = Date.now()): number {
    const { missesPerSec, missBurst } = this.limits;
    const bucket = this.bucket(this.misses, address, missesPerSec, missBurst, now);
    return waitSeconds(bucket, missesPerSec, now);
  }

  miss(address: string, now = Date.now()): void {
    const { missesPerSec, missBurst } = this.limits;
    this.bucket(this.misses, address, missesPerSec, missBurst, now).charge(1, now);
  }

  /** Takes one resolution of the room's code; seconds to wait when none is left (0: taken). */
  takeRoom(roomId: string, now = Date.now()): number {
    const { roomPerSec, roomBurst } = this.limits;
    const bucket = this.bucket(this.rooms, roomId, roomPerSec, roomBurst, now);
    const wait = waitSeconds(bucket, roomPerSec, now);
    if (wait === 0) bucket.take(1);
    return wait;
  }
}

function waitSeconds(bucket: TokenBucket, rate: number, now: number): number {
  const available = bucket.available(now);
  if (bucket.unlimited || available >= 1) return 0;
  return Math.max(1, Math.ceil((1 - available) / rate));
}

export interface JoinCodesDeps {
  storage: Storage;
  log: Logger;
  joinCodeLimiter: JoinCodeLimiter;
}

const codeHashOf = (body: JsonObject): string | null => {
  const value = typeof body.codeHash === 'string' ? body.codeHash.toLowerCase() : '';
  return TOKEN_HASH_PATTERN.test(value) ? value : null;
};

export async function handleJoinCodesRequest(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  deps: JoinCodesDeps
): Promise<void> {
  const now = Date.now();
  const access = await guardRoomApi(req, res, {
    allow: 'GET, POST, DELETE',
    check: (token) => checkAccess(deps.storage, roomId, token, now),
    only: {
      role: 'facilitator',
      message: 'Nur Moderierende verwalten Beitrittscodes. / Only facilitators manage join codes.'
    }
  });
  if (!access) return;

  if (req.method === 'GET') {
    const code = await deps.storage.getJoinCode(roomId);
    return sendJson(res, 200, { active: code !== null, createdAt: code?.createdAt ?? null });
  }
  if (req.method === 'DELETE') {
    const ended = await deps.storage.deleteJoinCode(roomId);
    deps.log.info({ doc: roomId, ended }, 'join code ended');
    return sendJson(res, 200, { ended });
  }

  const body = await readJsonObject(req, res, MAX_BODY_BYTES);
  if (!body) return;
  const codeHash = codeHashOf(body);
  if (!codeHash) {
    return sendError(res, 400, 'bad_request', 'codeHash must be sha256(code) as 64 hex characters');
  }
  const sealedToken = typeof body.sealedToken === 'string' ? body.sealedToken : '';
  if (!SEALED_PATTERN.test(sealedToken)) {
    return sendError(res, 400, 'bad_request', 'sealedToken must be base64url (40–512 characters)');
  }
  const result = await deps.storage.setJoinCode(roomId, { codeHash, sealedToken }, now);
  if (result === 'no_room') {
    const refusal = denied('room_not_found');
    return sendError(res, refusal.status, refusal.error, refusal.message);
  }
  if (result === 'taken') {
    return sendError(
      res,
      409,
      'code_taken',
      'Dieser Code ist schon vergeben, bitte einen neuen erzeugen. / This code is taken, make a new one.'
    );
  }
  deps.log.info({ doc: roomId }, 'join code set');
  sendJson(res, 201, { set: true });
}

/** Joining with a code: which room it names and the sealed link, or 404; guesses are rate-limited. */
export async function handleJoinCodeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: JoinCodesDeps
): Promise<void> {
  if (!methodAllowed(req, res, 'POST')) return;
  const address = req.socket.remoteAddress ?? 'unknown';
  const limiter = deps.joinCodeLimiter;
  const tooMany = (wait: number): void => {
    res.setHeader('Retry-After', String(wait));
    sendError(
      res,
      429,
      'too_many_attempts',
      `Zu viele Versuche. Bitte in ${wait} Sekunden noch einmal. / Too many attempts, try again in ${wait} s.`
    );
  };
  const addressWait = limiter.addressWait(address);
  if (addressWait > 0) return tooMany(addressWait);

  const body = await readJsonObject(req, res, MAX_BODY_BYTES);
  if (!body) return;
  const codeHash = codeHashOf(body);
  if (!codeHash) {
    return sendError(res, 400, 'bad_request', 'codeHash must be sha256(code) as 64 hex characters');
  }
  const code = await deps.storage.findJoinCode(codeHash);
  if (!code) {
    limiter.miss(address);
    return sendError(
      res,
      404,
      'code_unknown',
      'Diesen Code gibt es nicht (mehr). Bitte genau abtippen. / Unknown or ended code.'
    );
  }
  const roomWait = limiter.takeRoom(code.roomId);
  if (roomWait > 0) return tooMany(roomWait);
  sendJson(res, 200, { roomId: code.roomId, sealedToken: code.sealedToken });
}
