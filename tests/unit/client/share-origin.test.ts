// Which address join links carry: the page's own, or, on a page opened as localhost, a reachable address
// the relay names (GET /api/info) — the first, or the one chosen — and a warning only when none is known.
import { describe, expect, it, vi } from 'vitest';
import {
  chooseShareOrigin,
  cleanLanUrls,
  isLoopbackOrigin,
  joinLink,
  rebaseLink,
  type RoomId
} from '../../../src/lib/model';
import { ShareOrigin } from '../../../src/lib/state/share-origin.svelte';
import { fetchLanUrls, relayBase } from '../../../src/lib/sync/relay-api';

const ROOM = 'Chiemgau2026-abc' as RoomId;
const TOKEN = 'p_AAAAAAAAAAAAAAAAAAAAAAAA';
const LAN = ['http://192.168.178.23:8787', 'http://10.0.0.5:8787'];

function infoFetch(body: unknown, status = 200) {
  return vi.fn(async (url: string) => {
    expect(url).toMatch(/\/api\/info$/);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch & ReturnType<typeof vi.fn>;
}

describe('choosing the share origin', () => {
  it('recognises loopback pages only', () => {
    for (const origin of [
      'http://localhost:8787',
      'http://127.0.0.1:5173',
      'http://127.1.2.3',
      'http://[::1]:8787'
    ])
      expect(isLoopbackOrigin(origin), origin).toBe(true);
    for (const origin of [
      'http://192.168.178.23:8787',
      'https://tisch.example.org',
      'http://localhost.example.org'
    ])
      expect(isLoopbackOrigin(origin), origin).toBe(false);
    expect(isLoopbackOrigin('not a url')).toBe(false);
  });

  it('keeps the page origin when it is reachable, whatever the relay names', () => {
    expect(chooseShareOrigin('https://tisch.example.org', LAN)).toEqual({
      origin: 'https://tisch.example.org',
      options: [],
      via: 'page'
    });
  });

  it('uses the first LAN URL on localhost, or the chosen one if the relay still names it', () => {
    expect(chooseShareOrigin('http://localhost:8787', LAN)).toEqual({
      origin: LAN[0],
      options: LAN,
      via: 'lan'
    });
    expect(chooseShareOrigin('http://localhost:8787', LAN, LAN[1]).origin).toBe(LAN[1]);
    // A stale or foreign choice (e.g. a crafted ?via=) is ignored.
    expect(chooseShareOrigin('http://localhost:8787', LAN, 'https://evil.example').origin).toBe(LAN[0]);
  });

  it('falls back to the page origin with the warning when no reachable address is known', () => {
    expect(chooseShareOrigin('http://127.0.0.1:8787', [])).toEqual({
      origin: 'http://127.0.0.1:8787',
      options: [],
      via: 'localhost'
    });
  });

  it('distrusts the relay answer: http(s) only, no loopback, no query, each once', () => {
    expect(
      cleanLanUrls([
        'http://192.168.178.23:8787/',
        'http://192.168.178.23:8787',
        'https://tisch.example.org',
        'javascript:alert(1)',
        'http://127.0.0.1:8787',
        'http://10.0.0.5:8787/?x=1',
        'http://user:pw@10.0.0.6',
        42,
        'x'.repeat(300)
      ])
    ).toEqual(['http://192.168.178.23:8787', 'https://tisch.example.org']);
    expect(cleanLanUrls({ lanUrls: LAN })).toEqual([]);
  });

  it('rebases a join link onto another origin, token fragment kept', () => {
    const link = joinLink('http://localhost:8787', ROOM, TOKEN);
    expect(rebaseLink(link, 'http://192.168.178.23:8787/')).toBe(
      joinLink('http://192.168.178.23:8787', ROOM, TOKEN)
    );
  });
});

describe('ShareOrigin', () => {
  it('asks the relay once from a localhost page and builds links on the first LAN URL', async () => {
    const fetchFn = infoFetch({ lanUrls: LAN });
    const share = new ShareOrigin({ pageOrigin: 'http://localhost:8787', fetch: fetchFn });
    expect(share.loaded).toBe(false);
    await Promise.all([share.load(), share.load()]);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(share.choice.via).toBe('lan');
    const link = joinLink('http://localhost:8787', ROOM, TOKEN);
    expect(share.apply(link)).toBe(joinLink(LAN[0]!, ROOM, TOKEN));
    share.choose(LAN[1]!);
    expect(share.apply(link)).toBe(joinLink(LAN[1]!, ROOM, TOKEN));
    expect(share.apply(null)).toBeNull();
  });

  it('asks the relay named in the record, not the page', async () => {
    const fetchFn = infoFetch({ lanUrls: LAN });
    const share = new ShareOrigin({
      pageOrigin: 'http://localhost:5173',
      relayUrl: 'http://localhost:8787',
      fetch: fetchFn
    });
    await share.load();
    expect(fetchFn.mock.calls[0]?.[0]).toBe('http://localhost:8787/api/info');
  });

  it('does not ask from a reachable page, and warns on localhost when the relay is unreachable or old', async () => {
    const never = infoFetch({ lanUrls: LAN });
    const reachable = new ShareOrigin({ pageOrigin: 'http://192.168.178.23:8787', fetch: never });
    await reachable.load();
    expect(never).not.toHaveBeenCalled();
    expect(reachable.choice.via).toBe('page');

    const old = new ShareOrigin({
      pageOrigin: 'http://localhost:8787',
      fetch: infoFetch({ error: 'not_found' }, 404)
    });
    await old.load();
    expect(old.choice.via).toBe('localhost');

    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await fetchLanUrls(relayBase('http://localhost:8787'), offline)).toEqual([]);
  });
});
