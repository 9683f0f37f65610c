// Join codes (join-codes-api.ts) on a real relay: facilitators register a code (its derived hash and the
// participant token sealed with it), anyone resolves it to the room and the sealed token, which opens with
// the code and joins; a wrong code is 404, too many wrong codes from one address are 429 with Retry-After;
// a new code replaces the old one, ending it stops it, deleting the room removes it. SQLite and PostgreSQL.

import { describe, expect, it } from 'vitest';
import { joinCodeKeys, makeJoinCode } from '../../src/lib/model/join-code';
import { DEFAULT_JOIN_CODE_LIMITS } from '../../sync-server/src/join-codes-api';
import type { RelayConfig } from '../../sync-server/src/config';
import { useCleanups } from '../helpers/cleanups';
import { dropPgSchema, pgTestSchema, urlWithSchema } from '../helpers/pg';
import { startTestRelay, type TestRelay } from '../helpers/relay';

const defer = useCleanups();
const DATABASE_URL = process.env.DATABASE_URL ?? '';

async function api(
  t: TestRelay,
  path: string,
  method: string,
  token: string | null,
  body?: unknown
): Promise<{ status: number; json: Record<string, unknown>; retryAfter: string | null }> {
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const json = (await response.json()) as Record<string, unknown>;
  return { status: response.status, json, retryAfter: response.headers.get('retry-after') };
}

async function scenario(t: TestRelay): Promise<void> {
  const { roomId, tokens } = t.room;
  const codes = `/api/rooms/${roomId}/join-codes`;
  const code = makeJoinCode();
  const keys = await joinCodeKeys(code);
  const register = { codeHash: keys.codeHash, sealedToken: keys.seal(tokens.participant) };

  // Only facilitators manage codes; bad bodies are refused with a reason.
  expect((await api(t, codes, 'POST', null, register)).status).toBe(401);
  expect((await api(t, codes, 'POST', tokens.participant, register)).json.error).toBe('facilitator_only');
  expect((await api(t, codes, 'POST', tokens.facilitator, { codeHash: 'x' })).status).toBe(400);
  const badSeal = { codeHash: keys.codeHash, sealedToken: 'short' };
  expect((await api(t, codes, 'POST', tokens.facilitator, badSeal)).status).toBe(400);
  expect((await api(t, codes, 'GET', tokens.facilitator)).json).toEqual({ active: false, createdAt: null });

  expect((await api(t, codes, 'POST', tokens.facilitator, register)).status).toBe(201);
  expect((await api(t, codes, 'GET', tokens.facilitator)).json.active).toBe(true);

  // Typing the code: the relay names the room and hands out the sealed token, which joins once opened.
  const typed = await joinCodeKeys(code);
  const found = await api(t, '/api/join-code', 'POST', null, { codeHash: typed.codeHash });
  expect(found.status).toBe(200);
  expect(found.json.roomId).toBe(roomId);
  const token = typed.open(String(found.json.sealedToken));
  expect(token).toBe(tokens.participant);
  expect((await api(t, '/api/join', 'POST', token)).json).toEqual({ roomId, role: 'participant' });

  // A wrong code is unknown.
  const wrong = await joinCodeKeys(makeJoinCode());
  const miss = await api(t, '/api/join-code', 'POST', null, { codeHash: wrong.codeHash });
  expect(miss.status).toBe(404);
  expect(miss.json.error).toBe('code_unknown');

  // A new code replaces the old one; ending it leaves none.
  const next = await joinCodeKeys(makeJoinCode());
  const renewed = { codeHash: next.codeHash, sealedToken: next.seal(tokens.participant) };
  expect((await api(t, codes, 'POST', tokens.facilitator, renewed)).status).toBe(201);
  expect((await api(t, '/api/join-code', 'POST', null, { codeHash: keys.codeHash })).status).toBe(404);
  expect((await api(t, '/api/join-code', 'POST', null, { codeHash: next.codeHash })).status).toBe(200);
  // Another room cannot take a code hash in use.
  const other = await t.createRoom();
  const otherCodes = `/api/rooms/${other.roomId}/join-codes`;
  expect((await api(t, otherCodes, 'POST', other.tokens.facilitator, renewed)).status).toBe(409);
  expect((await api(t, codes, 'DELETE', tokens.facilitator)).json).toEqual({ ended: true });
  expect((await api(t, codes, 'DELETE', tokens.facilitator)).json).toEqual({ ended: false });
  expect((await api(t, '/api/join-code', 'POST', null, { codeHash: next.codeHash })).status).toBe(404);

  // Deleting the room removes its code.
  const last = await joinCodeKeys(makeJoinCode());
  const lastBody = { codeHash: last.codeHash, sealedToken: last.seal(tokens.participant) };
  expect((await api(t, codes, 'POST', tokens.facilitator, lastBody)).status).toBe(201);
  expect(await t.relay.storage.getJoinCode(roomId)).not.toBeNull();
  expect((await api(t, `/api/rooms/${roomId}`, 'DELETE', tokens.facilitator)).status).toBe(200);
  expect(await t.relay.storage.findJoinCode(last.codeHash)).toBeNull();
  expect((await api(t, '/api/join-code', 'POST', null, { codeHash: last.codeHash })).status).toBe(404);
}

describe('join codes', () => {
  it('registers, resolves, replaces, ends a code and removes it with the room (SQLite)', async () => {
    const t = await startTestRelay();
    defer(() => t.close());
    await scenario(t);
  });

  it('limits wrong guesses per address: 429 with Retry-After and a German message', async () => {
    const t = await startTestRelay();
    defer(() => t.close());
    const { roomId, tokens } = t.room;
    const keys = await joinCodeKeys(makeJoinCode());
    const body = { codeHash: keys.codeHash, sealedToken: keys.seal(tokens.participant) };
    await api(t, `/api/rooms/${roomId}/join-codes`, 'POST', tokens.facilitator, body);
    const guess = (codeHash: string) => api(t, '/api/join-code', 'POST', null, { codeHash });
    // Right codes do not use up the address's allowance (a whole venue shares one address).
    for (let i = 0; i < 5; i++) expect((await guess(keys.codeHash)).status).toBe(200);
    const wrong = '0'.repeat(64);
    for (let i = 0; i < DEFAULT_JOIN_CODE_LIMITS.missBurst; i++)
      expect((await guess(wrong)).status).toBe(404);
    const limited = await guess(wrong);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(limited.json.message).toMatch(/Zu viele Versuche/);
    // Then even the right code waits (the address is out of guesses).
    expect((await guess(keys.codeHash)).status).toBe(429);
  });

  it.skipIf(!DATABASE_URL)(
    DATABASE_URL ? 'works the same over PostgreSQL' : 'PostgreSQL (DATABASE_URL not set)',
    async () => {
      const schema = pgTestSchema('joincode');
      defer(() => dropPgSchema(DATABASE_URL, schema));
      const config: Partial<RelayConfig> = {
        databaseUrl: urlWithSchema(DATABASE_URL, schema),
        tokenSecret: new Uint8Array(32).map((_, i) => i + 5)
      };
      const t = await startTestRelay({ config });
      defer(() => t.close());
      await scenario(t);
    }
  );
});
