// The SQLite store's schema: its migrations (the file's user_version counts the ones applied) and the
// step that applies the missing ones when a file is opened.
import type Database from 'better-sqlite3';

/** Each entry migrates the schema from version (index) to version (index + 1). */
export const SQLITE_MIGRATIONS: string[] = [
  `CREATE TABLE rooms (
     room_id TEXT PRIMARY KEY,
     title TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE links (
     room_id TEXT NOT NULL REFERENCES rooms(room_id) ON DELETE CASCADE,
     token_hash TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'viewer')),
     created_at INTEGER NOT NULL,
     expires_at INTEGER,
     revoked_at INTEGER,
     PRIMARY KEY (room_id, token_hash)
   );
   CREATE TABLE doc_updates (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     doc_name TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX doc_updates_by_doc ON doc_updates (doc_name, id);
   CREATE TABLE doc_snapshots (
     doc_name TEXT PRIMARY KEY,
     data BLOB NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  `ALTER TABLE doc_snapshots ADD COLUMN state_vector BLOB;`,
  `CREATE INDEX links_by_hash ON links (token_hash);`,
  `CREATE TABLE client_owners (
     doc_name TEXT NOT NULL,
     client_id INTEGER NOT NULL,
     owner TEXT NOT NULL,
     PRIMARY KEY (doc_name, client_id)
   ) WITHOUT ROWID;`,
  `CREATE TABLE deleted_rooms (
     room_id TEXT PRIMARY KEY,
     deleted_at INTEGER NOT NULL
   );`,
  `ALTER TABLE rooms ADD COLUMN delete_after INTEGER;`,
  `ALTER TABLE links ADD COLUMN scope TEXT;`,
  `CREATE TABLE join_codes (
     room_id TEXT PRIMARY KEY REFERENCES rooms(room_id) ON DELETE CASCADE,
     code_hash TEXT NOT NULL UNIQUE,
     sealed_token TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );`
];

/** Applies the migrations this file lacks; a file newer than this relay is refused. */
export function migrate(db: Database.Database): void {
  // IMMEDIATE takes the write lock first, so a CLI and a relay opening a new file at once cannot race.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SQLITE_MIGRATIONS.length) {
      throw new Error(
        `${db.name} has schema version ${version}; this relay knows up to ${SQLITE_MIGRATIONS.length}`
      );
    }
    for (let v = version; v < SQLITE_MIGRATIONS.length; v++) db.exec(SQLITE_MIGRATIONS[v] ?? '');
    if (version < SQLITE_MIGRATIONS.length) db.pragma(`user_version = ${SQLITE_MIGRATIONS.length}`);
  }).immediate();
}
