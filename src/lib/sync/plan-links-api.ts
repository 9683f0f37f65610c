// Plan links on the relay (links-api.ts), with a facilitator's link token: a participant link with a scope
// (the plan id) edits that plan only. Registering one, listing a plan's links and revoking one by its hash.
// The relay keeps only hashes: a link is shown once, when it is made on this device.
import { hashToken } from '../model';
import { isLinkScope } from '../model/policy';
import type { LinkChangeOutcome, RelayBase } from './relay-api';

type Fetch = typeof fetch;

export interface PlanLinkInfo {
  tokenHash: string;
  createdAt: number;
  revokedAt: number | null;
}

const linksUrl = (base: RelayBase, roomId: string) =>
  `${base.http}/api/rooms/${encodeURIComponent(roomId)}/links`;

async function post(url: string, token: string, body: unknown, fetchFn: Fetch): Promise<LinkChangeOutcome> {
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
  if (response.status === 404) return { kind: 'refused', refusal: 'unknown-room' };
  return response.status === 403 || response.status === 400
    ? { kind: 'refused', refusal: 'forbidden' }
    : { kind: 'unreachable' };
}

/** Registers `token` as a participant link that writes plan `planId` only. */
export async function addPlanLink(
  base: RelayBase,
  roomId: string,
  facilitatorToken: string,
  planId: string,
  token: string,
  fetchFn: Fetch = fetch
): Promise<LinkChangeOutcome> {
  const body = { role: 'participant', tokenHash: await hashToken(token), scope: planId };
  return post(linksUrl(base, roomId), facilitatorToken, body, fetchFn);
}

/** Revokes one link by its hash; its open sockets are closed by the relay. */
export function revokeLinkByHash(
  base: RelayBase,
  roomId: string,
  facilitatorToken: string,
  tokenHash: string,
  fetchFn: Fetch = fetch
): Promise<LinkChangeOutcome> {
  return post(`${linksUrl(base, roomId)}/revoke`, facilitatorToken, { tokenHash }, fetchFn);
}

/** The links of plan `planId`, oldest first; null when the relay is not reached or refuses. */
export async function listPlanLinks(
  base: RelayBase,
  roomId: string,
  facilitatorToken: string,
  planId: string,
  fetchFn: Fetch = fetch
): Promise<PlanLinkInfo[] | null> {
  try {
    const response = await fetchFn(linksUrl(base, roomId), {
      headers: { Authorization: `Bearer ${facilitatorToken}` },
      cache: 'no-store'
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { links?: unknown };
    if (!Array.isArray(body.links)) return null;
    return (body.links as Array<Record<string, unknown>>)
      .filter((l) => isLinkScope(l.scope) && l.scope === planId && typeof l.tokenHash === 'string')
      .map((l) => ({
        tokenHash: l.tokenHash as string,
        createdAt: typeof l.createdAt === 'number' ? l.createdAt : 0,
        revokedAt: typeof l.revokedAt === 'number' ? l.revokedAt : null
      }));
  } catch {
    return null;
  }
}
