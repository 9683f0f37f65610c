// Signed, expiring session tokens: POST /api/rooms/<id>/session trades a link token for a JWS (HS256) with
// room, role, lid and exp; the upgrade accepts it besides link tokens; expired → 403 session_expired,
// tampered or foreign → 403; revoking the link closes JWT-based sockets and refuses the JWT afterwards. The
// signing key comes from TOKEN_SECRET or DATA_DIR/token-secret (0600, reused); DATABASE_URL needs a shared one.

import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashToken } from '../../sync-server/src/auth';
import { ConfigError, loadConfig, makeConfig } from '../../sync-server/src/config';
import { createLogger } from '../../sync-server/src/log';
import { assertSharedSecret, SECRET_FILE } from '../../sync-server/src/token-secret';
import {
  connectClient,
  makeTempDir,
  startTestRelay,
  upgradeStatus,
  waitFor,
  type TestRelay
} from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';
import { relayStarter } from '../helpers/relay-starter';

const defer = useCleanups();

const KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) % 256);

const relayFor = relayStarter(defer);

async function session(t: TestRelay, roomId: string, bearer?: string, method = 'POST') {
  const response = await fetch(`${t.url}/api/rooms/${roomId}/session`, {
    method,
    headers: bearer ? { Authorization: `Bearer ${bearer}` } : {}
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function sessionToken(t: TestRelay, linkToken: string, roomId = t.room.roomId): Promise<string> {
  const { status, body } = await session(t, roomId, linkToken);
  expect(status).toBe(200);
  return body.token as string;
}

/** The status and JSON body of a refused upgrade (101 and null when it opens). */
function upgradeAnswer(url: string): Promise<{ status: number; body: { error?: string } | null }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { error?: string } })
      );
    });
    ws.on('open', () => {
      resolve({ status: 101, body: null });
      ws.terminate();
    });
    ws.on('error', (error) => reject(error));
  });
}

const sign = (claims: Record<string, unknown>, exp: number, key: Uint8Array = KEY) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(exp).sign(key);

describe('POST /api/rooms/<roomId>/session', () => {
  it('issues a signed token for a valid link with room, role, lid and exp', async () => {
    const t = await relayFor({ config: { sessionTtlS: 3600 } });
    const before = Date.now();
    const { status, body } = await session(t, t.room.roomId, t.room.tokens.participant);
    expect(status).toBe(200);
    expect(body.role).toBe('participant');
    const claims = decodeJwt(body.token as string);
    expect(claims).toMatchObject({
      room: t.room.roomId,
      role: 'participant',
      lid: hashToken(t.room.tokens.participant)
    });
    expect(body.expiresAt).toBe((claims.exp ?? 0) * 1000);
    expect(body.expiresAt as number).toBeGreaterThan(before + 3590_000);
    expect(body.expiresAt as number).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(body.expiresIn as number).toBeGreaterThan(3590);
    expect(body.token as string).not.toContain(t.room.tokens.participant);
  });

  it('never outlives the link', async () => {
    const t = await relayFor({ config: { sessionTtlS: 3600 } });
    const linkExpiry = Date.now() + 120_000;
    const short = await t.createRoom({ expiresAt: linkExpiry });
    const { body } = await session(t, short.roomId, short.tokens.viewer);
    expect(body.expiresAt as number).toBeLessThanOrEqual(linkExpiry);
    expect(body.expiresAt as number).toBeGreaterThan(linkExpiry - 2000);
  });

  it('refuses a missing, revoked, foreign or session token, an unknown room and other methods', async () => {
    const t = await relayFor();
    const other = await t.createRoom();
    const jwt = await sessionToken(t, t.room.tokens.facilitator);
    expect((await session(t, t.room.roomId)).status).toBe(401);
    expect(await session(t, t.room.roomId, other.tokens.facilitator)).toMatchObject({
      status: 403,
      body: { error: 'token_invalid' }
    });
    expect((await session(t, 'UnknownRoom123', t.room.tokens.facilitator)).status).toBe(404);
    expect((await session(t, t.room.roomId, jwt)).status).toBe(403);
    expect((await session(t, t.room.roomId, t.room.tokens.facilitator, 'GET')).status).toBe(405);
    await t.relay.revokeLinks(t.room.roomId, { role: 'viewer' });
    expect(await session(t, t.room.roomId, t.room.tokens.viewer)).toMatchObject({
      status: 403,
      body: { error: 'token_revoked' }
    });
  });
});

