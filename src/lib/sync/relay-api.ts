// The relay's HTTP endpoints the app uses (ARCHITECTURE.md): registering a conference created on this
// device, asking why a WebSocket was refused (browsers hide the status of a refused upgrade), and the
// addresses phones can reach (GET /api/info). Also derives the relay's http/ws base URLs from where the
// app was loaded.
import { base64url, cleanLanUrls, hashToken, type Role } from '../model';
import { isLinkScope } from '../model/policy';

/** `deleted`: a facilitator deleted the conference on the relay (410 `room_deleted`, close code 4410). */
export type Refusal = 'unknown-room' | 'no-token' | 'bad-token' | 'expired' | 'revoked' | 'deleted';

/** `scope`: the plan id of a plan link (it edits that plan only), else null. */
export type AccessAnswer =
  | { kind: 'ok'; role: Role | null; scope?: string | null }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'unreachable' };

export type RegisterOutcome = 'registered' | 'taken' | 'forbidden' | 'unreachable';

export interface RelayBase {
  http: string;
  ws: string;
}

type Fetch = typeof fetch;

/** `https://host` → `{ http: 'https://host', ws: 'wss://host/sync' }`; a relayUrl overrides the origin. */
export function relayBase(origin: string, relayUrl?: string): RelayBase {
  const http = (relayUrl ?? origin).replace(/\/+$/, '');
  return { http, ws: `${http.replace(/^http/, 'ws')}/sync` };
}

/** Reads the refusal reason from a 401/403/404 answer; the body's `error` text narrows 403 down. */
export function refusalOf(status: number, errorText: string): Refusal | null {
  if (status === 404) return 'unknown-room';
  if (status === 410) return 'deleted';
  if (status === 401) return 'no-token';
  if (status !== 403) return null;
  const text = errorText.toLowerCase();
  if (text.includes('expired')) return 'expired';
  if (text.includes('revoked')) return 'revoked';
  return 'bad-token';
}

async function errorTextOf(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const { error, message } = body as { error?: unknown; message?: unknown };
      return `${typeof error === 'string' ? error : ''} ${typeof message === 'string' ? message : ''}`;
    }
  } catch {
    // A proxy's HTML error page: the status alone decides.
  }
  return '';
}

export async function checkAccess(
  base: RelayBase,
  roomId: string,
  token: string,
  fetchFn: Fetch = fetch
): Promise<AccessAnswer> {
  let response: Response;
  try {
    response = await fetchFn(`${base.http}/api/rooms/${encodeURIComponent(roomId)}/access`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store'
    });
  } catch {
    return { kind: 'unreachable' };
  }
  if (response.ok) {
    const body = (await response.json().catch(() => ({}))) as { role?: unknown; scope?: unknown };
    const role =
      body.role === 'facilitator' || body.role === 'participant' || body.role === 'viewer' ? body.role : null;
    return { kind: 'ok', role, scope: isLinkScope(body.scope) ? body.scope : null };
  }
  const refusal = refusalOf(response.status, await errorTextOf(response));
  return refusal ? { kind: 'refused', refusal } : { kind: 'unreachable' };
}

/** How many participants hold sealed drafts of `scope` (facilitators' token); null when the relay is not reached. */
export async function fetchSealedCount(
  base: RelayBase,
  roomId: string,
  scope: string,
  token: string,
  fetchFn: Fetch = fetch
): Promise<number | null> {
  try {
    const response = await fetchFn(
      `${base.http}/api/rooms/${encodeURIComponent(roomId)}/sealed/${encodeURIComponent(scope)}`,
      { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' }
    );
    if (!response.ok) return null;
    const body = (await response.json()) as { participants?: unknown };
    return typeof body.participants === 'number' ? body.participants : null;
  } catch {
    return null;
  }
}

/**
 * Appends an update to the facilitators-only document (a participant's contact entry), which this device
 * never reads. 'stored' once the relay has it durably; 'refused' when the relay said no; else 'unreachable'.
 */
export async function appendToFacilitators(
  base: RelayBase,
  roomId: string,
  token: string,
  update: Uint8Array,
  fetchFn: Fetch = fetch
): Promise<'stored' | 'refused' | 'unreachable'> {
  try {
    const response = await fetchFn(
      `${base.http}/api/rooms/${encodeURIComponent(roomId)}/facilitators/append`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ update: base64url(update) })
      }
    );
    if (response.ok) return 'stored';
    return response.status >= 500 ? 'unreachable' : 'refused';
  } catch {
    return 'unreachable';
  }
}

