// The embedded Storage: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, so a committed
// transaction has been fsynced to the WAL before the call returns: "committed" means "on disk", which the
// relay's "saved" acknowledgement relies on. better-sqlite3 is synchronous, so document writes (appends and
// the write half of a compaction) go to a writer thread (sqlite-writer.ts): their fsync never stops the
// relay's event loop. Reads, rooms and links stay on this connection (WAL lets it read while the writer
// writes); a document is read inside one read transaction so a compaction committing in between cannot be
// seen half. Compactions of this store run one at a time; one of another store on the same file that
// commits first makes this one a no-op.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { mergeToSnapshot } from './merge';
import { migrate } from './sqlite-schema';
import { SqliteWriter } from './sqlite-writer';
import type {
  CompactionResult,
  CreateRoomResult,
  DeleteRoomResult,
  JoinCodeRecord,
  DocUpdates,
  LinkRecord,
  LinkInput,
  NewRoom,
  Role,
  RoomRecord,
  Storage,
  StoredDoc
} from './types';

export const DB_FILE_NAME = 'relay.sqlite';

interface LinkRow {
  room_id: string;
  token_hash: string;
  role: Role;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  scope: string | null;
}

interface JoinCodeRow {
  room_id: string;
  code_hash: string;
  sealed_token: string;
  created_at: number;
}

interface RoomRow {
  room_id: string;
  title: string | null;
  created_at: number;
}

const toLink = (row: LinkRow): LinkRecord => ({
  roomId: row.room_id,
  tokenHash: row.token_hash,
  role: row.role,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  scope: row.scope ?? null
});

const toJoinCode = (row: JoinCodeRow): JoinCodeRecord => ({
  roomId: row.room_id,
  codeHash: row.code_hash,
  sealedToken: row.sealed_token,
  createdAt: row.created_at
});

const toRoom = (row: RoomRow): RoomRecord => ({
  roomId: row.room_id,
  title: row.title,
  createdAt: row.created_at
});

/** `<roomId>` or `<roomId>/…` (no LIKE: `_` would be a wildcard); parameters @roomId and @prefix. */
const OF_ROOM = `(doc_name = @roomId
  OR (doc_name >= @prefix AND substr(doc_name, 1, length(@prefix)) = @prefix))`;

export function dbPath(dataDir: string): string {
  return path.join(dataDir, DB_FILE_NAME);
}

