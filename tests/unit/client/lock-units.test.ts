// Small pieces behind the lock and session tokens, without a relay: merging refused ideas into a draft,
// finding the ideas a replica holds that the relay never received, and the session token source (renewal
// before expiry, a new token after a long time offline, fallback for relays without the endpoint, refusal).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  addIdea,
  createConferenceDocs,
  readIdeasMissingFrom,
  removeIdea,
  stateVectorOf
} from '../../../src/lib/doc';
import { mergeDraftText, newTableId, type RoomId } from '../../../src/lib/model';
import { requestSessionToken, SessionTokenSource } from '../../../src/lib/sync/session-token';

const base = { http: 'http://relay.test', ws: 'ws://relay.test/sync' };
const link = `p_${'L'.repeat(24)}`;

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => vi.useRealTimers());

describe('mergeDraftText', () => {
  it('appends after a blank line, never twice, and ignores empty additions', () => {
    expect(mergeDraftText('', 'Bürgerbus')).toBe('Bürgerbus');
    expect(mergeDraftText('  ', ' Bürgerbus ')).toBe('Bürgerbus');
    expect(mergeDraftText('Angefangen', 'Bürgerbus')).toBe('Angefangen\n\nBürgerbus');
    expect(mergeDraftText('Angefangen\n\nBürgerbus', 'Bürgerbus')).toBe('Angefangen\n\nBürgerbus');
    expect(mergeDraftText('Angefangen', '   ')).toBe('Angefangen');
  });
});

describe('readIdeasMissingFrom', () => {
  it('lists only ideas whose creation the relay has not seen, oldest first', () => {
    const table = newTableId();
    const relay = createConferenceDocs('room-missing-1' as RoomId).shared;
    const local = new Y.Doc({ guid: relay.guid });
    addIdea(relay, { tableId: table, text: 'Von anderen' });
    Y.applyUpdate(local, Y.encodeStateAsUpdate(relay));
    const synced = stateVectorOf(relay);
    addIdea(local, { tableId: table, text: 'Eigene eins' });
    addIdea(local, { tableId: table, text: 'Eigene zwei' });
    const gone = addIdea(local, { tableId: table, text: 'Wieder gelöscht' });
    if (gone.ok) removeIdea(local, gone.value);

    expect(readIdeasMissingFrom(local, synced).map((i) => i.text)).toEqual(['Eigene eins', 'Eigene zwei']);
    expect(readIdeasMissingFrom(local, stateVectorOf(local))).toEqual([]);
    // Once the relay has them, nothing is missing any more.
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(local));
    expect(readIdeasMissingFrom(local, stateVectorOf(relay))).toEqual([]);
  });
});

describe('requestSessionToken', () => {
  it('reads a token, falls back on relays without the endpoint and maps refusals', async () => {
    const ask = (response: Response | Error) =>
      requestSessionToken(base, 'room-abcdefgh', link, async (input, init) => {
        expect(String(input)).toBe('http://relay.test/api/rooms/room-abcdefgh/session');
        expect(init?.method).toBe('POST');
        expect(new Headers(init?.headers).get('Authorization')).toBe(`Bearer ${link}`);
        if (response instanceof Error) throw response;
        return response;
      });
    expect(await ask(answer(200, { token: 'a.b.c', expiresAt: 1, expiresIn: 600 }))).toEqual({
      kind: 'ok',
      token: 'a.b.c',
      expiresIn: 600
    });
    expect(await ask(answer(404, { error: 'not_found', message: 'Unbekannte API' }))).toEqual({
      kind: 'unsupported'
    });
    expect(await ask(answer(404, { error: 'room_not_found', message: 'x' }))).toEqual({
      kind: 'refused',
      refusal: 'unknown-room'
    });
    expect(await ask(answer(403, { error: 'token_revoked', message: 'x' }))).toEqual({
      kind: 'refused',
      refusal: 'revoked'
    });
    expect(await ask(new TypeError('Failed to fetch'))).toEqual({ kind: 'unreachable' });
    expect(await ask(answer(502, {}))).toEqual({ kind: 'unreachable' });
  });
});

describe('SessionTokenSource', () => {
  function source(responses: Array<() => Response | Error>) {
    let now = 1_000_000;
    const tokens: string[] = [];
    const refusals: string[] = [];
    const calls = { count: 0 };
    const s = new SessionTokenSource({
      base,
      roomId: 'room-abcdefgh',
      linkToken: link,
      now: () => now,
      fetch: async () => {
        const next = responses[Math.min(calls.count++, responses.length - 1)];
        const r = next ? next() : new Error('no response');
        if (r instanceof Error) throw r;
        return r;
      },
      onToken: (t) => tokens.push(t),
      onRefused: (r) => refusals.push(r)
    });
    return { s, tokens, refusals, calls, advance: (ms: number) => (now += ms) };
  }

  it('renews before the token runs out and reuses it until then', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { s, tokens, calls, advance } = source([
      () => answer(200, { token: 't.one.x', expiresIn: 1000 }),
      () => answer(200, { token: 't.two.x', expiresIn: 1000 })
    ]);
    expect(await s.ensure()).toBe('t.one.x');
    advance(500_000);
    expect(await s.ensure()).toBe('t.one.x');
    expect(calls.count).toBe(1);
    // Renewal is due at 80 % of the lifetime (800 s): the timer fetches the next one.
    advance(300_000);
    await vi.advanceTimersByTimeAsync(800_000);
    expect(tokens).toEqual(['t.one.x', 't.two.x']);
    expect(s.token).toBe('t.two.x');
    s.destroy();
  });

  it('fetches a new token after a long time offline and keeps retrying while unreachable', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const offline = () => new TypeError('offline');
    const { s, calls, advance } = source([
      () => answer(200, { token: 't.one.x', expiresIn: 600 }),
      offline,
      offline,
      () => answer(200, { token: 't.fresh.x', expiresIn: 600 })
    ]);
    expect(await s.ensure()).toBe('t.one.x');
    advance(24 * 3600_000); // a day offline: the token has expired by this device's clock
    expect(await s.ensure()).toBeNull();
    expect(s.failures).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.failures).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.count).toBe(4);
    expect(s.token).toBe('t.fresh.x');
    expect(s.failures).toBe(0);
    s.destroy();
  });

  it('uses the link token with a relay that has no session endpoint, and reports a refused link', async () => {
    const old = source([() => answer(404, { error: 'not_found', message: 'x' })]);
    expect(await old.s.ensure()).toBe(link);
    expect(await old.s.ensure()).toBe(link);
    expect(old.calls.count).toBe(1);
    old.s.refreshAfterFailure();
    expect(old.calls.count).toBe(1);

    const refused = source([() => answer(403, { error: 'token_revoked', message: 'x' })]);
    expect(await refused.s.ensure()).toBeNull();
    expect(refused.refusals).toEqual(['revoked']);
  });

  it('asks again after a failed connect when the token may be the cause', async () => {
    const { s, calls, advance } = source([
      () => answer(200, { token: 't.one.x', expiresIn: 600 }),
      () => answer(200, { token: 't.two.x', expiresIn: 600 })
    ]);
    await s.ensure();
    s.refreshAfterFailure(); // just issued: a failure now is the network, not the token
    expect(calls.count).toBe(1);
    advance(120_000);
    s.refreshAfterFailure();
    await vi.waitFor(() => expect(s.token).toBe('t.two.x'));
    s.destroy();
  });
});
