// Join codes (lib/model/join-code.ts): the alphabet has no look-alikes, typed codes are normalised, and the
// sealed link token opens with the same code only; PBKDF2 without crypto.subtle gives the same bytes.

import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatJoinCode,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  joinCodeKeys,
  makeJoinCode,
  normaliseJoinCode,
  pbkdf2Fallback
} from '../../src/lib/model/join-code';

describe('join codes', () => {
  it('uses an alphabet without look-alike characters', () => {
    for (const char of '0O1IL2Z5S6G8B') expect(JOIN_CODE_ALPHABET).not.toContain(char);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('makes 8-character codes of that alphabet, all characters used', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const code = makeJoinCode();
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      expect(normaliseJoinCode(code)).toBe(code);
      for (const char of code) seen.add(char);
    }
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('accepts lowercase, spaces and dashes, refuses look-alikes and wrong lengths', () => {
    expect(formatJoinCode('ACDEFHJK')).toBe('ACDE-FHJK');
    expect(normaliseJoinCode(' acde-fhjk ')).toBe('ACDEFHJK');
    expect(normaliseJoinCode('ac de fh jk')).toBe('ACDEFHJK');
    expect(normaliseJoinCode('ACDE–FHJK')).toBe('ACDEFHJK');
    expect(normaliseJoinCode('ACDEFHJ')).toBeNull();
    expect(normaliseJoinCode('ACDEFHJKM')).toBeNull();
    expect(normaliseJoinCode('ACDEFHJ0')).toBeNull();
    expect(normaliseJoinCode('')).toBeNull();
  });

  it('seals a token that the same code opens and another code does not', async () => {
    const token = 'p_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const keys = await joinCodeKeys('ACDEFHJK');
    expect(keys.codeHash).toMatch(/^[0-9a-f]{64}$/);
    const sealed = keys.seal(token);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(token.slice(2, 12));
    expect(keys.seal(token)).not.toBe(sealed); // a fresh nonce each time
    expect((await joinCodeKeys('ACDEFHJK')).open(sealed)).toBe(token);
    const other = await joinCodeKeys('ACDEFHJM');
    expect(other.codeHash).not.toBe(keys.codeHash);
    expect(other.open(sealed)).toBeNull();
    expect(keys.open((sealed[0] === 'A' ? 'B' : 'A') + sealed.slice(1))).toBeNull(); // nonce altered
    const flipped = sealed.slice(0, 30) + (sealed[30] === 'A' ? 'B' : 'A') + sealed.slice(31);
    expect(keys.open(flipped)).toBeNull();
    expect(keys.open('not*base64')).toBeNull();
    expect(keys.open('')).toBeNull();
  });

  it('derives the same bytes without crypto.subtle (plain-http origins)', async () => {
    const password = new TextEncoder().encode('ACDEFHJK');
    const salt = new TextEncoder().encode('salt');
    const base = await webcrypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const params = { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 50 };
    const expected = new Uint8Array(await webcrypto.subtle.deriveBits(params, base, 512));
    expect(pbkdf2Fallback(password, salt, 50, 64)).toEqual(expected);
  });
});
