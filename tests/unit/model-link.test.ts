// Tokens, hashes, join links and ids as ARCHITECTURE.md defines them.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  base64url,
  hashToken,
  isRoomId,
  joinLink,
  makeToken,
  newIdeaId,
  newRoomId,
  parseJoinInput,
  roleOfToken,
  ROLES,
  type RoomId
} from '../../src/lib/model';

const ROOM = 'Ab3_-xyz9Q' as RoomId;

describe('tokens', () => {
  test('makeToken: role prefix and 144-bit base64url secret', () => {
    for (const role of ROLES) {
      const token = makeToken(role);
      expect(token).toMatch(/^[fpv]_[A-Za-z0-9_-]{24}$/);
      expect(token[0]).toBe(role[0]);
      expect(roleOfToken(token)).toBe(role);
    }
    expect(new Set(Array.from({ length: 200 }, () => makeToken('participant'))).size).toBe(200);
  });

  test('roleOfToken rejects malformed tokens', () => {
    expect(roleOfToken('x_' + 'a'.repeat(24))).toBeNull();
    expect(roleOfToken('p_' + 'a'.repeat(23))).toBeNull();
    expect(roleOfToken('p-' + 'a'.repeat(24))).toBeNull();
    expect(roleOfToken('p_' + 'a'.repeat(23) + '+')).toBeNull();
  });

  test('hashToken is sha256 hex, with and without crypto.subtle', async () => {
    const token = makeToken('facilitator');
    const expected = createHash('sha256').update(token).digest('hex');
    expect(await hashToken(token)).toBe(expected);
    const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle');
    const proto = Object.getPrototypeOf(globalThis.crypto) as object;
    const protoSubtle = Object.getOwnPropertyDescriptor(proto, 'subtle');
    Object.defineProperty(proto, 'subtle', { value: undefined, configurable: true });
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
    try {
      expect(globalThis.crypto.subtle).toBeUndefined();
      expect(await hashToken(token)).toBe(expected);
      expect(await hashToken('ä€😀')).toBe(createHash('sha256').update('ä€😀').digest('hex'));
    } finally {
      if (subtle) Object.defineProperty(globalThis.crypto, 'subtle', subtle);
      else delete (globalThis.crypto as { subtle?: unknown }).subtle;
      if (protoSubtle) Object.defineProperty(proto, 'subtle', protoSubtle);
    }
    expect(globalThis.crypto.subtle).toBeDefined();
  });

  test('base64url matches Node for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      })
    );
  });
});

describe('ids', () => {
  test('room ids match the relay pattern; entity ids are distinct', () => {
    expect(isRoomId(newRoomId())).toBe(true);
    expect(isRoomId('short')).toBe(false);
    expect(isRoomId('has space in it')).toBe(false);
    expect(isRoomId('x'.repeat(65))).toBe(false);
    expect(isRoomId(12345678)).toBe(false);
    expect(newIdeaId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newIdeaId()).not.toBe(newIdeaId());
  });
});

describe('join links', () => {
  const token = makeToken('participant');

  test('joinLink puts the token in the fragment', () => {
    expect(joinLink('https://tisch.example/', ROOM, token)).toBe(
      `https://tisch.example/join/${ROOM}#${token}`
    );
  });

  test.each([
    ['full link', `https://tisch.example/join/${ROOM}#${token}`],
    ['link under a base path', `http://192.168.4.1:8787/app/join/${ROOM}#${token}`],
    ['link with a query', `https://tisch.example/join/${ROOM}?utm=x#${token}`],
    ['link without origin', `/join/${ROOM}#${token}`],
    ['relative link', `join/${ROOM}#${token}`],
    ['short form', `${ROOM}#${token}`],
    [
      'broken over lines',
      `  https://tisch.example/jo\nin/${ROOM}\n#${token.slice(0, 10)}\n${token.slice(10)} `
    ]
  ])('parseJoinInput accepts a %s', (_name, input) => {
    expect(parseJoinInput(input)).toEqual({ ok: true, value: { roomId: ROOM, token, role: 'participant' } });
  });

  test('round trip for every role', () => {
    for (const role of ROLES) {
      const t = makeToken(role);
      const room = newRoomId();
      expect(parseJoinInput(joinLink('https://a.b', room, t))).toEqual({
        ok: true,
        value: { roomId: room, token: t, role }
      });
    }
  });

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    [`https://tisch.example/join/${ROOM}`, 'noToken'],
    [`https://tisch.example/join/short#${token}`, 'badRoomId'],
    [`https://tisch.example/other/${ROOM}#${token}`, 'badRoomId'],
    [`${ROOM}#p_tooshort`, 'badToken'],
    [`${ROOM}#%E0%A4%A`, 'badToken'],
    [`${ROOM}#`, 'badToken']
  ])('parseJoinInput(%j) fails with %s', (input, error) => {
    expect(parseJoinInput(input)).toEqual({ ok: false, error });
  });
});
