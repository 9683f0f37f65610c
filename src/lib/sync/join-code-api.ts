// The relay's join-code endpoints (sync-server/src/join-codes-api.ts): facilitators register and end the
// room's code; anyone resolves a typed code to the room and the sealed participant token. Only the code's
// derived hash and the sealed token travel; the code itself never leaves the device.
import { joinCodeKeys } from '../model/join-code';
import type { RelayBase } from './relay-api';

type Fetch = typeof fetch;

export type JoinCodeChange = 'ok' | 'forbidden' | 'taken' | 'unreachable';

async function send(
  url: string,
  method: string,
  token: string | null,
  body: unknown,
  fetchFn: Fetch
): Promise<Response | null> {
  try {
    return await fetchFn(url, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store'
    });
  } catch {
    return null;
  }
}

const codesUrl = (base: RelayBase, roomId: string): string =>
  `${base.http}/api/rooms/${encodeURIComponent(roomId)}/join-codes`;

function changeOf(response: Response | null): JoinCodeChange {
  if (!response) return 'unreachable';
  if (response.ok) return 'ok';
  if (response.status === 409) return 'taken';
  if (response.status === 401 || response.status === 403 || response.status === 404) return 'forbidden';
  return 'unreachable';
}

/** Registers `code` for the room (replacing its previous one), sealing the participant token with it. */
export async function registerJoinCode(
  base: RelayBase,
  roomId: string,
  facilitatorToken: string,
  code: string,
  participantToken: string,
  fetchFn: Fetch = fetch
): Promise<JoinCodeChange> {
  const keys = await joinCodeKeys(code);
  const body = { codeHash: keys.codeHash, sealedToken: keys.seal(participantToken) };
  return changeOf(await send(codesUrl(base, roomId), 'POST', facilitatorToken, body, fetchFn));
}

/** Ends the room's code on the relay. */
export async function endJoinCode(
  base: RelayBase,
  roomId: string,
  facilitatorToken: string,
  fetchFn: Fetch = fetch
): Promise<JoinCodeChange> {
  return changeOf(await send(codesUrl(base, roomId), 'DELETE', facilitatorToken, undefined, fetchFn));
}

export type JoinCodeLookup =
  | { kind: 'ok'; roomId: string; token: string }
  | { kind: 'unknown' }
  | { kind: 'tooMany'; seconds: number }
  | { kind: 'unreachable' };

/** The room and participant token a typed (normalised) code stands for. */
export async function lookupJoinCode(
  base: RelayBase,
  code: string,
  fetchFn: Fetch = fetch
): Promise<JoinCodeLookup> {
  const keys = await joinCodeKeys(code);
  const response = await send(
    `${base.http}/api/join-code`,
    'POST',
    null,
    { codeHash: keys.codeHash },
    fetchFn
  );
  if (!response) return { kind: 'unreachable' };
  if (response.status === 404) return { kind: 'unknown' };
  if (response.status === 429) {
    return { kind: 'tooMany', seconds: Number(response.headers.get('Retry-After')) || 60 };
  }
  if (!response.ok) return { kind: 'unreachable' };
  const body = (await response.json().catch(() => ({}))) as { roomId?: unknown; sealedToken?: unknown };
  const token = typeof body.sealedToken === 'string' ? keys.open(body.sealedToken) : null;
  if (typeof body.roomId !== 'string' || token === null) return { kind: 'unknown' };
  return { kind: 'ok', roomId: body.roomId, token };
}