export interface Registration {
  roomId: string;
  title?: string;
  /** The facilitator's token and whichever share tokens this device has (never the tokens, only hashes, leave). */
  tokens: { facilitator: string } & Partial<Record<Role, string>>;
  /** Only when the relay was started with ROOM_CREATE_KEY. */
  createKey?: string;
}

/** Registers a conference with the hashes of its tokens; the tokens themselves never leave the device. */
export async function registerRoom(
  base: RelayBase,
  registration: Registration,
  fetchFn: Fetch = fetch
): Promise<RegisterOutcome> {
  const entries = Object.entries(registration.tokens).filter(
    (e): e is [Role, string] => typeof e[1] === 'string'
  );
  const links = await Promise.all(
    entries.map(async ([role, token]) => ({ role, tokenHash: await hashToken(token) }))
  );
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (registration.createKey) headers.Authorization = `Bearer ${registration.createKey}`;
  const body = JSON.stringify({ roomId: registration.roomId, title: registration.title, links });
  let response: Response;
  try {
    response = await fetchFn(`${base.http}/api/rooms`, { method: 'POST', headers, body });
  } catch {
    return 'unreachable';
  }
  if (response.status === 200 || response.status === 201) return 'registered';
  if (response.status === 409) return 'taken';
  if (response.status === 401 || response.status === 403) return 'forbidden';
  return 'unreachable';
}

/** PUBLIC_URL and the relay's LAN URLs (cleaned); empty when the relay is unreachable or too old. */
export async function fetchLanUrls(
  base: RelayBase,
  fetchFn: Fetch = fetch,
  timeoutMs = 3000
): Promise<string[]> {
  try {
    const response = await fetchFn(`${base.http}/api/info`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs)
    });
    if (!response.ok) return [];
    const body = (await response.json()) as { lanUrls?: unknown } | null;
    return cleanLanUrls(body?.lanUrls);
  } catch {
    return [];
  }
}

export type LinkRole = 'participant' | 'viewer';
export type LinkChangeOutcome =
  | { kind: 'ok'; revoked: number }
  | { kind: 'refused'; refusal: Refusal | 'forbidden' }
  | { kind: 'unreachable' };

async function linkRequest(
  url: string,
  token: string,
  body: unknown,
  fetchFn: Fetch
): Promise<LinkChangeOutcome> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store'
    });
  } catch {
    return { kind: 'unreachable' };
  }
  if (response.ok) {
    const answer = (await response.json().catch(() => ({}))) as { revoked?: unknown };
    return { kind: 'ok', revoked: typeof answer.revoked === 'number' ? answer.revoked : 0 };
  }
  const text = await errorTextOf(response);
  if (response.status === 403 && text.includes('facilitator_only')) {
    return { kind: 'refused', refusal: 'forbidden' };
  }
  const refusal = refusalOf(response.status, text);
  return refusal ? { kind: 'refused', refusal } : { kind: 'unreachable' };
}

/**
 * Registers a new participant or viewer link (its hash only) with a facilitator's link token; with
 * `replace` the relay revokes that role's older links in the same step (renewing).
 */
export async function addLink(
  base: RelayBase,
  roomId: string,
  facilitatorToken: string,
  link: { role: LinkRole; token: string; replace: boolean },
  fetchFn: Fetch = fetch
): Promise<LinkChangeOutcome> {
  const body = { role: link.role, tokenHash: await hashToken(link.token), replace: link.replace };
  return linkRequest(
    `${base.http}/api/rooms/${encodeURIComponent(roomId)}/links`,
    facilitatorToken,
    body,
    fetchFn
  );
}

/** Revokes every participant or viewer link of the room; their open sockets are closed by the relay. */
export function revokeLinks(
  base: RelayBase,
  roomId: string,
  facilitatorToken: string,
  role: LinkRole,
  fetchFn: Fetch = fetch
): Promise<LinkChangeOutcome> {
  const url = `${base.http}/api/rooms/${encodeURIComponent(roomId)}/links/revoke`;
  return linkRequest(url, facilitatorToken, { role }, fetchFn);
}

export type RoomDeleteOutcome =
  { kind: 'deleted' } | { kind: 'refused'; refusal: Refusal | 'forbidden' } | { kind: 'unreachable' };

