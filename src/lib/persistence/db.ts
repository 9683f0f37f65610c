// The device database (Dexie): what belongs to this device only — the conferences it knows with their
// role and token, settings such as the display name and language, unsent idea drafts, and which state the
// relay last confirmed as saved (savedMarks). Nothing here is shared with others; shared content lives in
// the Y.Docs (see doc-store.ts). Every schema change adds a new `version(n)` below and never edits an old one.
import Dexie, { type EntityTable, type Table } from 'dexie';
import { mergeDraftText, type Role, type UnsavedPlanText } from '../model';

export type { Role };

/** A conference this device has opened or created. */
export interface ConferenceRecord {
  roomId: string;
  title: string;
  role: Role;
  /** The capability token of this device (`f_…`, `p_…` or `v_…`). */
  token: string;
  /** Only set when the relay is not the origin the app was loaded from. */
  relayUrl?: string;
  /**
   * This device's participant key (model/link.ts makeParticipantKey), sent with every session request so
   * the relay knows this device as the same participant after a reload. Made on first open; never shared.
   */
  participantKey?: string;
  /** Joined through a plan link: the plan it edits (the relay refuses writes elsewhere, plan-scope.ts). */
  planScope?: string;
  /** Tokens for the links a facilitator hands out; only on the device that created the conference. */
  /** The participant and viewer links this device shows (a facilitator's); a revoked one is removed. */
  shareTokens?: { participant?: string; viewer?: string };
  createdAt: number;
  lastOpenedAt: number;
  /** Last time the relay confirmed everything as saved; 0 = never. */
  lastSyncedAt: number;
  /** False while a conference created offline is not yet known to the relay. */
  registered: boolean;
  /** Scopes this device holds sealed drafts of (lib/state/sealed.svelte.ts); merged once revealed. */
  sealedScopes?: string[];
  /** Plan texts the relay refused, kept until the person dismissed them (model/plan-diff.ts). */
  unsavedPlanTexts?: UnsavedPlanText[];
}

export type SettingKey = 'displayName' | 'locale' | 'storagePersist' | 'persistNoticeDismissed';

export interface SettingRecord {
  key: SettingKey;
  value: string;
}

/**
 * What the relay had confirmed as durably saved, per conference: each document's Yjs snapshot (state
 * vector and delete set, encoded) at the last moment everything on this device was on the relay. Compared
 * with the documents on load, it tells whether unsaved changes survived a reload (sync/unsaved.ts).
 */
export interface SavedMarkRecord {
  roomId: string;
  snapshots?: { shared?: Uint8Array; control?: Uint8Array };
  /** Marks recorded by earlier versions: state vectors only (deletions cannot be told from them). */
  shared?: Uint8Array;
  control?: Uint8Array;
  at: number;
}

/** Text typed into an idea field that was not sent yet, per conference and table. */
export interface DraftRecord {
  roomId: string;
  tableId: string;
  text: string;
  updatedAt: number;
}

export class DeviceDb extends Dexie {
  conferences!: EntityTable<ConferenceRecord, 'roomId'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  drafts!: Table<DraftRecord, [string, string]>;
  savedMarks!: EntityTable<SavedMarkRecord, 'roomId'>;

  constructor(name = 'stadt-land-tisch') {
    super(name);
    // Version history: only ever append.
    this.version(1).stores({
      conferences: 'roomId, lastOpenedAt',
      settings: 'key',
      drafts: '[roomId+tableId], roomId'
    });
    this.version(2).stores({ savedMarks: 'roomId' });
  }
}

export const db = new DeviceDb();

// ——— conferences ———

export async function listConferences(): Promise<ConferenceRecord[]> {
  return db.conferences.orderBy('lastOpenedAt').reverse().toArray();
}

export async function getConference(roomId: string): Promise<ConferenceRecord | undefined> {
  return db.conferences.get(roomId);
}