describe('session tokens at the upgrade', () => {
  it('opens the room with a session token; the role still comes from the stored link', async () => {
    const t = await relayFor();
    const jwt = await sessionToken(t, t.room.tokens.participant);
    expect(await upgradeStatus(`${t.wsUrl}/${t.room.roomId}?token=${jwt}`)).toBe(101);
    const shared = connectClient(t.wsUrl, t.room.roomId, jwt, { ack: true });
    const control = connectClient(t.wsUrl, t.room.roomId, jwt, { control: true, ack: true });
    const observer = connectClient(t.wsUrl, t.room.roomId, t.room.tokens.facilitator, { control: true });
    defer(() => [shared, control, observer].forEach((c) => c.destroy()));
    await Promise.all([shared.whenSynced(), control.whenSynced(), observer.whenSynced()]);
    shared.doc.getMap('ideas').set('idea', 'per Sitzung');
    await shared.whenSaved();
    control.doc.getMap('conference').set('title', 'nicht erlaubt');
    control.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => observer.provider.awareness.getStates().get(control.doc.clientID)?.marker === 1);
    expect(observer.doc.getMap('conference').has('title')).toBe(false);
  });

  it('answers 403 session_expired for an expired token and 403 for a tampered or foreign one', async () => {
    const t = await relayFor({ config: { tokenSecret: KEY } });
    const other = await t.createRoom();
    const { roomId, tokens } = t.room;
    const lid = hashToken(tokens.facilitator);
    const now = Math.floor(Date.now() / 1000);
    const at = (token: string, room = roomId) => upgradeAnswer(`${t.wsUrl}/${room}?token=${token}`);

    const valid = await sign({ room: roomId, role: 'facilitator', lid }, now + 600);
    expect((await at(valid)).status).toBe(101);
    expect(await at(await sign({ room: roomId, role: 'facilitator', lid }, now - 5))).toEqual({
      status: 403,
      body: expect.objectContaining({ error: 'session_expired' })
    });

    // Tampered: a participant token whose payload claims another link, signature kept.
    const participant = await sessionToken(t, tokens.participant);
    const [header, , signature] = participant.split('.');
    const forged = Buffer.from(JSON.stringify({ room: roomId, role: 'facilitator', lid, exp: now + 600 }));
    const tampered = `${header}.${forged.toString('base64url')}.${signature}`;
    expect(await at(tampered)).toEqual({
      status: 403,
      body: expect.objectContaining({ error: 'token_invalid' })
    });
    const otherKey = await sign({ room: roomId, role: 'facilitator', lid }, now + 600, new Uint8Array(32));
    expect((await at(otherKey)).status).toBe(403);
    // A token of this room does not open another one, and an unknown link does not open this one.
    expect((await at(valid, other.roomId)).status).toBe(403);
    expect(
      (await at(await sign({ room: roomId, role: 'viewer', lid: 'a'.repeat(64) }, now + 600))).status
    ).toBe(403);
    expect((await at(await sign({ room: roomId, role: 'viewer', lid: 'short' }, now + 600))).status).toBe(
      403
    );
    expect((await at(valid, 'UnknownRoom123')).status).toBe(404);

    const refusals = await t.relay.metrics.registry.getSingleMetricAsString('relay_refusals_total');
    expect(refusals).toMatch(/reason="session_expired"} 1/);
  });

  it('closes a session-token socket when its link is revoked and refuses the token afterwards', async () => {
    const t = await relayFor({ config: { revalidateMs: 100 } });
    const jwtParticipant = await sessionToken(t, t.room.tokens.participant);
    const jwtViewer = await sessionToken(t, t.room.tokens.viewer);
    const participant = connectClient(t.wsUrl, t.room.roomId, jwtParticipant);
    const viewer = connectClient(t.wsUrl, t.room.roomId, jwtViewer);
    defer(() => [participant, viewer].forEach((c) => c.destroy()));
    const closes = { participant: [] as number[], viewer: [] as number[] };
    participant.provider.on('connection-close', (e) => e && closes.participant.push(e.code));
    viewer.provider.on('connection-close', (e) => e && closes.viewer.push(e.code));
    await Promise.all([participant.whenSynced(), viewer.whenSynced()]);
    // Warm the revocation cache, then revoke in this process: the cache must not keep the link alive.
    expect(await upgradeStatus(`${t.wsUrl}/${t.room.roomId}?token=${jwtParticipant}`)).toBe(101);

    await t.relay.revokeLinks(t.room.roomId, { role: 'participant' });
    await waitFor(() => closes.participant.includes(4403), { message: 'JWT socket not closed' });
    expect(await upgradeAnswer(`${t.wsUrl}/${t.room.roomId}?token=${jwtParticipant}`)).toEqual({
      status: 403,
      body: expect.objectContaining({ error: 'token_revoked' })
    });

    // Revoked in storage only (the CLI from another process): the periodic re-check closes the socket.
    await t.relay.storage.revokeLinks(t.room.roomId, { role: 'viewer' }, Date.now());
    await waitFor(() => closes.viewer.includes(4403), { message: 'JWT viewer socket not closed' });
  });
});

