// The shared Storage contract against SQLite (temp dir) and PostgreSQL (DATABASE_URL, one throw-away schema
// per location), plus what only PostgreSQL has: the per-document advisory lock that keeps two instances
// from compacting one document at once.

import fs from 'node:fs';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../sync-server/src/storage/postgres';
import { openSqliteStorage } from '../../sync-server/src/storage/sqlite';
import { makeTempDir } from '../helpers/relay';
import { describeStorageContract, randomEdits, type StoreLocation } from '../helpers/storage-contract';
import { mulberry32 } from '../helpers/random';
import { pgTestSchema, dropPgSchema } from '../helpers/pg';

const url = process.env.DATABASE_URL;

describeStorageContract('SQLite storage', true, async (): Promise<StoreLocation> => {
  const dir = makeTempDir('slt-contract-');
  return {
    open: async () => openSqliteStorage(dir),
    destroy: async () => fs.rmSync(dir, { recursive: true, force: true })
  };
});

describeStorageContract(
  url ? 'PostgreSQL storage' : 'PostgreSQL storage (DATABASE_URL not set)',
  !!url,
  async (): Promise<StoreLocation> => {
    const schema = pgTestSchema('contract');
    return {
      open: () => openPostgresStorage(url ?? '', { schema, max: 4 }),
      destroy: () => dropPgSchema(url ?? '', schema)
    };
  }
);

describe.skipIf(!url)(
  url ? 'PostgreSQL compaction lock' : 'PostgreSQL compaction lock (DATABASE_URL not set)',
  () => {
    it('skips a document another instance is compacting and compacts it once the lock is free', async () => {
      const schema = pgTestSchema('lock');
      const store = await openPostgresStorage(url ?? '', { schema, max: 2 });
      const admin = postgres(url ?? '', { max: 1, onnotice: () => undefined });
      let release = (): void => undefined;
      try {
        const updates = randomEdits(mulberry32(7), 10);
        await store.appendUpdates([{ docName: 'doc-l', updates }]);
        const released = new Promise<void>((resolve) => (release = resolve));
        let locked = (): void => undefined;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        const holder = admin.begin(async (t) => {
          await t.unsafe('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [schema, 'doc-l']);
          locked();
          await released;
        });
        await isLocked;
        expect(await store.compactDoc('doc-l')).toBeNull();
        expect((await store.loadDoc('doc-l')).logRows).toBe(updates.length);
        release();
        await holder;
        expect((await store.compactDoc('doc-l'))?.rowsMerged).toBe(updates.length);
        expect((await store.loadDoc('doc-l')).logRows).toBe(0);
      } finally {
        release();
        await store.close();
        await admin.end();
        await dropPgSchema(url ?? '', schema);
      }
    });

    it('keeps a row another instance committed while the compaction ran (deletes exactly what it merged)', async () => {
      const schema = pgTestSchema('race');
      const store = await openPostgresStorage(url ?? '', { schema, max: 2 });
      const admin = postgres(url ?? '', { max: 2, onnotice: () => undefined });
      const [first, late, second] = randomEdits(mulberry32(11), 3, new Y.Doc(), true) as [
        Uint8Array,
        Uint8Array,
        Uint8Array
      ];
      let commitLate = (): void => undefined;
      try {
        await store.appendUpdates([{ docName: 'doc-x', updates: [first] }]);
        await store.compactDoc('doc-x'); // a snapshot row exists now
        // "Instance A": inserts `late` (the lower id) and holds the snapshot row, uncommitted.
        const lateCommitted = new Promise<void>((resolve) => (commitLate = resolve));
        let ready = (): void => undefined;
        const isReady = new Promise<void>((resolve) => (ready = resolve));
        const instanceA = admin.begin(async (t) => {
          await t.unsafe(
            `INSERT INTO ${schema}.doc_updates (doc_name, data, created_at) VALUES ($1, $2, 0)`,
            ['doc-x', Buffer.from(late)]
          );
          await t.unsafe(`SELECT 1 FROM ${schema}.doc_snapshots WHERE doc_name = $1 FOR UPDATE`, ['doc-x']);
          ready();
          await lateCommitted;
        });
        await isReady;
        await store.appendUpdates([{ docName: 'doc-x', updates: [second] }]); // the higher id, committed
        const compaction = store.compactDoc('doc-x'); // reads only `second`, then waits for the snapshot row
        for (let tries = 0; ; tries++) {
          const waiting = await admin`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'
            AND query LIKE '%doc_snapshots%' AND pid <> pg_backend_pid()`;
          if (waiting.length > 0) break;
          if (tries > 500) throw new Error('the compaction never waited for the snapshot row');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        commitLate();
        await instanceA;
        expect((await compaction)?.rowsMerged).toBe(1);
        const stored = await store.loadDoc('doc-x');
        expect(stored.logRows).toBe(1); // `late` survived the compaction
        const rebuilt = new Y.Doc();
        stored.updates.forEach((u) => Y.applyUpdate(rebuilt, u));
        const expected = new Y.Doc();
        [first, late, second].forEach((u) => Y.applyUpdate(expected, u));
        expect(rebuilt.getMap('m').toJSON()).toEqual(expected.getMap('m').toJSON());
        expect(Object.keys(rebuilt.getMap('m').toJSON())).toHaveLength(3);
      } finally {
        commitLate();
        await store.close();
        await admin.end();
        await dropPgSchema(url ?? '', schema);
      }
    });
  }
);
