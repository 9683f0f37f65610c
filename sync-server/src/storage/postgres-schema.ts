// The PostgreSQL store's schema: its migrations (table relay_schema holds how many are applied) and the
// step that applies the missing ones at open, under an advisory lock so instances opening at once agree.
import type postgres from 'postgres';

/** Each entry migrates the schema from version (index) to version (index + 1), one statement per item. */
export const POSTGRES_MIGRATIONS: string[][] = [
  [
    `CREATE TABLE rooms (
       room_id TEXT PRIMARY KEY,
       title TEXT,
       created_at BIGINT NOT NULL
     )`,
    `CREATE TABLE links (
       room_id TEXT NOT NULL REFERENCES rooms(room_id) ON DELETE CASCADE,
       token_hash TEXT NOT NULL,
       role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'viewer')),
       created_at BIGINT NOT NULL,
       expires_at BIGINT,
       revoked_at BIGINT,
       PRIMARY KEY (room_id, token_hash)
     )`,
    `CREATE TABLE doc_updates (
       id BIGSERIAL PRIMARY KEY,
       doc_name TEXT NOT NULL,
       data BYTEA NOT NULL,
       created_at BIGINT NOT NULL
     )`,
    `CREATE INDEX doc_updates_by_doc ON doc_updates (doc_name, id)`,
    `CREATE TABLE doc_snapshots (
       doc_name TEXT PRIMARY KEY,
       data BYTEA NOT NULL,
       updated_at BIGINT NOT NULL
     )`
  ],
  [`ALTER TABLE doc_snapshots ADD COLUMN state_vector BYTEA`],
  [`CREATE INDEX links_by_hash ON links (token_hash)`],
  [
    `CREATE TABLE client_owners (
       doc_name TEXT NOT NULL,
       client_id BIGINT NOT NULL,
       owner TEXT NOT NULL,
       PRIMARY KEY (doc_name, client_id)
     )`
  ],
  [
    `CREATE TABLE deleted_rooms (
       room_id TEXT PRIMARY KEY,
       deleted_at BIGINT NOT NULL
     )`
  ],
  [`ALTER TABLE rooms ADD COLUMN delete_after BIGINT`],
  [`ALTER TABLE links ADD COLUMN scope TEXT`],
  [
    `CREATE TABLE join_codes (
       room_id TEXT PRIMARY KEY REFERENCES rooms(room_id) ON DELETE CASCADE,
       code_hash TEXT NOT NULL UNIQUE,
       sealed_token TEXT NOT NULL,
       created_at BIGINT NOT NULL
     )`
  ]
];

/** Applies the migrations the schema lacks; a schema newer than this relay is refused. */
export async function migrate(sql: postgres.Sql<{ bigint: number }>, schema: string): Promise<void> {
  await sql.begin(async (t) => {
    const q = t as unknown as typeof sql;
    // Serialises instances (relays, CLI) that open a fresh database at the same moment.
    await q`SELECT pg_advisory_xact_lock(hashtext(${`slt-relay-migrate:${schema}`}))`;
    await q`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`;
    await q`CREATE TABLE IF NOT EXISTS ${q(schema)}.relay_schema (
      only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row), version INTEGER NOT NULL)`;
    const [row] = await q<Array<{ version: number }>>`SELECT version FROM ${q(schema)}.relay_schema`;
    const version = row?.version ?? 0;
    if (version > POSTGRES_MIGRATIONS.length) {
      throw new Error(
        `schema ${schema} has version ${version}; this relay knows up to ${POSTGRES_MIGRATIONS.length}`
      );
    }
    for (let v = version; v < POSTGRES_MIGRATIONS.length; v++) {
      for (const statement of POSTGRES_MIGRATIONS[v] ?? []) await q.unsafe(statement);
    }
    if (version < POSTGRES_MIGRATIONS.length) {
      await q`INSERT INTO ${q(schema)}.relay_schema (version) VALUES (${POSTGRES_MIGRATIONS.length})
        ON CONFLICT (only_row) DO UPDATE SET version = excluded.version`;
    }
  });
}
