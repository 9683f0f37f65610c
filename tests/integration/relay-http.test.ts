// The relay's HTTP side: POST /api/rooms (201 / 200 repeat / 409 / 400 / 401 with ROOM_CREATE_KEY),
// GET /api/rooms/<id>/access, GET /api/info (PUBLIC_URL and LAN URLs), /healthz, /metrics on a per-relay
// registry, and the static app with SPA fallback, cache headers and security headers.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '../../sync-server/src/auth';
import { lanAddresses, reachableUrls, type Interfaces } from '../../sync-server/src/lan';
import { connectClient, makeTempDir, upgradeStatus, type TestRelay } from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';
import { relayStarter } from '../helpers/relay-starter';

const defer = useCleanups();

const relayFor = relayStarter(defer);

function post(t: TestRelay, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${t.url}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  });
}

function registration(roomId = `room-${Math.random().toString(36).slice(2, 12)}`) {
  const tokens = { facilitator: generateToken('facilitator'), participant: generateToken('participant') };
  return {
    tokens,
    body: {
      roomId,
      title: 'Mitmach-Konferenz Vulkaneifel',
      links: [
        { role: 'facilitator', tokenHash: hashToken(tokens.facilitator) },
        { role: 'participant', tokenHash: hashToken(tokens.participant), expiresAt: Date.now() + 86_400_000 }
      ]
    }
  };
}

describe('POST /api/rooms', () => {
  it('registers a room (201), repeats idempotently (200), refuses a taken id (409)', async () => {
    const t = await relayFor();
    const { body, tokens } = registration();
    const created = await post(t, body);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ roomId: body.roomId, title: body.title, created: true });
    expect((await post(t, body)).status).toBe(200);
    const taken = await post(t, { ...body, links: registration().body.links });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error).toBe('room_exists');
    expect(await upgradeStatus(`${t.wsUrl}/${body.roomId}?token=${tokens.participant}`)).toBe(101);
  });

  it('answers 400 with a clear message for bad input', async () => {
    const t = await relayFor();
    const { body } = registration();
    const cases: Array<[unknown, RegExp]> = [
      ['{not json', /valid JSON/],
      [[], /JSON object/],
      [{ ...body, roomId: 'short' }, /roomId/],
      [{ ...body, roomId: 'bad/room/id' }, /roomId/],
      [{ ...body, links: [] }, /links/],
      [{ ...body, links: [{ role: 'admin', tokenHash: hashToken('x') }] }, /links\[0\]\.role/],
      [{ ...body, links: [{ role: 'viewer', tokenHash: 'abc' }] }, /links\[0\]\.tokenHash/],
      [{ ...body, links: [{ role: 'viewer', tokenHash: hashToken('x'), expiresAt: 'soon' }] }, /expiresAt/],
      [{ ...body, title: 'x'.repeat(201) }, /title/]
    ];
    for (const [input, message] of cases) {
      const res = await post(t, input);
      expect(res.status, JSON.stringify(input).slice(0, 80)).toBe(400);
      const json = (await res.json()) as { error: string; message: string };
      expect(json.error).toBe('bad_request');
      expect(json.message).toMatch(message);
    }
    expect((await fetch(`${t.url}/api/rooms`)).status).toBe(405);
  });

  it('needs the bearer key when ROOM_CREATE_KEY is set', async () => {
    const key = 'a-long-random-room-create-key';
    const t = await relayFor({ config: { roomCreateKey: key } });
    const { body } = registration();
    expect((await post(t, body)).status).toBe(401);
    expect((await post(t, body, { Authorization: 'Bearer wrong-key-wrong-key' })).status).toBe(401);
    expect((await post(t, body, { Authorization: `Bearer ${key}` })).status).toBe(201);
  });
});

describe('GET /api/rooms/<roomId>/access', () => {
  it('explains access: 200 with role, 401, 403, 404', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const expired = await t.createRoom({ expiresAt: Date.now() - 1 });
    const access = async (id: string, token?: string) => {
      const res = await fetch(`${t.url}/api/rooms/${id}/access`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {}
      });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    expect(await access(roomId, tokens.viewer)).toEqual({ status: 200, body: { roomId, role: 'viewer' } });
    expect(await access(roomId, tokens.facilitator)).toEqual({
      status: 200,
      body: { roomId, role: 'facilitator' }
    });
    const missing = await access(roomId);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toBe('token_missing');
    expect(missing.body.message).toMatch(/Zugangsschlüssel/);
    expect((await access(roomId, generateToken('participant'))).status).toBe(403);
    expect((await access(expired.roomId, expired.tokens.participant)).body.error).toBe('token_expired');
    expect((await access('NoSuchRoom42', tokens.viewer)).status).toBe(404);
    await t.relay.revokeLinks(roomId, { role: 'viewer' });
    expect((await access(roomId, tokens.viewer)).body).toMatchObject({ error: 'token_revoked' });
  });
});

