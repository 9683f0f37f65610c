// Join codes (sync-server/src/join-codes-api.ts): 8 characters from an alphabet without look-alikes (no
// 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B), shown as `ABCD-EFGH`, typed in any case with spaces or dashes. From the
// code a device derives, with PBKDF2-HMAC-SHA256 (fixed app salt), the lookup hash it sends the relay and
// the key that seals the participant link token: the relay stores the hash and the sealed token, never a
// usable token. The code carries about 36 bits (23^8), so this protects against reading the relay's database, not
// against someone who spends a lot of computing time per code: end a code after the event.
//
// Sealing uses HMAC-SHA256 only (a counter-mode key stream, then a tag over nonce and ciphertext), because
// crypto.subtle (and with it AES-GCM) is missing on plain-http origins such as a laptop hotspot. PBKDF2 runs
// in crypto.subtle where there is one and in lib0's sha256 otherwise; both give the same bytes.

import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import { digest as sha256 } from 'lib0/hash/sha256';
import { randomBytes } from './random';

export const JOIN_CODE_ALPHABET = 'ACDEFHJKMNPQRTUVWXY3479';
export const JOIN_CODE_LENGTH = 8;
const SALT = new TextEncoder().encode('stadt-land-tisch/join-code/v1');
const ITERATIONS = 10_000;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A fresh random code (normalised: 8 characters of the alphabet, no dash). */
export function makeJoinCode(): string {
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    for (const byte of randomBytes(JOIN_CODE_LENGTH)) {
      // Rejection sampling keeps every character equally likely.
      if (byte < 256 - (256 % JOIN_CODE_ALPHABET.length) && code.length < JOIN_CODE_LENGTH) {
        code += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
      }
    }
  }
  return code;
}

/** What someone typed as a code (any case, spaces, dashes), or null when it cannot be one. */
export function normaliseJoinCode(text: string): string | null {
  const code = text.replace(/[\s\-–_.]+/g, '').toUpperCase();
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** `ABCDEFGH` → `ABCD-EFGH` (for reading aloud and typing). */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function hmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64 + data.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = (block[i] ?? 0) ^ 0x36;
    outer[i] = (block[i] ?? 0) ^ 0x5c;
  }
  inner.set(data, 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}

/** PBKDF2-HMAC-SHA256 in plain JavaScript (RFC 8018), for origins without crypto.subtle. */
export function pbkdf2Fallback(password: Uint8Array, salt: Uint8Array, iterations: number, bytes: number) {
  const out = new Uint8Array(bytes);
  for (let block = 1, offset = 0; offset < bytes; block++, offset += 32) {
    const first = new Uint8Array(salt.length + 4);
    first.set(salt);
    new DataView(first.buffer).setUint32(salt.length, block);
    let u = hmac(password, first);
    const t = u.slice();
    for (let i = 1; i < iterations; i++) {
      u = hmac(password, u);
      for (let j = 0; j < 32; j++) t[j] = (t[j] ?? 0) ^ (u[j] ?? 0);
    }
    out.set(t.subarray(0, Math.min(32, bytes - offset)), offset);
  }
  return out;
}

async function derive(code: string): Promise<{ key: Uint8Array; codeHash: string }> {
  const password = new TextEncoder().encode(code);
  const subtle = globalThis.crypto?.subtle;
  let bits: Uint8Array;
  if (subtle) {
    const base = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    const params = { name: 'PBKDF2', hash: 'SHA-256', salt: SALT, iterations: ITERATIONS };
    bits = new Uint8Array(await subtle.deriveBits(params, base, 512));
  } else {
    bits = pbkdf2Fallback(password, SALT, ITERATIONS, 64);
  }
  let codeHash = '';
  for (const b of bits.subarray(32)) codeHash += b.toString(16).padStart(2, '0');
  return { key: bits.slice(0, 32), codeHash };
}

export interface JoinCodeKeys {
  /** What the relay looks the code up by: 64 lowercase hex characters. */
  codeHash: string;
  seal(token: string): string;
  /** The sealed token, or null when it was not sealed with this code (or was altered). */
  open(sealed: string): string | null;
}

const label = (name: string, ...parts: Uint8Array[]): Uint8Array => {
  const head = new TextEncoder().encode(name);
  const out = new Uint8Array(head.length + parts.reduce((n, p) => n + p.length, 0));
  out.set(head);
  let offset = head.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

function keyStream(key: Uint8Array, nonce: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let offset = 0, counter = 0; offset < data.length; offset += 32, counter++) {
    const block = hmac(key, label('enc', nonce, new Uint8Array([counter >> 8, counter & 255])));
    for (let i = 0; i < 32 && offset + i < data.length; i++) {
      out[offset + i] = (data[offset + i] ?? 0) ^ (block[i] ?? 0);
    }
  }
  return out;
}

/** Derives the lookup hash and the sealing key of a normalised code (about 10 ms with crypto.subtle). */
export async function joinCodeKeys(code: string): Promise<JoinCodeKeys> {
  const { key, codeHash } = await derive(code);
  const tagOf = (nonce: Uint8Array, cipher: Uint8Array): Uint8Array =>
    hmac(key, label('tag', nonce, cipher)).subarray(0, TAG_BYTES);
  return {
    codeHash,
    seal(token) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = keyStream(key, nonce, new TextEncoder().encode(token));
      return toBase64UrlEncoded(label('', nonce, cipher, tagOf(nonce, cipher)));
    },
    open(sealed) {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64UrlEncoded(sealed);
      } catch {
        return null;
      }
      if (bytes.length <= NONCE_BYTES + TAG_BYTES) return null;
      const nonce = bytes.subarray(0, NONCE_BYTES);
      const cipher = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
      const tag = bytes.subarray(bytes.length - TAG_BYTES);
      const expected = tagOf(nonce, cipher);
      let diff = 0;
      for (let i = 0; i < TAG_BYTES; i++) diff |= (tag[i] ?? 0) ^ (expected[i] ?? 0);
      if (diff !== 0) return null;
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(keyStream(key, nonce, cipher));
      } catch {
        return null;
      }
    }
  };
}