describe('the signing key', () => {
  it('is generated once into DATA_DIR/token-secret (0600) and reused after a restart', async () => {
    const dataDir = makeTempDir();
    defer(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startTestRelay({ dataDir });
    const file = path.join(dataDir, SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const content = fs.readFileSync(file, 'utf8');
    const jwt = await sessionToken(first, first.room.tokens.viewer);
    await first.close();

    const second = await relayFor({ dataDir });
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    expect(await upgradeStatus(`${second.wsUrl}/${first.room.roomId}?token=${jwt}`)).toBe(101);

    // Another data dir means another key: the token does not open a relay that never signed it.
    const third = await relayFor();
    const copy = await third.relay.storage.createRoom(
      {
        roomId: first.room.roomId,
        title: null,
        links: [{ role: 'viewer', tokenHash: hashToken(first.room.tokens.viewer), expiresAt: null }]
      },
      Date.now()
    );
    expect(copy).toBe('created');
    expect(await upgradeStatus(`${third.wsUrl}/${first.room.roomId}?token=${jwt}`)).toBe(403);
  });

  it('reads TOKEN_SECRET and SESSION_TTL_S, and requires a shared key with DATABASE_URL', () => {
    const hex = Buffer.from(KEY).toString('hex');
    expect(loadConfig({ TOKEN_SECRET: hex }).tokenSecret).toEqual(KEY);
    expect(loadConfig({ TOKEN_SECRET: Buffer.from(KEY).toString('base64url') }).tokenSecret).toEqual(KEY);
    expect(loadConfig({}).tokenSecret).toBeNull();
    expect(loadConfig({}).sessionTtlS).toBe(12 * 3600);
    expect(loadConfig({ SESSION_TTL_S: '600' }).sessionTtlS).toBe(600);
    expect(() => loadConfig({ SESSION_TTL_S: '5' })).toThrow(ConfigError);
    expect(() => loadConfig({ TOKEN_SECRET: 'too-short' })).toThrow(/TOKEN_SECRET/);
    expect(() => loadConfig({ TOKEN_SECRET: 'ab'.repeat(31) })).toThrow(/TOKEN_SECRET/);
    try {
      loadConfig({ TOKEN_SECRET: 'secret-value-that-is-too-short' });
    } catch (error) {
      expect(String(error)).not.toContain('secret-value-that-is-too-short');
    }

    const shared = loadConfig({ DATABASE_URL: 'postgres://relay@db:5432/slt' });
    expect(() => assertSharedSecret(shared)).toThrow(/TOKEN_SECRET must be set when DATABASE_URL is set/);
    expect(() =>
      assertSharedSecret(loadConfig({ DATABASE_URL: 'postgres://relay@db:5432/slt', TOKEN_SECRET: hex }))
    ).not.toThrow();
    expect(() => assertSharedSecret(makeConfig())).not.toThrow();
  });

  it('keeps link and session tokens out of the logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      }
    });
    const t = await relayFor({ logger: createLogger('trace', sink), config: { logLevel: 'trace' } });
    const jwt = await sessionToken(t, t.room.tokens.participant);
    await session(t, t.room.roomId, 'p_wrongwrongwrongwrongwrongwrong');
    const c = connectClient(t.wsUrl, t.room.roomId, jwt);
    defer(() => c.destroy());
    await c.whenSynced();
    expect(await upgradeStatus(`${t.wsUrl}/${t.room.roomId}?token=${jwt}x`)).toBe(403);
    c.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const secret of [t.room.tokens.participant, jwt, jwt.split('.')[2] ?? jwt, 'p_wrongwrong']) {
      expect(text).not.toContain(secret);
    }
  });
});
