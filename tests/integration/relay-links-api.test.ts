// Links managed from the app (links-api.ts): only facilitators list, add, renew and revoke participant and
// viewer links; a revocation closes the sockets of that link at once (no waiting for the periodic re-check)
// and leaves everyone else connected; a renewed link opens the room, the old one no longer does; joining
// with the token alone names the room and role of an active link and refuses the others.

import { describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '../../sync-server/src/auth';
import { connectClient, upgradeStatus, waitFor, type TestRelay } from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';
import { relayStarter } from '../helpers/relay-starter';

const defer = useCleanups();
const relayFor = relayStarter(defer);

async function api(
  t: TestRelay,
  path: string,
  token: string | null,
  body?: unknown
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${t.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('links managed by facilitators', () => {
  it('refuses everyone but facilitators, and bad bodies with a reason', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const links = `/api/rooms/${roomId}/links`;
    expect((await api(t, links, null)).status).toBe(401);
    expect((await api(t, links, tokens.participant)).json.error).toBe('facilitator_only');
    expect((await api(t, links, tokens.viewer, { role: 'viewer' })).status).toBe(403);
    expect((await api(t, `${links}/revoke`, tokens.participant, { role: 'participant' })).status).toBe(403);
    expect((await api(t, `/api/rooms/UnknownRoom123/links`, tokens.facilitator)).status).toBe(404);

    const bad = async (body: unknown, path = links) => (await api(t, path, tokens.facilitator, body)).json;
    expect((await bad({ role: 'facilitator', tokenHash: hashToken('x') })).message).toMatch(/participant/);
    expect((await bad({ role: 'participant', tokenHash: 'abc' })).message).toMatch(/sha256/);
    expect((await bad('not json')).message).toMatch(/JSON/);
    expect((await bad([1, 2])).message).toMatch(/object/);
    expect((await bad({ role: 'facilitator' }, `${links}/revoke`)).error).toBe('bad_request');
    expect(
      (await bad({ role: 'participant', tokenHash: hashToken('p_x'), expiresAt: 'soon' })).message
    ).toMatch(/expiresAt/);

    const listed = await api(t, links, tokens.facilitator);
    expect(listed.status).toBe(200);
    const roles = (listed.json.links as Array<{ role: string; revokedAt: unknown }>).map((l) => l.role);
    expect(roles.sort()).toEqual(['facilitator', 'participant', 'viewer']);
  });

  it('renews a participant link: the new one opens the room, the old one is refused and its sockets close', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const old = connectClient(t.wsUrl, roomId, tokens.participant);
    const viewer = connectClient(t.wsUrl, roomId, tokens.viewer);
    const facilitator = connectClient(t.wsUrl, roomId, tokens.facilitator);
    defer(() => [old, viewer, facilitator].forEach((c) => c.destroy()));
    const closes: number[] = [];
    old.provider.on('connection-close', (event) => event && closes.push(event.code));
    await Promise.all([old.whenSynced(), viewer.whenSynced(), facilitator.whenSynced()]);

    const fresh = generateToken('participant');
    const renewed = await api(t, `/api/rooms/${roomId}/links`, tokens.facilitator, {
      role: 'participant',
      tokenHash: hashToken(fresh),
      replace: true
    });
    expect(renewed).toEqual({ status: 201, json: { added: true, revoked: 1 } });
    // Closed by the request itself: the test relay's periodic re-check is far slower than this wait.
    await waitFor(() => closes.includes(4403), { timeoutMs: 2000, message: 'old participant socket open' });
    expect(viewer.provider.wsconnected).toBe(true);
    expect(facilitator.provider.wsconnected).toBe(true);
    expect(await upgradeStatus(`${t.wsUrl}/${roomId}?token=${tokens.participant}`)).toBe(403);
    expect(await upgradeStatus(`${t.wsUrl}/${roomId}?token=${fresh}`)).toBe(101);

    // Repeating the same request (a retry after a lost answer) changes nothing.
    const again = await api(t, `/api/rooms/${roomId}/links`, tokens.facilitator, {
      role: 'participant',
      tokenHash: hashToken(fresh),
      replace: true
    });
    expect(again).toEqual({ status: 200, json: { added: false, revoked: 0 } });
    expect(await upgradeStatus(`${t.wsUrl}/${roomId}?token=${fresh}`)).toBe(101);
  });

  it('revokes every viewer link; revoking again changes nothing', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const viewer = connectClient(t.wsUrl, roomId, tokens.viewer);
    defer(() => viewer.destroy());
    const closes: number[] = [];
    viewer.provider.on('connection-close', (event) => event && closes.push(event.code));
    await viewer.whenSynced();
    const revoke = () => api(t, `/api/rooms/${roomId}/links/revoke`, tokens.facilitator, { role: 'viewer' });
    expect((await revoke()).json).toEqual({ revoked: 1 });
    await waitFor(() => closes.includes(4403), { timeoutMs: 2000, message: 'viewer socket open' });
    expect((await revoke()).json).toEqual({ revoked: 0 });
    expect(await upgradeStatus(`${t.wsUrl}/${roomId}?token=${tokens.participant}`)).toBe(101);
  });
});

describe('joining with the token alone', () => {
  it('names room and role of an active link and refuses unknown, malformed and revoked tokens', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    expect(await api(t, '/api/join', tokens.viewer, {})).toEqual({
      status: 200,
      json: { roomId, role: 'viewer' }
    });
    expect((await api(t, '/api/join', null, {})).status).toBe(401);
    expect((await api(t, '/api/join', generateToken('participant'), {})).status).toBe(403);
    expect((await api(t, '/api/join', 'hello', {})).status).toBe(403);
    expect((await api(t, '/api/join', tokens.viewer)).status).toBe(405);
    await t.relay.revokeLinks(roomId, { role: 'participant' });
    expect((await api(t, '/api/join', tokens.participant, {})).json.error).toBe('token_revoked');
  });
});
