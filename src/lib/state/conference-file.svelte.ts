// The conference file on this device (format: model/conference-file.ts, Yjs part: doc/conference-file.ts).
// Export: the open conference's documents the chosen role may read, with that role's link token, never a
// role above this device's own (a facilitator may hand out a participant- or viewer-level file: their
// tokens come from the facilitators' document, else from the device record). Import: the whole file is
// checked first (checksum, version, roles, every Yjs state on a throwaway document); only then are its
// states merged, into the open session's documents when that conference is open here (they sync as usual),
// else straight into this device's IndexedDB stores, checked to have arrived, and only after that is the
// device record written (a conference the device did not know is added with the role the file grants, as
// joining does; a known one keeps a stronger role). The session opens it offline like any other.
import type * as Y from 'yjs';
import { readShareToken } from '../doc/facilitators';
import {
  applyDocState,
  checkDocStates,
  createFileDoc,
  encodeDocStates,
  type FileDocs
} from '../doc/conference-file';
import {
  conferenceFileName,
  decodeConferenceFile,
  encodeConferenceFile,
  exportableRoles,
  type ConferenceFile,
  type ConferenceFileError,
  type FileDocName
} from '../model/conference-file';
import type { Result, Role, RoomId } from '../model';
import { getConference, putConference, rememberJoinedConference, updateConference } from '../persistence/db';
import { DocStore } from '../persistence/doc-store';
import { docStoreNames } from '../persistence/store-names';
import type { ConferenceSession } from './session.svelte';

export type { ConferenceFileError };
/** `saveFailed`: this device could not store the merged documents (nothing of the record changed). */
export type ImportError = ConferenceFileError | 'saveFailed' | 'unreadable';

export interface ImportOutcome {
  roomId: RoomId;
  title: string;
  /** The role this device has for it now (a stronger one it had is kept). */
  role: Role;
  /** The device did not know the conference before. */
  added: boolean;
}

/** The origin of the transactions that merge a file's states. */
export const FILE_ORIGIN = Symbol('conference-file');

/** The session parts export reads (ConferenceSession has them). */
type ExportSource = Pick<ConferenceSession, 'roomId' | 'role' | 'record' | 'docs' | 'plansDoc'> & {
  facilitatorsDoc: ConferenceSession['facilitatorsDoc'];
  view: { info: { title: string } };
};

/** The link token of `role` this device can hand out, or null (a facilitator without that link). */
function tokenFor(session: ExportSource, role: Role): string | null {
  if (role === session.role) return session.record.token;
  if (!exportableRoles(session.role).includes(role) || role === 'facilitator') return null;
  const fromDoc = session.facilitatorsDoc ? readShareToken(session.facilitatorsDoc, role) : null;
  return fromDoc ?? session.record.shareTokens?.[role] ?? null;
}

/** The roles this device may export a file for (its own and, for facilitators, those with a link). */
export function fileRoles(session: ExportSource): Role[] {
  return exportableRoles(session.role).filter((role) => tokenFor(session, role) !== null);
}

/** The file of the open conference for `role` (default: this device's own); null for a role it cannot give. */
export async function buildConferenceFile(
  session: ExportSource,
  role: Role = session.role,
  now = Date.now()
): Promise<{ name: string; bytes: Uint8Array } | null> {
  const token = tokenFor(session, role);
  if (!token) return null;
  const docs: FileDocs = { ...session.docs, plans: session.plansDoc };
  if (role === 'facilitator' && session.facilitatorsDoc) docs.facilitators = session.facilitatorsDoc;
  const title = session.view.info.title || session.record.title;
  const record = session.record;
  const file: ConferenceFile = {
    version: 1,
    createdAt: now,
    roomId: session.roomId,
    title,
    role,
    token,
    docs: encodeDocStates(docs)
  };
  if (record.relayUrl) file.relayUrl = record.relayUrl;
  if (role === 'facilitator') {
    file.registered = record.registered;
    if (record.shareTokens) file.shareTokens = record.shareTokens;
  }
  return { name: conferenceFileName(title, now), bytes: await encodeConferenceFile(file) };
}

/**
 * Builds the file and hands it to the browser as a download; resolves with its name, or null when this
 * device cannot give a file for that role. Any screen that offers the conference as a last copy (the
 * relay deleted it) calls `downloadConferenceFile(session)`: this device's own level.
 */
