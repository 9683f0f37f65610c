// Pending local changes against the relay's saved state vector, and the relay HTTP helpers.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PendingChanges, covers } from '../../../src/lib/sync/saved';
import { refusalOf, registerRoom, relayBase, checkAccess } from '../../../src/lib/sync/relay-api';

function capture(doc: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | null = null;
  const on = (u: Uint8Array) => (update = u);
  doc.on('update', on);
  change();
  doc.off('update', on);
  if (!update) throw new Error('no update');
  return update;
}

describe('PendingChanges', () => {
  it('drops exactly the changes a saved state vector covers', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('m');
    const pending = new PendingChanges();
    pending.add(capture(doc, () => map.set('a', 1)));
    const svAfterFirst = Y.decodeStateVector(Y.encodeStateVector(doc));
    pending.add(capture(doc, () => map.set('b', 2)));
    expect(pending.count).toBe(2);
    expect(pending.applySaved(new Map())).toBe(2);
    expect(pending.applySaved(svAfterFirst)).toBe(1);
    expect(pending.applySaved(Y.decodeStateVector(Y.encodeStateVector(doc)))).toBe(0);
  });

  it('counts a delete-only change as saved only by the answer to a save request sent after it', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('m');
    map.set('a', 1);
    map.set('b', 2);
    const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
    const pending = new PendingChanges();
    pending.requestSent(); // a request before the change does not cover it
    pending.add(capture(doc, () => map.delete('a')));
    expect(pending.needsRequest).toBe(true);
    expect(pending.applySaved(sv)).toBe(1); // a plain "saved" never covers a deletion
    pending.requestSent(); // request 2 follows the change
    expect(pending.needsRequest).toBe(false);
    pending.add(capture(doc, () => map.delete('b')));
    expect(pending.applyAnswer(sv)).toBe(2); // answers request 1
    expect(pending.applyAnswer(sv)).toBe(1); // answers request 2: the first deletion is stored
    pending.requestSent();
    expect(pending.applyAnswer(sv)).toBe(0);
  });

  it('asks again on a new socket: answers to requests on the old one never come', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('m');
    map.set('a', 1);
    const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
    const pending = new PendingChanges();
    pending.add(capture(doc, () => map.delete('a')));
    pending.requestSent();
    pending.newSocket();
    expect(pending.needsRequest).toBe(true);
    expect(pending.applyAnswer(sv)).toBe(1); // a stray answer with no request on this socket
    pending.requestSent();
    expect(pending.applyAnswer(sv)).toBe(0);
  });

  it('covers compares every client clock', () => {
    expect(
      covers(
        new Map([
          [1, 5],
          [2, 3]
        ]),
        new Map([[1, 5]])
      )
    ).toBe(true);
    expect(covers(new Map([[1, 4]]), new Map([[1, 5]]))).toBe(false);
    expect(covers(new Map(), new Map([[7, 1]]))).toBe(false);
  });
});

describe('relay-api', () => {
  it('derives ws and http bases', () => {
    expect(relayBase('https://konferenz.example/')).toEqual({
      http: 'https://konferenz.example',
      ws: 'wss://konferenz.example/sync'
    });
    expect(relayBase('http://192.168.0.2:8787')).toEqual({
      http: 'http://192.168.0.2:8787',
      ws: 'ws://192.168.0.2:8787/sync'
    });
    expect(relayBase('http://a', 'https://relay.example').ws).toBe('wss://relay.example/sync');
  });

  it('maps refusals', () => {
    expect(refusalOf(404, '')).toBe('unknown-room');
    expect(refusalOf(401, '')).toBe('no-token');
    expect(refusalOf(403, 'token expired')).toBe('expired');
    expect(refusalOf(403, 'link revoked')).toBe('revoked');
    expect(refusalOf(403, 'forbidden')).toBe('bad-token');
    expect(refusalOf(500, '')).toBeNull();
  });

  it('registers with token hashes only', async () => {
    let sent: { url: string; body: string; headers: Record<string, string> } | null = null;
    const fakeFetch = (async (url: string, init: RequestInit) => {
      sent = { url, body: String(init.body), headers: init.headers as Record<string, string> };
      return new Response('{}', { status: 201 });
    }) as unknown as typeof fetch;
    const tokens = { facilitator: 'f_secret1', participant: 'p_secret2', viewer: 'v_secret3' };
    const outcome = await registerRoom(
      relayBase('http://h'),
      { roomId: 'room-abcdefgh', title: 'T', tokens },
      fakeFetch
    );
    expect(outcome).toBe('registered');
    expect(sent!.url).toBe('http://h/api/rooms');
    expect(sent!.body).not.toContain('secret');
    const body = JSON.parse(sent!.body) as { roomId: string; links: { role: string; tokenHash: string }[] };
    expect(body.roomId).toBe('room-abcdefgh');
    expect(body.links.map((l) => l.role).sort()).toEqual(['facilitator', 'participant', 'viewer']);
    for (const link of body.links) expect(link.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('maps registration answers and network failures', async () => {
    const answer = (status: number) =>
      (async () => new Response('{}', { status })) as unknown as typeof fetch;
    const reg = { roomId: 'room-abcdefgh', tokens: { facilitator: 'f', participant: 'p', viewer: 'v' } };
    expect(await registerRoom(relayBase('http://h'), reg, answer(200))).toBe('registered');
    expect(await registerRoom(relayBase('http://h'), reg, answer(409))).toBe('taken');
    expect(await registerRoom(relayBase('http://h'), reg, answer(401))).toBe('forbidden');
    expect(await registerRoom(relayBase('http://h'), reg, answer(502))).toBe('unreachable');
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await registerRoom(relayBase('http://h'), reg, failing)).toBe('unreachable');
    expect(await checkAccess(relayBase('http://h'), 'r', 't', failing)).toEqual({ kind: 'unreachable' });
  });
});