/** Inserts or replaces the whole record. */
export async function putConference(record: ConferenceRecord): Promise<void> {
  await db.conferences.put(record);
}

/**
 * Stores a conference reached through a join link. An existing record keeps its history; a stronger
 * role (facilitator over participant over viewer) is never downgraded by opening a weaker link.
 */
export async function rememberJoinedConference(input: {
  roomId: string;
  role: Role;
  token: string;
  title?: string;
  now?: number;
}): Promise<ConferenceRecord> {
  const now = input.now ?? Date.now();
  return db.transaction('rw', db.conferences, async () => {
    const existing = await db.conferences.get(input.roomId);
    if (existing && roleRank(existing.role) > roleRank(input.role)) {
      const kept = { ...existing, lastOpenedAt: now };
      await db.conferences.put(kept);
      return kept;
    }
    const record: ConferenceRecord = {
      roomId: input.roomId,
      title: input.title ?? existing?.title ?? '',
      role: input.role,
      token: input.token,
      createdAt: existing?.createdAt ?? now,
      lastOpenedAt: now,
      lastSyncedAt: existing?.lastSyncedAt ?? 0,
      // A link someone else handed out names a room the relay already knows.
      registered: true
    };
    if (existing?.relayUrl) record.relayUrl = existing.relayUrl;
    if (existing?.shareTokens) record.shareTokens = existing.shareTokens;
    if (existing?.participantKey) record.participantKey = existing.participantKey;
    await db.conferences.put(record);
    return record;
  });
}

function roleRank(role: Role): number {
  return role === 'facilitator' ? 2 : role === 'participant' ? 1 : 0;
}

export async function updateConference(
  roomId: string,
  changes: Partial<
    Pick<
      ConferenceRecord,
      | 'title'
      | 'lastOpenedAt'
      | 'lastSyncedAt'
      | 'registered'
      | 'participantKey'
      | 'planScope'
      | 'shareTokens'
      | 'sealedScopes'
    >
  >
): Promise<void> {
  await db.conferences.update(roomId, changes);
}

export async function removeConference(roomId: string): Promise<void> {
  await db.transaction('rw', [db.conferences, db.drafts, db.savedMarks], async () => {
    await db.conferences.delete(roomId);
    await db.drafts.where('roomId').equals(roomId).delete();
    await db.savedMarks.delete(roomId);
  });
}

// ——— saved marks ———

export async function getSavedMark(roomId: string): Promise<SavedMarkRecord | undefined> {
  return db.savedMarks.get(roomId);
}

export async function putSavedMark(record: SavedMarkRecord): Promise<void> {
  await db.savedMarks.put(record);
}

// ——— settings ———

export async function getSetting(key: SettingKey): Promise<string | undefined> {
  return (await db.settings.get(key))?.value;
}

export async function setSetting(key: SettingKey, value: string): Promise<void> {
  await db.settings.put({ key, value });
}

// ——— drafts ———

export async function getDraft(roomId: string, tableId: string): Promise<string> {
  return (await db.drafts.get([roomId, tableId]))?.text ?? '';
}

/** Saves the draft; an empty text removes it. */
export async function saveDraft(
  roomId: string,
  tableId: string,
  text: string,
  now = Date.now()
): Promise<void> {
  if (text === '') await db.drafts.delete([roomId, tableId]);
  else await db.drafts.put({ roomId, tableId, text, updatedAt: now });
}

/** Adds `text` to the draft of that table (after a blank line), in one transaction. */
export async function appendDraft(roomId: string, tableId: string, text: string, now = Date.now()) {
  await db.transaction('rw', db.drafts, async () => {
    const existing = (await db.drafts.get([roomId, tableId]))?.text ?? '';
    const merged = mergeDraftText(existing, text);
    if (merged !== existing) await db.drafts.put({ roomId, tableId, text: merged, updatedAt: now });
  });
}

export async function clearDraft(roomId: string, tableId: string): Promise<void> {
  await db.drafts.delete([roomId, tableId]);
}