describe('GET /api/info', () => {
  it('names PUBLIC_URL first, then one URL per LAN address of a relay listening everywhere', async () => {
    const everywhere = await relayFor({ config: { host: '0.0.0.0' } });
    const res = await fetch(`${everywhere.url}/api/info`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const port = everywhere.relay.port;
    expect(await res.json()).toEqual({ lanUrls: lanAddresses().map((ip) => `http://${ip}:${port}`) });
    expect((await fetch(`${everywhere.url}/api/info`, { method: 'POST' })).status).toBe(405);

    const published = await relayFor({ config: { publicUrl: 'https://tisch.example.org' } });
    // Bound to 127.0.0.1: no other device reaches it, so only PUBLIC_URL is named.
    expect(await (await fetch(`${published.url}/api/info`)).json()).toEqual({
      lanUrls: ['https://tisch.example.org']
    });
  });

  it('lists external IPv4 addresses once each, after PUBLIC_URL, and none for a loopback bind', () => {
    const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({
      address,
      family,
      internal,
      netmask: '255.255.255.0',
      mac: '00:00:00:00:00:00',
      cidr: null
    });
    const interfaces = {
      lo: [nic('127.0.0.1', 'IPv4', true)],
      wlan0: [nic('192.168.178.23', 'IPv4'), nic('fe80::1', 'IPv6')],
      eth0: [nic('10.0.0.5', 'IPv4'), nic('192.168.178.23', 'IPv4')]
    } as Interfaces;
    expect(lanAddresses(interfaces)).toEqual(['192.168.178.23', '10.0.0.5']);
    expect(reachableUrls({ publicUrl: null, host: '0.0.0.0' }, 8787, interfaces)).toEqual([
      'http://192.168.178.23:8787',
      'http://10.0.0.5:8787'
    ]);
    expect(reachableUrls({ publicUrl: 'https://t.example.org', host: '::' }, 80, interfaces)).toEqual([
      'https://t.example.org',
      'http://192.168.178.23:80',
      'http://10.0.0.5:80'
    ]);
    expect(reachableUrls({ publicUrl: null, host: '127.0.0.1' }, 8787, interfaces)).toEqual([]);
    expect(reachableUrls({ publicUrl: null, host: 'localhost' }, 8787, interfaces)).toEqual([]);
    expect(reachableUrls({ publicUrl: null, host: '192.168.178.23' }, 8787, interfaces)).toEqual([
      'http://192.168.178.23:8787'
    ]);
  });
});

describe('health, metrics and the app', () => {
  it('reports health and per-relay metrics', async () => {
    const a = await relayFor();
    const b = await relayFor();
    const c = connectClient(a.wsUrl, a.room.roomId, a.room.tokens.participant);
    defer(() => c.destroy());
    await c.whenSynced();
    const health = await fetch(`${a.url}/healthz`);
    expect(health.status).toBe(200);
    // Two documents loaded: the shared one and, for its room lock, the control document (policy.ts).
    expect(await health.json()).toEqual({ ok: true, rooms: 2, connections: 1 });
    expect(await (await fetch(`${b.url}/healthz`)).json()).toEqual({ ok: true, rooms: 0, connections: 0 });

    const metrics = await fetch(`${a.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/relay_connections\{role="participant"\} 1/);
    expect(text).toMatch(/relay_rooms_loaded 2/);
    for (const name of ['relay_messages_in_total', 'relay_bytes_out_total', 'relay_storage_write_seconds']) {
      expect(text).toContain(name);
    }
    expect(await (await fetch(`${b.url}/metrics`)).text()).not.toMatch(
      /relay_connections\{role="participant"\} 1/
    );
  });

  it('serves the app with SPA fallback, cache and security headers', async () => {
    const staticDir = makeTempDir('slt-static-');
    defer(() => fs.rmSync(staticDir, { recursive: true, force: true }));
    fs.mkdirSync(path.join(staticDir, '_app/immutable'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Stadt Land Tisch</title>');
    fs.writeFileSync(path.join(staticDir, '_app/immutable/entry.abc123.js'), 'export {};');
    fs.writeFileSync(path.join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    const t = await relayFor({ config: { staticDir } });

    for (const route of ['/', '/join/SomeRoom123', '/conference/abc/tables']) {
      const res = await fetch(`${t.url}${route}`);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toContain('Stadt Land Tisch');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const asset = await fetch(`${t.url}/_app/immutable/entry.abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const sw = await fetch(`${t.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const again = await fetch(`${t.url}/sw.js`, {
      headers: { 'If-None-Match': sw.headers.get('etag') ?? '' }
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${t.url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/api/unknown`)).status).toBe(404);
    const health = await fetch(`${t.url}/healthz`);
    expect(health.headers.get('referrer-policy')).toBe('no-referrer');

    // A raw request (fetch would normalise the dots) must not escape STATIC_DIR.
    const secretName = `secret-${path.basename(staticDir)}.txt`;
    const secretFile = path.join(staticDir, '..', secretName);
    fs.writeFileSync(secretFile, 'outside the app');
    defer(() => fs.rmSync(secretFile, { force: true }));
    const escape = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: t.relay.port, path: `/%2e%2e/${secretName}` }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('outside the app');
  });
});
