// The conference file: a whole conference as one file to carry by USB stick, messenger or mail. One line
// of JSON (UTF-8, ending in a newline), each document's full Yjs state as standard base64:
//
//   { "format": "stadt-land-tisch/conference-file", "version": 1, "createdAt": "<ISO 8601>",
//     "roomId", "title", "role", "token", ["relayUrl"], ["registered", "shareTokens"  (facilitator files)],
//     "docs": { "shared", "control", "plans", ["facilitators"] }, "checksum": "sha256:<hex>" }
//
// The checksum is SHA-256 over `canonicalContent` (every field but the checksum, in a fixed order, the
// base64 text as written), so any changed byte of content is found before anything is applied. The role
// is the one the file grants: its token must claim that role, and only a facilitator file may carry the
// facilitators document. Plain TypeScript: the Yjs part lives in lib/doc/conference-file.ts.

import { fromBase64, toBase64 } from 'lib0/buffer';
import { digest as sha256Fallback } from 'lib0/hash/sha256';
import { isRoomId, type RoomId } from './ids';
import { roleOfToken } from './link';
import { cleanText, LIMITS } from './text';
import { err, ok, type Result } from './result';
import { ROLES, type Role } from './types';

export const CONFERENCE_FILE_FORMAT = 'stadt-land-tisch/conference-file';
export const CONFERENCE_FILE_VERSION = 1;
/** Files are refused above this size (a conference of 1,500 ideas is a few MB). */
export const CONFERENCE_FILE_MAX_BYTES = 200 * 1024 * 1024;

export const FILE_DOCS = ['shared', 'control', 'plans', 'facilitators'] as const;
export type FileDocName = (typeof FILE_DOCS)[number];
export type FileDocStates = Partial<Record<FileDocName, Uint8Array>> & {
  shared: Uint8Array;
  control: Uint8Array;
  plans: Uint8Array;
};

export interface ConferenceFile {
  version: number;
  /** When the file was made (ms since the epoch). */
  createdAt: number;
  roomId: RoomId;
  title: string;
  /** The role the file grants, and that role's link token. */
  role: Role;
  token: string;
  relayUrl?: string;
  /** Facilitator files: whether the relay knows the conference, and the links to register it with. */
  registered?: boolean;
  shareTokens?: { participant?: string; viewer?: string };
  docs: FileDocStates;
}

/**
 * Why a file is refused: `foreign` (not a conference file), `truncated` (cut off), `damaged` (checksum or
 * structure wrong), `newer` (a later app version made it), `role` (it grants what its token does not
 * claim, or carries a document its role may not read), `tooLarge`.
 */
export type ConferenceFileError = 'foreign' | 'truncated' | 'damaged' | 'newer' | 'role' | 'tooLarge';

/** Which documents a role may read (and so find in a file granting it). */
export function fileDocsFor(role: Role): FileDocName[] {
  return role === 'facilitator' ? [...FILE_DOCS] : ['shared', 'control', 'plans'];
}

/** Roles a device with `role` may hand out in a file (never more than it has). */
export function exportableRoles(role: Role): Role[] {
  return ROLES.slice(ROLES.indexOf(role));
}