/**
 * Deletes the conference on the relay for good (`DELETE /api/rooms/<id>`, facilitators only): its stored
 * history, links and everything derived. A conference deleted before counts as deleted.
 */
export async function deleteRoomOnRelay(
  base: RelayBase,
  roomId: string,
  facilitatorToken: string,
  fetchFn: Fetch = fetch
): Promise<RoomDeleteOutcome> {
  let response: Response;
  try {
    response = await fetchFn(`${base.http}/api/rooms/${encodeURIComponent(roomId)}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${facilitatorToken}` },
      cache: 'no-store'
    });
  } catch {
    return { kind: 'unreachable' };
  }
  if (response.ok || response.status === 410) return { kind: 'deleted' };
  const text = await errorTextOf(response);
  if (response.status === 403 && text.includes('facilitator_only')) {
    return { kind: 'refused', refusal: 'forbidden' };
  }
  const refusal = refusalOf(response.status, text);
  return refusal ? { kind: 'refused', refusal } : { kind: 'unreachable' };
}

/** When the relay deletes the conference (epoch ms); `source` `room`: set by facilitators, `default`: the relay's. */
export interface RetentionAnswer {
  deleteAfter: number | null;
  source: 'room' | 'default' | null;
}

function retentionOf(body: unknown): RetentionAnswer | null {
  const { deleteAfter, source } = (body ?? {}) as { deleteAfter?: unknown; source?: unknown };
  if (deleteAfter !== null && typeof deleteAfter !== 'number') return null;
  return {
    deleteAfter,
    source: source === 'room' || source === 'default' ? source : null
  };
}

/**
 * Reads (or, with `set`, changes; facilitators only) the date the relay deletes the conference
 * (`/api/rooms/<id>/retention`). Null when the relay is not reached or does not know retention.
 */
export async function relayRetention(
  base: RelayBase,
  roomId: string,
  token: string,
  set?: { deleteAfter: number | null },
  fetchFn: Fetch = fetch
): Promise<RetentionAnswer | null> {
  try {
    const response = await fetchFn(`${base.http}/api/rooms/${encodeURIComponent(roomId)}/retention`, {
      method: set ? 'PUT' : 'GET',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(set ? { body: JSON.stringify(set) } : {}),
      cache: 'no-store'
    });
    if (!response.ok) return null;
    return retentionOf(await response.json());
  } catch {
    return null;
  }
}

export type ForgetOutcome = { kind: 'ok'; removed: number } | { kind: 'refused' } | { kind: 'unreachable' };

/**
 * Asks the relay to remove this participant's contact entries and rewrite the stored history
 * (`POST /api/rooms/<id>/forget-me`, a session token with the participant id).
 */
export async function forgetMe(
  base: RelayBase,
  roomId: string,
  sessionToken: string,
  fetchFn: Fetch = fetch
): Promise<ForgetOutcome> {
  try {
    const response = await fetchFn(`${base.http}/api/rooms/${encodeURIComponent(roomId)}/forget-me`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sessionToken}` },
      cache: 'no-store'
    });
    if (response.ok) {
      const body = (await response.json().catch(() => ({}))) as { removed?: unknown };
      return { kind: 'ok', removed: typeof body.removed === 'number' ? body.removed : 0 };
    }
    return response.status >= 500 ? { kind: 'unreachable' } : { kind: 'refused' };
  } catch {
    return { kind: 'unreachable' };
  }
}

export type TokenLookup =
  | { kind: 'ok'; roomId: string; role: Role }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'unreachable' };

/** Which conference a token alone opens (someone pasted only the part after `#`). */
export async function lookupToken(
  base: RelayBase,
  token: string,
  fetchFn: Fetch = fetch
): Promise<TokenLookup> {
  let response: Response;
  try {
    response = await fetchFn(`${base.http}/api/join`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store'
    });
  } catch {
    return { kind: 'unreachable' };
  }
  if (response.ok) {
    const body = (await response.json().catch(() => ({}))) as { roomId?: unknown; role?: unknown };
    const role = body.role;
    if (
      typeof body.roomId === 'string' &&
      (role === 'facilitator' || role === 'participant' || role === 'viewer')
    ) {
      return { kind: 'ok', roomId: body.roomId, role };
    }
    return { kind: 'unreachable' };
  }
  const refusal = refusalOf(response.status, await errorTextOf(response));
  return refusal ? { kind: 'refused', refusal } : { kind: 'unreachable' };
}
