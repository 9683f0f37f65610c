// Stores written by an older relay open in a newer one: a snapshot from schema version 1 (no state vector
// beside it) loads with `stateVector: null`, so the relay parses the snapshot for it as before, and the
// next compaction stores one.

import fs from 'node:fs';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../sync-server/src/storage/postgres';
import { POSTGRES_MIGRATIONS } from '../../sync-server/src/storage/postgres-schema';
import { dbPath, openSqliteStorage } from '../../sync-server/src/storage/sqlite';
import { SQLITE_MIGRATIONS } from '../../sync-server/src/storage/sqlite-schema';
import type { Storage } from '../../sync-server/src/storage/types';
import { dropPgSchema, pgTestSchema } from '../helpers/pg';
import { makeTempDir } from '../helpers/relay';

const url = process.env.DATABASE_URL;

function board(): Y.Doc {
  const doc = new Y.Doc();
  for (let i = 0; i < 20; i++) doc.getMap('ideas').set(`i${i}`, `Idee ${i}`);
  return doc;
}

/** Opens the version-1 store, checks the old snapshot loads, compacts a new edit and checks the new one. */
async function expectUpgrade(open: () => Promise<Storage>, doc: Y.Doc): Promise<void> {
  const store = await open();
  try {
    const old = await store.loadDoc('room-1');
    expect(old.stateVector).toBeNull();
    expect(old.updates).toHaveLength(1);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, old.updates[0]!);
    expect(loaded.getMap('ideas').toJSON()).toEqual(doc.getMap('ideas').toJSON());

    const before = Y.encodeStateVector(doc);
    doc.getMap('ideas').set('neu', 'nach dem Update');
    await store.appendUpdates([{ docName: 'room-1', updates: [Y.encodeStateAsUpdate(doc, before)] }]);
    expect((await store.compactDoc('room-1'))?.rowsMerged).toBe(1);
    const compacted = await store.loadDoc('room-1');
    expect(compacted.stateVector && [...compacted.stateVector]).toEqual([...Y.encodeStateVector(doc)]);
  } finally {
    await store.close();
  }
}

describe('storage written by schema version 1', () => {
  it('SQLite: migrates the file and loads its snapshot without a state vector', async () => {
    const dir = makeTempDir('slt-migrate-');
    try {
      const doc = board();
      const db = new Database(dbPath(dir));
      db.exec(SQLITE_MIGRATIONS[0]!);
      db.pragma('user_version = 1');
      db.prepare('INSERT INTO doc_snapshots (doc_name, data, updated_at) VALUES (?, ?, ?)').run(
        'room-1',
        Buffer.from(Y.encodeStateAsUpdate(doc)),
        1
      );
      db.close();
      await expectUpgrade(async () => openSqliteStorage(dir), doc);
      const after = new Database(dbPath(dir), { readonly: true });
      expect(after.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
      after.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!url)(
    url
      ? 'PostgreSQL: migrates the schema and loads its snapshot without a state vector'
      : 'PostgreSQL: migrates the schema (DATABASE_URL not set)',
    async () => {
      const schema = pgTestSchema('migrate');
      const sql = postgres(url ?? '', { max: 1, onnotice: () => undefined });
      try {
        const doc = board();
        await sql.begin(async (t) => {
          await t.unsafe(`CREATE SCHEMA ${schema}`);
          await t.unsafe(`SET LOCAL search_path = ${schema}`);
          for (const statement of POSTGRES_MIGRATIONS[0]!) await t.unsafe(statement);
          await t.unsafe(`CREATE TABLE relay_schema (
            only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row), version INTEGER NOT NULL)`);
          await t.unsafe('INSERT INTO relay_schema (version) VALUES (1)');
          await t.unsafe('INSERT INTO doc_snapshots (doc_name, data, updated_at) VALUES ($1, $2, 1)', [
            'room-1',
            Buffer.from(Y.encodeStateAsUpdate(doc))
          ]);
        });
        await expectUpgrade(() => openPostgresStorage(url ?? '', { schema, max: 2 }), doc);
        const [row] = await sql.unsafe(`SELECT version FROM ${schema}.relay_schema`);
        expect(row?.version).toBe(POSTGRES_MIGRATIONS.length);
      } finally {
        await sql.end();
        await dropPgSchema(url ?? '', schema);
      }
    }
  );
});
