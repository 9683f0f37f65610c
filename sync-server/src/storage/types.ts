// The storage contract of the relay: rooms, their links (token hashes with role, expiry, revocation) and the
// update log plus snapshot of every document. SQLite implements it today; a PostgreSQL store must keep the
// same promises, above all: when appendUpdates resolves, the updates survive a crash of the process or host.

export type Role = 'facilitator' | 'participant' | 'viewer';
export const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer'];

export interface LinkInput {
  role: Role;
  /** sha256(token) as 64 lowercase hex characters. */
  tokenHash: string;
  /** Epoch milliseconds after which the link no longer opens the room; null = never. */
  expiresAt: number | null;
  /**
   * A participant link for one plan (plan-scope.ts): the plan id it may write; absent or null = the whole
   * role.
   */
  scope?: string | null;
}

export interface LinkRecord extends LinkInput {
  roomId: string;
  scope: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface RoomRecord {
  roomId: string;
  title: string | null;
  createdAt: number;
}

export interface NewRoom {
  roomId: string;
  title: string | null;
  links: LinkInput[];
}

/**
 * `created`: stored now. `exists`: the same room id with exactly the same set of links was stored before
 * (an idempotent repeat; the stored title is kept). `conflict`: the id is taken by a different registration.
 */
export type CreateRoomResult = 'created' | 'exists' | 'conflict';

/** A Yjs client id of a document and the owner its writes are bound to (owners.ts, identity.ts). */
export type OwnerBinding = readonly [client: number, owner: string];

export interface StoredDoc {
  /** Snapshot first (if any), then the log in write order; applying all of them rebuilds the document. */
  updates: Uint8Array[];
  /**
   * The state vector of `updates` when the store has it without parsing them: the one saved with the
   * snapshot, given when the log is empty (the usual state after a room was unloaded, since unloading
   * compacts). Null otherwise, or for a snapshot stored before state vectors were.
   */
  stateVector: Uint8Array | null;
  /** Rows and bytes in the update log since the last snapshot (drives compaction). */
  logRows: number;
  logBytes: number;
  /** Client-id bindings of the document (empty for a store or document without any). */
  owners?: OwnerBinding[];
}

export interface DocUpdates {
  /** `<roomId>` for the shared document, `<roomId>/control` for the control document. */
  docName: string;
  updates: Uint8Array[];
  /** New client-id bindings, stored in the same transaction (an existing binding of a client is kept). */
  owners?: readonly OwnerBinding[];
}

/** What deleteRoom removed (`deleted` false: the room was unknown, nothing changed). */
export interface DeleteRoomResult {
  deleted: boolean;
  /** Names of the documents whose snapshot, log or owner rows were removed. */
  docs: string[];
}

/**
 * A room's documents: `<roomId>` itself and every `<roomId>/…` (control, facilitators, plans, sealed drafts).
 * True for exactly the names deleteRoom removes.
 */
export function isDocOfRoom(docName: string, roomId: string): boolean {
  return docName === roomId || docName.startsWith(`${roomId}/`);
}

/** A room's join code (join-codes-api.ts): the hash of the typed code and the link sealed with the code. */
export interface JoinCodeRecord {
  roomId: string;
  /** sha256(normalised code) as 64 lowercase hex characters. */
  codeHash: string;
  /** The participant link token encrypted under a key derived from the code (opaque to the relay). */
  sealedToken: string;
  createdAt: number;
}

export interface CompactionResult {
  rowsMerged: number;
  snapshotBytes: number;
}

export interface Storage {
  createRoom(room: NewRoom, now: number): Promise<CreateRoomResult>;
  getRoom(roomId: string): Promise<RoomRecord | null>;
  listRooms(): Promise<RoomRecord[]>;
  findLink(roomId: string, tokenHash: string): Promise<LinkRecord | null>;
  listLinks(roomId: string): Promise<LinkRecord[]>;
  /**
   * Marks matching, not yet revoked links as revoked; resolves with how many changed. `unscoped`: only links
   * without a scope (revoking "the participant link" leaves plan links alone; they are revoked by hash).
   */
  revokeLinks(
    roomId: string,
    match: { tokenHash?: string; role?: Role; unscoped?: boolean },
    now: number
  ): Promise<number>;
  /**
   * Adds one link to an existing room. With `replace`, every other active link of the same role and without
   * a scope is revoked in the same transaction (renewing a link; a scoped link replaces nothing). `exists`: that hash is already stored for the room (an
   * idempotent repeat; nothing changes); `no_room`: the room is unknown.
   */
  addLink(
    roomId: string,
    link: LinkInput,
    now: number,
    options?: { replace?: boolean }
  ): Promise<{ result: 'added' | 'exists' | 'no_room'; revoked: number }>;
  /** The link with this hash in any room (token secrets are unique), for joining with the token alone. */
  findLinkByHash(tokenHash: string): Promise<LinkRecord | null>;
  /**
   * Sets the room's one join code, replacing the previous one. `taken`: that code hash belongs to another
   * room (nothing changes); `no_room`: the room is unknown.
   */
  setJoinCode(
    roomId: string,
    code: { codeHash: string; sealedToken: string },
    now: number
  ): Promise<'set' | 'taken' | 'no_room'>;
  /** The join code with this hash in any room, for joining with the code alone. */
  findJoinCode(codeHash: string): Promise<JoinCodeRecord | null>;
  /** The room's join code, null when it has none. */
  getJoinCode(roomId: string): Promise<JoinCodeRecord | null>;
  /** Ends the room's join code; resolves with whether there was one. */
  deleteJoinCode(roomId: string): Promise<boolean>;
  loadDoc(docName: string): Promise<StoredDoc>;
  /** Appends all updates of all documents in ONE transaction that is durable when the promise resolves. */
  appendUpdates(batch: DocUpdates[]): Promise<void>;
  /**
   * Names of the documents whose name starts with `prefix` (compared exactly, no wildcards) and that hold a
   * snapshot or log rows, sorted. Sealed drafts (sealed.ts) list a scope's per-participant documents so.
   */
  listDocs(prefix: string): Promise<string[]>;
  /** Merges snapshot and log of one document into a new snapshot, atomically; null if the log was empty. */
  compactDoc(docName: string): Promise<CompactionResult | null>;
  /**
   * Deletes a room for good, in ONE transaction: the room, its links and join code, every document of the room (snapshot,
   * log, client-id bindings) and its retention date, leaving only a tombstone (room id and time) so the id
   * answers 410 and is never registered again. The freed bytes are overwritten (SQLite: secure_delete and a
   * WAL checkpoint; PostgreSQL: VACUUM of the touched tables after the commit).
   */
  deleteRoom(roomId: string, now: number): Promise<DeleteRoomResult>;
  /**
   * Overwrites what deletions and compactions freed, so removed content leaves no bytes behind (forget-me.ts
   * after rewriting a document's history): SQLite checkpoints its WAL (TRUNCATE; freed pages are zeroed by
   * secure_delete already), PostgreSQL vacuums the document tables.
   */
  purgeFreed(): Promise<void>;
  /**
   * The date a facilitator set for the relay to delete the room (epoch ms; null: none set). `no_room`:
   * the room is unknown.
   */
  setDeleteAfter(roomId: string, at: number | null): Promise<'set' | 'no_room'>;
  /** The room's own deletion date (setDeleteAfter), null when none is set or the room is unknown. */
  getDeleteAfter(roomId: string): Promise<number | null>;
  /**
   * Rooms whose deletion date has come: their own date, else `createdAt + defaultMs` (none when null).
   * Sorted by room id.
   */
  listExpiredRooms(now: number, defaultMs: number | null): Promise<string[]>;
  /** When the room was deleted (epoch ms), or null when it never was. */
  roomDeletedAt(roomId: string): Promise<number | null>;
  close(): Promise<void>;
}