export function openSqliteStorage(dataDir: string): Storage {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(dbPath(dataDir));
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows and freed pages are overwritten with zeros (a deleted room leaves no bytes behind; the
  // writer thread sets it too, for the log rows its compactions drop).
  db.pragma('secure_delete = ON');
  migrate(db);

  const q = {
    room: db.prepare<[string], RoomRow>('SELECT room_id, title, created_at FROM rooms WHERE room_id = ?'),
    rooms: db.prepare<[], RoomRow>(
      'SELECT room_id, title, created_at FROM rooms ORDER BY created_at, room_id'
    ),
    insertRoom: db.prepare('INSERT INTO rooms (room_id, title, created_at) VALUES (?, ?, ?)'),
    insertLink: db.prepare(
      `INSERT INTO links (room_id, token_hash, role, created_at, expires_at, scope)
         VALUES (?, ?, ?, ?, ?, ?)`
    ),
    link: db.prepare<[string, string], LinkRow>('SELECT * FROM links WHERE room_id = ? AND token_hash = ?'),
    links: db.prepare<[string], LinkRow>('SELECT * FROM links WHERE room_id = ? ORDER BY created_at, role'),
    linkByHash: db.prepare<[string], LinkRow>(
      'SELECT * FROM links WHERE token_hash = ? ORDER BY created_at LIMIT 1'
    ),
    revoke: db.prepare(
      `UPDATE links SET revoked_at = @now WHERE room_id = @roomId AND revoked_at IS NULL
         AND (@tokenHash IS NULL OR token_hash = @tokenHash) AND (@role IS NULL OR role = @role)
         AND (@unscoped = 0 OR scope IS NULL)`
    ),
    snapshot: db.prepare<[string], { data: Buffer; state_vector: Buffer | null }>(
      'SELECT data, state_vector FROM doc_snapshots WHERE doc_name = ?'
    ),
    log: db.prepare<[string], { id: number; data: Buffer }>(
      'SELECT id, data FROM doc_updates WHERE doc_name = ? ORDER BY id'
    ),
    // A range on the indexed name, then the exact prefix test (no LIKE: `_` would be a wildcard).
    docsFrom: db.prepare<{ prefix: string }, { doc_name: string }>(
      `SELECT doc_name FROM doc_updates
         WHERE doc_name >= @prefix AND substr(doc_name, 1, length(@prefix)) = @prefix
       UNION SELECT doc_name FROM doc_snapshots
         WHERE doc_name >= @prefix AND substr(doc_name, 1, length(@prefix)) = @prefix
       ORDER BY doc_name`
    ),
    owners: db.prepare<[string], { client_id: number; owner: string }>(
      'SELECT client_id, owner FROM client_owners WHERE doc_name = ?'
    ),
    deletedAt: db.prepare<[string], { deleted_at: number }>(
      'SELECT deleted_at FROM deleted_rooms WHERE room_id = ?'
    ),
    // `<roomId>` and every `<roomId>/…`: a range on the indexed name, then the exact prefix test.
    roomDocs: db.prepare<{ roomId: string; prefix: string }, { doc_name: string }>(
      `SELECT doc_name FROM doc_updates WHERE ${OF_ROOM}
       UNION SELECT doc_name FROM doc_snapshots WHERE ${OF_ROOM}
       UNION SELECT doc_name FROM client_owners WHERE ${OF_ROOM}
       ORDER BY doc_name`
    ),
    deleteUpdates: db.prepare(`DELETE FROM doc_updates WHERE ${OF_ROOM}`),
    deleteSnapshots: db.prepare(`DELETE FROM doc_snapshots WHERE ${OF_ROOM}`),
    deleteOwners: db.prepare(`DELETE FROM client_owners WHERE ${OF_ROOM}`),
    deleteLinks: db.prepare('DELETE FROM links WHERE room_id = ?'),
    joinCode: db.prepare<[string], JoinCodeRow>('SELECT * FROM join_codes WHERE code_hash = ?'),
    roomJoinCode: db.prepare<[string], JoinCodeRow>('SELECT * FROM join_codes WHERE room_id = ?'),
    putJoinCode: db.prepare(
      `INSERT INTO join_codes (room_id, code_hash, sealed_token, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (room_id) DO UPDATE SET code_hash = excluded.code_hash,
           sealed_token = excluded.sealed_token, created_at = excluded.created_at`
    ),
    deleteJoinCode: db.prepare('DELETE FROM join_codes WHERE room_id = ?'),
    deleteRoom: db.prepare('DELETE FROM rooms WHERE room_id = ?'),
    tombstone: db.prepare('INSERT OR IGNORE INTO deleted_rooms (room_id, deleted_at) VALUES (?, ?)'),
    setDeleteAfter: db.prepare('UPDATE rooms SET delete_after = ? WHERE room_id = ?'),
    deleteAfter: db.prepare<[string], { delete_after: number | null }>(
      'SELECT delete_after FROM rooms WHERE room_id = ?'
    ),
    expired: db.prepare<{ now: number; defaultMs: number | null }, { room_id: string }>(
      `SELECT room_id FROM rooms WHERE COALESCE(delete_after, created_at + @defaultMs) <= @now
       ORDER BY room_id`
    )
  };
  const writer = new SqliteWriter(dbPath(dataDir));

  const createRoom = db.transaction((room: NewRoom, now: number): CreateRoomResult => {
    if (q.deletedAt.get(room.roomId)) return 'conflict'; // a deleted room is never registered again
    if (q.room.get(room.roomId)) {
      const stored = q.links.all(room.roomId);
      const same =
        stored.length === room.links.length &&
        room.links.every((l) =>
          stored.some(
            (s) => s.token_hash === l.tokenHash && s.role === l.role && s.expires_at === l.expiresAt
          )
        );
      return same ? 'exists' : 'conflict';
    }
    q.insertRoom.run(room.roomId, room.title, now);
    for (const l of room.links) {
      q.insertLink.run(room.roomId, l.tokenHash, l.role, now, l.expiresAt, l.scope ?? null);
    }
    return 'created';
  });

  const addLink = db.transaction((roomId: string, link: LinkInput, now: number, replace: boolean) => {
    if (!q.room.get(roomId)) return { result: 'no_room' as const, revoked: 0 };
    if (q.link.get(roomId, link.tokenHash)) return { result: 'exists' as const, revoked: 0 };
    const revoked = replace
      ? q.revoke.run({ now, roomId, tokenHash: null, role: link.role, unscoped: 1 }).changes
      : 0;
    q.insertLink.run(roomId, link.tokenHash, link.role, now, link.expiresAt, link.scope ?? null);
    return { result: 'added' as const, revoked };
  });

  const setJoinCode = db.transaction(
    (roomId: string, code: { codeHash: string; sealedToken: string }, now: number) => {
      if (!q.room.get(roomId)) return 'no_room' as const;
      const holder = q.joinCode.get(code.codeHash);
      if (holder && holder.room_id !== roomId) return 'taken' as const;
      q.putJoinCode.run(roomId, code.codeHash, code.sealedToken, now);
      return 'set' as const;
    }
  );

  const deleteRoom = db.transaction((roomId: string, now: number): DeleteRoomResult => {
    if (!q.room.get(roomId)) return { deleted: false, docs: [] };
    const range = { roomId, prefix: `${roomId}/` };
    const docs = q.roomDocs.all(range).map((r) => r.doc_name);
    q.deleteUpdates.run(range);
    q.deleteSnapshots.run(range);
    q.deleteOwners.run(range);
    q.deleteLinks.run(roomId);
    q.deleteJoinCode.run(roomId);
    q.deleteRoom.run(roomId);
    q.tombstone.run(roomId, now);
    return { deleted: true, docs };
  });

  /** Snapshot and log of one document as one consistent read. */
  const readDoc = db.transaction((docName: string) => {
    const snapshot = q.snapshot.get(docName);
    return {
      snapshot: snapshot?.data ?? null,
      stateVector: snapshot?.state_vector ?? null,
      log: q.log.all(docName),
      owners: q.owners.all(docName)
    };
  });

  const compact = async (docName: string): Promise<CompactionResult | null> => {
    const { snapshot, log } = readDoc(docName);
    const last = log[log.length - 1];
    if (!last) return null;
    const merged = mergeToSnapshot([...(snapshot ? [snapshot] : []), ...log.map((r) => r.data)]);
    // Rows appended after the read have larger ids and stay in the log. Another store on the same file
    // that compacted in between wins; this compaction then changes nothing.
    const replaced = await writer.run('replaceLog', [docName, snapshot, merged, last.id, Date.now()]);
    return replaced ? { rowsMerged: log.length, snapshotBytes: merged.update.byteLength } : null;
  };
  let compactions: Promise<unknown> = Promise.resolve();

  return {
    async createRoom(room, now) {
      return createRoom(room, now);
    },
    async getRoom(roomId) {
      const row = q.room.get(roomId);
      return row ? toRoom(row) : null;
    },
    async listRooms() {
      return q.rooms.all().map(toRoom);
    },
    async findLink(roomId, tokenHash) {
      const row = q.link.get(roomId, tokenHash);
      return row ? toLink(row) : null;
    },
    async listLinks(roomId) {
      return q.links.all(roomId).map(toLink);
    },
    async revokeLinks(roomId, match, now) {
      const info = q.revoke.run({
        now,
        roomId,
        tokenHash: match.tokenHash ?? null,
        role: match.role ?? null,
        unscoped: match.unscoped === true ? 1 : 0
      });
      return info.changes;
    },
    async addLink(roomId, link, now, options = {}) {
      return addLink(roomId, link, now, options.replace === true);
    },
    async findLinkByHash(tokenHash) {
      const row = q.linkByHash.get(tokenHash);
      return row ? toLink(row) : null;
    },
    async setJoinCode(roomId, code, now) {
      return setJoinCode.immediate(roomId, code, now);
    },
    async findJoinCode(codeHash) {
      const row = q.joinCode.get(codeHash);
      return row ? toJoinCode(row) : null;
    },
    async getJoinCode(roomId) {
      const row = q.roomJoinCode.get(roomId);
      return row ? toJoinCode(row) : null;
    },
    async deleteJoinCode(roomId) {
      return q.deleteJoinCode.run(roomId).changes > 0;
    },
    async loadDoc(docName): Promise<StoredDoc> {
      const { snapshot, stateVector, log, owners } = readDoc(docName);
      return {
        updates: [...(snapshot ? [snapshot] : []), ...log.map((r) => r.data)],
        stateVector: log.length === 0 ? stateVector : null,
        logRows: log.length,
        logBytes: log.reduce((sum, r) => sum + r.data.byteLength, 0),
        owners: owners.map((r) => [r.client_id, r.owner] as const)
      };
    },
    async appendUpdates(batch: DocUpdates[]) {
      if (batch.some((b) => b.updates.length > 0 || (b.owners?.length ?? 0) > 0)) {
        await writer.append(batch, Date.now());
      }
    },
    async listDocs(prefix) {
      return q.docsFrom.all({ prefix }).map((r) => r.doc_name);
    },
    async deleteRoom(roomId, now) {
      // IMMEDIATE: the write lock first (the writer thread may be committing; busy_timeout waits for it).
      const result = deleteRoom.immediate(roomId, now);
      // The old page images live on in the WAL until a checkpoint copies the zeroed pages over them and
      // TRUNCATE empties the file. A reader holding an old snapshot makes it partial; the next
      // automatic checkpoint finishes it.
      if (result.deleted) db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    },
    async purgeFreed() {
      await compactions; // the write half of a compaction runs on the writer thread
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async setDeleteAfter(roomId, at) {
      return q.setDeleteAfter.run(at, roomId).changes > 0 ? 'set' : 'no_room';
    },
    async getDeleteAfter(roomId) {
      return q.deleteAfter.get(roomId)?.delete_after ?? null;
    },
    async listExpiredRooms(now, defaultMs) {
      return q.expired.all({ now, defaultMs }).map((r) => r.room_id);
    },
    async roomDeletedAt(roomId) {
      return q.deletedAt.get(roomId)?.deleted_at ?? null;
    },
    compactDoc(docName) {
      const run = compactions.then(() => compact(docName));
      compactions = run.catch(() => undefined);
      return run;
    },
    async close() {
      await compactions;
      await writer.close();
      if (db.open) db.close();
    }
  };
}