export async function downloadConferenceFile(
  session: ExportSource,
  role: Role = session.role
): Promise<string | null> {
  const built = await buildConferenceFile(session, role);
  if (!built) return null;
  const url = URL.createObjectURL(new Blob([built.bytes as BlobPart], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = built.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return built.name;
}

/** Reads a file completely and checks everything in it; applies nothing. */
export async function readConferenceFile(
  bytes: Uint8Array
): Promise<Result<ConferenceFile, ConferenceFileError>> {
  const decoded = await decodeConferenceFile(bytes);
  if (!decoded.ok) return decoded;
  if (!checkDocStates(decoded.value.roomId, decoded.value.docs)) return { ok: false, error: 'damaged' };
  return decoded;
}

/** Merges states into this device's stores of the conference; true once each is confirmed stored. */
async function applyToStores(
  roomId: RoomId,
  states: Partial<Record<FileDocName, Uint8Array>>
): Promise<boolean> {
  const names = docStoreNames(roomId);
  for (const [name, state] of Object.entries(states) as [FileDocName, Uint8Array][]) {
    const doc = createFileDoc(roomId, name);
    const store = new DocStore(names[name], doc);
    try {
      if (!(await store.whenLoaded)) return false;
      applyDocState(doc, state, FILE_ORIGIN);
      if (!(await store.verify())) return false;
    } finally {
      await store.destroy();
      doc.destroy();
    }
  }
  return true;
}

/** The open session's documents a file's states go into (the rest go to the stores). */
function sessionDocs(session: ConferenceSession): Partial<Record<FileDocName, Y.Doc>> {
  const out: Partial<Record<FileDocName, Y.Doc>> = {
    shared: session.docs.shared,
    control: session.docs.control,
    plans: session.plansDoc
  };
  if (session.facilitatorsDoc) out.facilitators = session.facilitatorsDoc;
  return out;
}

export interface ImportOptions {
  /** The conference open on screen: a file of it is merged there and syncs at once. */
  session?: ConferenceSession | null;
  now?: number;
}

/** Checks the file, merges its documents and remembers the conference (see the top of this file). */
export async function importConferenceFile(
  bytes: Uint8Array,
  opts: ImportOptions = {}
): Promise<Result<ImportOutcome, ImportError>> {
  const read = await readConferenceFile(bytes);
  if (!read.ok) return read;
  const file = read.value;
  const existing = await getConference(file.roomId).catch(() => undefined);
  const open = opts.session?.roomId === file.roomId ? opts.session : null;
  const intoStores: Partial<Record<FileDocName, Uint8Array>> = {};
  const intoSession: [Y.Doc, Uint8Array][] = [];
  const live = open ? sessionDocs(open) : {};
  for (const [name, state] of Object.entries(file.docs) as [FileDocName, Uint8Array][]) {
    const doc = live[name];
    if (doc) intoSession.push([doc, state]);
    else intoStores[name] = state;
  }
  try {
    if (!(await applyToStores(file.roomId, intoStores))) return { ok: false, error: 'saveFailed' };
  } catch {
    return { ok: false, error: 'saveFailed' };
  }
  // Through the session: its stores write and verify these like any change, and the relay gets them.
  for (const [doc, state] of intoSession) applyDocState(doc, state, FILE_ORIGIN);

  const now = opts.now ?? Date.now();
  if (!existing) {
    await putConference({
      roomId: file.roomId,
      title: file.title,
      role: file.role,
      token: file.token,
      ...(file.relayUrl ? { relayUrl: file.relayUrl } : {}),
      ...(file.shareTokens ? { shareTokens: file.shareTokens } : {}),
      createdAt: now,
      lastOpenedAt: now,
      lastSyncedAt: 0,
      registered: file.registered ?? true
    });
    return { ok: true, value: { roomId: file.roomId, title: file.title, role: file.role, added: true } };
  }
  const record = await rememberJoinedConference({
    roomId: file.roomId,
    role: file.role,
    token: file.token,
    title: existing.title || file.title,
    now
  });
  if (record.role === 'facilitator' && !record.shareTokens && file.shareTokens)
    await updateConference(file.roomId, { shareTokens: file.shareTokens });
  if (existing.registered === false && file.registered)
    await updateConference(file.roomId, { registered: true });
  return {
    ok: true,
    value: { roomId: file.roomId, title: record.title, role: record.role, added: false }
  };
}

/** The start page's "Konferenz-Datei öffnen": one file at a time, its outcome or why it was refused. */
export class ConferenceFileOpener {
  busy = $state(false);
  error = $state<ImportError | null>(null);
  outcome = $state.raw<ImportOutcome | null>(null);

  async open(file: Blob, opts: ImportOptions = {}): Promise<Result<ImportOutcome, ImportError>> {
    this.busy = true;
    this.error = null;
    this.outcome = null;
    try {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        this.error = 'unreadable';
        return { ok: false, error: 'unreadable' };
      }
      const result = await importConferenceFile(bytes, opts);
      if (result.ok) this.outcome = result.value;
      else this.error = result.error;
      return result;
    } finally {
      this.busy = false;
    }
  }
}
