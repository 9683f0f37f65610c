// The SQLite writer thread (plain JavaScript, so it runs the same from source, under vitest and from the
// bundle). It owns the connection that writes documents: appends and the write half of a compaction. Its
// commits fsync (synchronous=FULL) here, not on the relay's event loop. Messages: { id, op, args } in,
// { id, ok, result?, error? } out; `close` closes the database and ends the thread.

import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';

// Background work: where this thread shares a core with the event loop, the event loop goes first (on Linux
// a nice value set with pid 0 applies to the calling thread only). The fsync waits on the disk, not the CPU.
try {
  os.setPriority(0, 10);
} catch {
  // not permitted here: run at normal priority
}

const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('secure_delete = ON'); // log rows a compaction drops are zeroed (sqlite.ts)

const insertUpdate = db.prepare('INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, ?, ?)');
const upsertSnapshot = db.prepare(
  `INSERT INTO doc_snapshots (doc_name, data, state_vector, updated_at) VALUES (?, ?, ?, ?)
   ON CONFLICT (doc_name) DO UPDATE
     SET data = excluded.data, state_vector = excluded.state_vector, updated_at = excluded.updated_at`
);
const insertOwner = db.prepare(
  'INSERT OR IGNORE INTO client_owners (doc_name, client_id, owner) VALUES (?, ?, ?)'
);
const deleteLog = db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND id <= ?');
const snapshotOf = db.prepare('SELECT data FROM doc_snapshots WHERE doc_name = ?');

/** A Uint8Array as a Buffer over the same memory (better-sqlite3 binds Buffers as BLOBs). */
const blob = (u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

const ops = {
  /** `encoded`: the batch as sqlite-writer.ts's encodeBatch wrote it (one transferred buffer). */
  append: db.transaction((encoded, now) => {
    const decoder = decoding.createDecoder(encoded);
    for (let docs = decoding.readVarUint(decoder); docs > 0; docs--) {
      const docName = decoding.readVarString(decoder);
      for (let n = decoding.readVarUint(decoder); n > 0; n--) {
        insertUpdate.run(docName, blob(decoding.readVarUint8Array(decoder)), now);
      }
      for (let n = decoding.readVarUint(decoder); n > 0; n--) {
        insertOwner.run(docName, decoding.readVarUint(decoder), decoding.readVarString(decoder));
      }
    }
  }),
  /**
   * Stores the merged snapshot and drops the log rows it holds, unless another compaction replaced the
   * snapshot since it was read (then nothing changes and the result is false). `snapshot`: merge.ts's
   * { update, stateVector }.
   */
  replaceLog: (docName, readSnapshot, snapshot, lastId, now) =>
    db
      .transaction(() => {
        const current = snapshotOf.get(docName)?.data ?? null;
        const unchanged =
          current === null
            ? readSnapshot === null
            : readSnapshot !== null && current.equals(blob(readSnapshot));
        if (!unchanged) return false;
        upsertSnapshot.run(docName, blob(snapshot.update), blob(snapshot.stateVector), now);
        deleteLog.run(docName, lastId);
        return true;
      })
      .immediate()
};

parentPort.on('message', ({ id, op, args }) => {
  if (op === 'close') {
    db.close();
    parentPort.postMessage({ id, ok: true });
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id, ok: true, result: ops[op](...args) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
