// The join code on a facilitator's device (lib/state/join-code.svelte.ts) against a fake relay: making a
// code registers its hash and the sealed participant token and keeps the code in the facilitators'
// document; a renewed participant link is sealed again with the same code, a revoked one ends the code;
// ending it removes it; the relay's refusals and an unreachable relay are said, nothing is kept then.
// Also the relay's guess limiter (join-codes-api.ts): per-address misses and per-room resolutions.

import { describe, expect, it } from 'vitest';
import {
  createFacilitatorsDoc,
  readJoinCode,
  readJoinCodeFor,
  writeShareToken
} from '../../src/lib/doc/facilitators';
import { joinCodeKeys } from '../../src/lib/model/join-code';
import type { RoomId } from '../../src/lib/model';
import { JoinCodeAdmin } from '../../src/lib/state/join-code.svelte';
import { JoinCodeLimiter } from '../../sync-server/src/join-codes-api';

const ROOM = 'room-joincode-1' as RoomId;
const P1 = 'p_' + 'a'.repeat(30);
const P2 = 'p_' + 'b'.repeat(30);

interface Call {
  method: string;
  body: { codeHash?: string; sealedToken?: string } | null;
}

function fakeRelay(status = () => 201) {
  const calls: Call[] = [];
  const fetchFn = (async (_url: string, init: RequestInit) => {
    calls.push({ method: String(init.method), body: init.body ? JSON.parse(String(init.body)) : null });
    return new Response('{}', { status: status() });
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

const settle = async (calls: Call[], count: number): Promise<void> => {
  for (let i = 0; i < 200 && calls.length < count; i++) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 20));
};

function host(fetchFn: typeof fetch) {
  const doc = createFacilitatorsDoc(ROOM);
  writeShareToken(doc, 'participant', P1);
  return {
    doc,
    host: {
      roomId: ROOM,
      facilitatorsDoc: doc,
      record: { token: 'f_' + 'c'.repeat(30) },
      relay: { base: { http: 'http://relay.test', ws: 'ws://relay.test/sync' }, fetch: fetchFn }
    }
  };
}

describe('JoinCodeAdmin', () => {
  it('makes a code, seals a renewed link again, ends the code when the link is revoked', async () => {
    const relay = fakeRelay();
    const { doc, host: h } = host(relay.fetchFn);
    const admin = new JoinCodeAdmin(h);
    await admin.make();
    expect(admin.outcome).toEqual({ ok: true, action: 'make' });
    const code = admin.code ?? '';
    expect(readJoinCode(doc)).toBe(code);
    expect(readJoinCodeFor(doc)).toBe(P1);
    const keys = await joinCodeKeys(code);
    expect(relay.calls[0]?.body?.codeHash).toBe(keys.codeHash);
    expect(keys.open(relay.calls[0]?.body?.sealedToken ?? '')).toBe(P1);

    writeShareToken(doc, 'participant', P2); // renewed in the share dialog
    await settle(relay.calls, 2);
    expect(relay.calls[1]?.method).toBe('POST');
    expect(keys.open(relay.calls[1]?.body?.sealedToken ?? '')).toBe(P2);
    expect(readJoinCodeFor(doc)).toBe(P2);
    expect(admin.code).toBe(code);

    writeShareToken(doc, 'participant', null); // revoked
    await settle(relay.calls, 3);
    expect(relay.calls[2]?.method).toBe('DELETE');
    expect(admin.code).toBeNull();
    admin.destroy();
  });

  it('ends a code, and keeps nothing when the relay refuses or cannot be reached', async () => {
    let status = 201;
    const relay = fakeRelay(() => status);
    const { doc, host: h } = host(relay.fetchFn);
    const admin = new JoinCodeAdmin(h);
    status = 403;
    await admin.make();
    expect(admin.outcome).toEqual({ ok: false, error: 'forbidden' });
    expect(readJoinCode(doc)).toBeNull();
    const offline = new JoinCodeAdmin({
      ...h,
      relay: { ...h.relay, fetch: (async () => Promise.reject(new TypeError('offline'))) as typeof fetch }
    });
    await offline.make();
    expect(offline.outcome).toEqual({ ok: false, error: 'unreachable' });
    status = 201;
    await admin.make();
    expect(admin.code).not.toBeNull();
    status = 200;
    await admin.end();
    expect(admin.outcome).toEqual({ ok: true, action: 'end' });
    expect(readJoinCode(doc)).toBeNull();
    admin.destroy();
    offline.destroy();
  });
});

describe('JoinCodeLimiter', () => {
  it('counts misses per address and resolutions per room, refilling over time', () => {
    const limiter = new JoinCodeLimiter({ missBurst: 3, missesPerSec: 0.5, roomBurst: 2, roomPerSec: 1 });
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(limiter.addressWait('10.0.0.1', t)).toBe(0);
      limiter.miss('10.0.0.1', t);
    }
    expect(limiter.addressWait('10.0.0.1', t)).toBe(2);
    expect(limiter.addressWait('10.0.0.2', t)).toBe(0); // another address is not affected
    expect(limiter.addressWait('10.0.0.1', t + 2000)).toBe(0);
    expect(limiter.takeRoom('room-a', t)).toBe(0);
    expect(limiter.takeRoom('room-a', t)).toBe(0);
    expect(limiter.takeRoom('room-a', t)).toBe(1);
    expect(limiter.takeRoom('room-b', t)).toBe(0);
    expect(limiter.takeRoom('room-a', t + 1000)).toBe(0);
  });
});
