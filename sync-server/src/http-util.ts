// Small HTTP helpers shared by the API, the static file server and the upgrade refusals: the security
// headers every response carries, JSON answers, a size-capped body reader and the preamble of the room APIs
// (allowed methods, the bearer's access, the role the endpoint is for).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessDenied, AccessGranted } from './auth';

export const securityHeaders = {
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff'
} as const;

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

export function sendError(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}

/** Answers 405 with `Allow: <allow>` (e.g. 'GET, POST'). */
function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendError(res, 405, 'method_not_allowed', `Nur ${allow} / only ${allow}`);
}

/** Whether the request's method is one of `allow` ('GET, POST'); answers 405 when it is not. */
export function methodAllowed(req: IncomingMessage, res: ServerResponse, allow: string): boolean {
  if (allow.split(', ').includes(req.method ?? '')) return true;
  methodNotAllowed(res, allow);
  return false;
}

export class BodyTooLarge extends Error {}

/** Reads the request body as UTF-8, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.byteLength;
    if (size > limit) throw new BodyTooLarge(`body larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/**
 * The request body parsed as JSON, boxed (`{ value }`), or null once it has answered 413 `body_too_large`
 * or 400 `bad_request` with `invalid` as the message.
 */
export async function readJson(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  invalid = 'body must be valid JSON'
): Promise<{ value: unknown } | null> {
  try {
    return { value: JSON.parse(await readBody(req, limit)) as unknown };
  } catch (error) {
    if (error instanceof BodyTooLarge) sendError(res, 413, 'body_too_large', error.message);
    else sendError(res, 400, 'bad_request', invalid);
    return null;
  }
}

export type JsonObject = Record<string, unknown>;

/** The request body as a JSON object, or null once it has answered 413 or 400 (not JSON, not an object). */
export async function readJsonObject(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number
): Promise<JsonObject | null> {
  const body = await readJson(req, res, limit);
  if (!body) return null;
  const { value } = body;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  sendError(res, 400, 'bad_request', 'body must be a JSON object');
  return null;
}

const ROLE_ONLY = { facilitator: 'facilitator_only', participant: 'participants_only' } as const;

/** The 403 of the endpoints only participants use (facilitators append, forget-me). */
export const PARTICIPANTS_ONLY = {
  role: 'participant',
  message: 'Nur für Teilnehmende / participants only'
} as const;

export interface RoomApiGuard {
  /** The methods the endpoint answers, as in the Allow header ('GET, POST'). */
  allow: string;
  /** The access check of the bearer token (auth.ts checkAccess, or session-token.ts checkConnectAccess). */
  check(token: string | null): Promise<AccessGranted | AccessDenied>;
  /** The one role the endpoint is for, and the message of the 403 (`facilitator_only` /
   * `participants_only`) for every other role; null: any role. */
  only: { role: keyof typeof ROLE_ONLY; message: string } | null;
}

/**
 * The preamble of a room API: 405 for another method, the access check's refusal (401 / 403 / 404 / 410),
 * 403 for another role. The bearer's access once it passed, or null once it has answered.
 */
export async function guardRoomApi(
  req: IncomingMessage,
  res: ServerResponse,
  guard: RoomApiGuard
): Promise<AccessGranted | null> {
  if (!methodAllowed(req, res, guard.allow)) return null;
  const access = await guard.check(bearer(req));
  if (!access.ok) {
    sendError(res, access.status, access.error, access.message);
    return null;
  }
  const { only } = guard;
  if (only && access.role !== only.role) {
    sendError(res, 403, ROLE_ONLY[only.role], only.message);
    return null;
  }
  return access;
}
