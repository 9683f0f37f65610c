import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { dbPath, openSqliteStorage } from '../../sync-server/src/storage/sqlite';
import { SqliteWriter } from '../../sync-server/src/storage/sqlite-writer';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slt-writer-'));
  dirs.push(dir);
  return dir;
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('SQLite writer thread', () => {
  it('starts a new thread after its thread died, and what it wrote before is kept', async () => {
    const dir = freshDir();
    const storage = openSqliteStorage(dir); // creates the schema
    const writer = new SqliteWriter(dbPath(dir));
    await writer.append([{ docName: 'doc', updates: [bytes(1, 2, 3)] }], 1);
    const thread = (writer as unknown as { worker: Worker }).worker;
    await thread.terminate();
    await writer.append([{ docName: 'doc', updates: [bytes(4, 5)] }], 2);
    const stored = await storage.loadDoc('doc');
    expect(stored.updates.map((u) => [...u])).toEqual([
      [1, 2, 3],
      [4, 5]
    ]);
    await writer.close();
    await storage.close();
  });

  it('rejects a write that fails in the thread with the database error, and keeps working', async () => {
    const dir = freshDir();
    const storage = openSqliteStorage(dir);
    const writer = new SqliteWriter(dbPath(dir));
    await expect(writer.run('replaceLog', ['doc', null, 'not bytes', 1, 1])).rejects.toThrow(
      /SQLite write failed/
    );
    await writer.append([{ docName: 'doc', updates: [bytes(9)] }], 3);
    expect((await storage.loadDoc('doc')).logRows).toBe(1);
    await writer.close();
    await storage.close();
  });
});