/** True when the bytes look like a conference file (damaged or not): a JSON object naming our format. */
export function looksLikeConferenceFile(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
  return head.startsWith('{') && head.includes(CONFERENCE_FILE_FORMAT);
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 (hex) with WebCrypto where there is one; lib0's where not (plain-http LAN origins). */
async function sha256Hex(text: string): Promise<string> {
  const data = new TextEncoder().encode(text);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return toHex(new Uint8Array(await subtle.digest('SHA-256', data)));
  return toHex(sha256Fallback(data));
}

interface Written {
  format: string;
  version: number;
  createdAt: string;
  roomId: string;
  title: string;
  role: Role;
  token: string;
  relayUrl?: string;
  registered?: boolean;
  shareTokens?: { participant?: string; viewer?: string };
  docs: Partial<Record<FileDocName, string>>;
  checksum?: string;
}

/** What the checksum covers: every field but the checksum, in a fixed order, missing ones as null. */
function canonicalContent(w: Written): string {
  return JSON.stringify([
    w.format,
    w.version,
    w.createdAt,
    w.roomId,
    w.title,
    w.role,
    w.token,
    w.relayUrl ?? null,
    w.registered ?? null,
    w.shareTokens?.participant ?? null,
    w.shareTokens?.viewer ?? null,
    ...FILE_DOCS.map((name) => w.docs[name] ?? null)
  ]);
}

/** The file's bytes. Throws for a file that would be refused (a document its role may not read). */
export async function encodeConferenceFile(file: ConferenceFile): Promise<Uint8Array> {
  const docs: Written['docs'] = {};
  const allowed = fileDocsFor(file.role);
  for (const name of FILE_DOCS) {
    const state = file.docs[name];
    if (!state) continue;
    if (!allowed.includes(name)) throw new Error(`a ${file.role} file cannot carry ${name}`);
    docs[name] = toBase64(state);
  }
  const written: Written = {
    format: CONFERENCE_FILE_FORMAT,
    version: CONFERENCE_FILE_VERSION,
    createdAt: new Date(file.createdAt).toISOString(),
    roomId: file.roomId,
    title: file.title,
    role: file.role,
    token: file.token,
    ...(file.relayUrl ? { relayUrl: file.relayUrl } : {}),
    ...(file.role === 'facilitator' && file.registered !== undefined ? { registered: file.registered } : {}),
    ...(file.role === 'facilitator' && file.shareTokens ? { shareTokens: pickTokens(file.shareTokens) } : {}),
    docs
  };
  written.checksum = `sha256:${await sha256Hex(canonicalContent(written))}`;
  return new TextEncoder().encode(`${JSON.stringify(written)}\n`);
}

function pickTokens(tokens: { participant?: string; viewer?: string }) {
  return {
    ...(tokens.participant ? { participant: tokens.participant } : {}),
    ...(tokens.viewer ? { viewer: tokens.viewer } : {})
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Reads and checks a file completely: format, version, checksum, structure, roles. Does not look into the
 * Yjs states (lib/doc/conference-file.ts `checkDocStates` does, before anything is applied).
 */
export async function decodeConferenceFile(
  bytes: Uint8Array
): Promise<Result<ConferenceFile, ConferenceFileError>> {
  if (bytes.length > CONFERENCE_FILE_MAX_BYTES) return err('tooLarge');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return err(looksLikeConferenceFile(bytes) ? 'damaged' : 'foreign');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (!looksLikeConferenceFile(bytes)) return err('foreign');
    // A cut-off file no longer ends with the object's closing brace.
    return err(text.trimEnd().endsWith('}') ? 'damaged' : 'truncated');
  }
  if (!isObject(parsed) || parsed.format !== CONFERENCE_FILE_FORMAT) {
    // The format name changed in an otherwise whole file of ours reads as damaged.
    return err(isObject(parsed) && 'checksum' in parsed && 'docs' in parsed ? 'damaged' : 'foreign');
  }
  const w = parsed;
  if (typeof w.version !== 'number' || !Number.isInteger(w.version) || w.version < 1) return err('damaged');
  if (w.version > CONFERENCE_FILE_VERSION) return err('newer');
  if (!isString(w.checksum) || !isObject(w.docs)) return err('damaged');
  if (!isString(w.createdAt) || !isString(w.roomId) || !isString(w.title) || !isString(w.token))
    return err('damaged');
  if (w.relayUrl !== undefined && !isString(w.relayUrl)) return err('damaged');
  if (w.registered !== undefined && typeof w.registered !== 'boolean') return err('damaged');
  const tokens = w.shareTokens;
  if (tokens !== undefined) {
    if (!isObject(tokens)) return err('damaged');
    for (const key of Object.keys(tokens))
      if ((key !== 'participant' && key !== 'viewer') || !isString(tokens[key])) return err('damaged');
  }
  const docs = w.docs;
  for (const key of Object.keys(docs)) {
    if (!(FILE_DOCS as readonly string[]).includes(key)) return err('damaged');
    const value = docs[key];
    if (!isString(value) || value.length % 4 !== 0 || !BASE64.test(value)) return err('damaged');
  }
  const written = w as unknown as Written;
  const expected = `sha256:${await sha256Hex(canonicalContent(written))}`;
  if (w.checksum !== expected) return err('damaged');

  // Intact: now the content must make sense.
  const createdAt = Date.parse(written.createdAt);
  if (!Number.isFinite(createdAt) || !isRoomId(written.roomId)) return err('damaged');
  if (written.relayUrl !== undefined && !isHttpUrl(written.relayUrl)) return err('damaged');
  if (!ROLES.includes(written.role)) return err('damaged');
  if (!isString(docs.shared) || !isString(docs.control) || !isString(docs.plans)) return err('damaged');
  if (roleOfToken(written.token) !== written.role) return err('role');
  const allowed = fileDocsFor(written.role);
  if (FILE_DOCS.some((name) => docs[name] !== undefined && !allowed.includes(name))) return err('role');
  if (written.role !== 'facilitator' && (tokens !== undefined || written.registered !== undefined))
    return err('role');
  if (written.shareTokens) {
    const { participant, viewer } = written.shareTokens;
    if (participant !== undefined && roleOfToken(participant) !== 'participant') return err('role');
    if (viewer !== undefined && roleOfToken(viewer) !== 'viewer') return err('role');
  }
  const states = {} as FileDocStates;
  for (const name of FILE_DOCS) {
    const value = written.docs[name];
    if (value !== undefined) states[name] = fromBase64(value);
  }
  const file: ConferenceFile = {
    version: written.version,
    createdAt,
    roomId: written.roomId,
    title: cleanText(written.title, LIMITS.conferenceTitle, { singleLine: true }),
    role: written.role,
    token: written.token,
    docs: states
  };
  if (written.relayUrl) file.relayUrl = written.relayUrl;
  if (written.registered !== undefined) file.registered = written.registered;
  if (written.shareTokens) file.shareTokens = pickTokens(written.shareTokens);
  return ok(file);
}

/** A file name for the conference: its title made safe, the date, our suffix. */
export function conferenceFileName(title: string, createdAt: number): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'ss')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .toLowerCase() || 'konferenz';
  return `${slug}-${new Date(createdAt).toISOString().slice(0, 10)}.slt.json`;
}
