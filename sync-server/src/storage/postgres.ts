// The networked Storage: PostgreSQL through the `postgres` package, for several relay instances sharing one
// database. Same promises as SQLite: appendUpdates resolves only after COMMIT returned (synchronous_commit
// is forced on for every connection, so the commit is flushed to the WAL). Tables live in one schema
// (`?search_path=<schema>` in the URL or the `schema` option, created if missing) and are migrated at
// open under an advisory lock, idempotently. Compaction takes a transaction-level advisory lock per
// document, so two instances never compact one document at once, and deletes exactly the rows it merged.

import postgres from 'postgres';
import { mergeToSnapshot } from './merge';
import { migrate } from './postgres-schema';
import type {
  CompactionResult,
  CreateRoomResult,
  DeleteRoomResult,
  JoinCodeRecord,
  LinkRecord,
  Role,
  RoomRecord,
  Storage
} from './types';

export interface PostgresOptions {
  /** Schema for the tables; default: the URL's `search_path` parameter, else `public`. */
  schema?: string;
  /** Connection pool size (default 10). */
  max?: number;
}

/** The tables a room deletion touches, vacuumed after it (dead tuples still hold the deleted bytes). */
const ROOM_TABLES = [
  'doc_updates',
  'doc_snapshots',
  'client_owners',
  'links',
  'join_codes',
  'rooms'
] as const;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Rows per INSERT statement (3 parameters each; PostgreSQL allows 65535 per statement). */
const INSERT_CHUNK = 5000;

interface LinkRow {
  room_id: string;
  token_hash: string;
  role: Role;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  scope: string | null;
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

interface JoinCodeRow {
  room_id: string;
  code_hash: string;
  sealed_token: string;
  created_at: number;
}

const toJoinCode = (row: JoinCodeRow): JoinCodeRecord => ({
  roomId: row.room_id,
  codeHash: row.code_hash,
  sealedToken: row.sealed_token,
  createdAt: row.created_at
});

const toRoom = (row: { room_id: string; title: string | null; created_at: number }): RoomRecord => ({
  roomId: row.room_id,
  title: row.title,
  createdAt: row.created_at
});

const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
/** A plain Uint8Array over a Buffer's memory (what SQLite's store hands out as well). */
const asBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export function schemaFromUrl(url: string): string {
  return new URL(url).searchParams.get('search_path') ?? 'public';
}

/** Connects, creates schema and tables if needed, and resolves with the store. */
export async function openPostgresStorage(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const schema = options.schema ?? schemaFromUrl(url);
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => undefined, // "relation already exists, skipping" and the like
    // BIGINT columns hold epoch milliseconds and row ids: both are safe JavaScript integers.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) }
    },
    connection: { application_name: 'slt-relay', search_path: schema, synchronous_commit: 'on' }
  });
  try {
    await migrate(sql, schema);
  } catch (error) {
    await sql.end({ timeout: 1 });
    // The URL may hold a password: only the cause goes into the message.
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL (DATABASE_URL) not usable: ${cause}`, { cause: error });
  }
  // Typed queries inside transactions: TransactionSql drops the call signatures in postgres' typings.
  type Tx = typeof sql;
  const tx = (t: unknown): Tx => t as Tx;

  return {
    async createRoom(room, now): Promise<CreateRoomResult> {
      return sql.begin(async (t) => {
        const q = tx(t);
        // A deleted room is never registered again (its id answers 410).
        const [deleted] = await q`SELECT 1 FROM deleted_rooms WHERE room_id = ${room.roomId}`;
        if (deleted) return 'conflict' as const;
        const inserted = await q`INSERT INTO rooms (room_id, title, created_at)
          VALUES (${room.roomId}, ${room.title}, ${now}) ON CONFLICT (room_id) DO NOTHING RETURNING room_id`;
        if (inserted.length === 0) {
          // Another registration committed first (a concurrent one waited for it): compare link sets.
          const stored = await q<LinkRow[]>`SELECT * FROM links WHERE room_id = ${room.roomId}`;
          const same =
            stored.length === room.links.length &&
            room.links.every((l) =>
              stored.some(
                (s) => s.token_hash === l.tokenHash && s.role === l.role && s.expires_at === l.expiresAt
              )
            );
          return same ? 'exists' : 'conflict';
        }
        if (room.links.length > 0) {
          const rows = room.links.map((l) => ({
            room_id: room.roomId,
            token_hash: l.tokenHash,
            role: l.role,
            created_at: now,
            expires_at: l.expiresAt
          }));
          await q`INSERT INTO links ${q(rows, 'room_id', 'token_hash', 'role', 'created_at', 'expires_at')}`;
        }
        return 'created' as const;
      });
    },
    async getRoom(roomId) {
      const [row] = await sql<RoomRecordRow[]>`SELECT room_id, title, created_at FROM rooms
        WHERE room_id = ${roomId}`;
      return row ? toRoom(row) : null;
    },
    async listRooms() {
      const rows = await sql<RoomRecordRow[]>`SELECT room_id, title, created_at FROM rooms
        ORDER BY created_at, room_id`;
      return rows.map(toRoom);
    },
    async findLink(roomId, tokenHash) {
      const [row] = await sql<LinkRow[]>`SELECT * FROM links
        WHERE room_id = ${roomId} AND token_hash = ${tokenHash}`;
      return row ? toLink(row) : null;
    },
    async listLinks(roomId) {
      const rows = await sql<LinkRow[]>`SELECT * FROM links WHERE room_id = ${roomId}
        ORDER BY created_at, role`;
      return rows.map(toLink);
    },
    async revokeLinks(roomId, match, now) {
      const tokenHash = match.tokenHash ?? null;
      const role = match.role ?? null;
      const unscoped = match.unscoped === true;
      const result = await sql`UPDATE links SET revoked_at = ${now}
        WHERE room_id = ${roomId} AND revoked_at IS NULL
          AND (${tokenHash}::text IS NULL OR token_hash = ${tokenHash})
          AND (${role}::text IS NULL OR role = ${role})
          AND (NOT ${unscoped}::boolean OR scope IS NULL)`;
      return result.count;
    },
    async addLink(roomId, link, now, options = {}) {
      return sql.begin(async (t) => {
        const q = tx(t);
        // Lock the room row so two renewals of one room run one after the other.
        const [room] = await q`SELECT room_id FROM rooms WHERE room_id = ${roomId} FOR UPDATE`;
        if (!room) return { result: 'no_room' as const, revoked: 0 };
        const [existing] = await q`SELECT 1 FROM links
          WHERE room_id = ${roomId} AND token_hash = ${link.tokenHash}`;
        if (existing) return { result: 'exists' as const, revoked: 0 };
        let revoked = 0;
        if (options.replace === true) {
          const result = await q`UPDATE links SET revoked_at = ${now}
            WHERE room_id = ${roomId} AND revoked_at IS NULL AND role = ${link.role} AND scope IS NULL`;
          revoked = result.count;
        }
        await q`INSERT INTO links (room_id, token_hash, role, created_at, expires_at, scope)
          VALUES (${roomId}, ${link.tokenHash}, ${link.role}, ${now}, ${link.expiresAt}, ${link.scope ?? null})`;
        return { result: 'added' as const, revoked };
      });
    },
    async findLinkByHash(tokenHash) {
      const [row] = await sql<LinkRow[]>`SELECT * FROM links WHERE token_hash = ${tokenHash}
        ORDER BY created_at LIMIT 1`;
      return row ? toLink(row) : null;
    },
    async setJoinCode(roomId, code, now) {
      return sql.begin(async (t) => {
        const q = tx(t);
        const [room] = await q`SELECT room_id FROM rooms WHERE room_id = ${roomId} FOR UPDATE`;
        if (!room) return 'no_room' as const;
        const [holder] = await q<Array<{ room_id: string }>>`SELECT room_id FROM join_codes
          WHERE code_hash = ${code.codeHash}`;
        if (holder && holder.room_id !== roomId) return 'taken' as const;
        await q`INSERT INTO join_codes (room_id, code_hash, sealed_token, created_at)
          VALUES (${roomId}, ${code.codeHash}, ${code.sealedToken}, ${now})
          ON CONFLICT (room_id) DO UPDATE SET code_hash = excluded.code_hash,
            sealed_token = excluded.sealed_token, created_at = excluded.created_at`;
        return 'set' as const;
      });
    },
    async findJoinCode(codeHash) {
      const [row] = await sql<JoinCodeRow[]>`SELECT * FROM join_codes WHERE code_hash = ${codeHash}`;
      return row ? toJoinCode(row) : null;
    },
    async getJoinCode(roomId) {
      const [row] = await sql<JoinCodeRow[]>`SELECT * FROM join_codes WHERE room_id = ${roomId}`;
      return row ? toJoinCode(row) : null;
    },
    async deleteJoinCode(roomId) {
      const result = await sql`DELETE FROM join_codes WHERE room_id = ${roomId}`;
      return result.count > 0;
    },
    async loadDoc(docName) {
      // One statement, one snapshot: a concurrent compaction is seen either entirely or not at all.
      const rows = await sql<Array<{ kind: number; data: Buffer; state_vector: Buffer | null }>>`
        SELECT 0 AS kind, 0::bigint AS id, data, state_vector FROM doc_snapshots WHERE doc_name = ${docName}
        UNION ALL
        SELECT 1 AS kind, id, data, NULL FROM doc_updates WHERE doc_name = ${docName}
        ORDER BY kind, id`;
      const log = rows.filter((r) => r.kind === 1);
      const stateVector = log.length === 0 ? (rows[0]?.state_vector ?? null) : null;
      // Read after the content: a binding is committed with (or before) the first update of its client.
      const owners = await sql<Array<{ client_id: number; owner: string }>>`SELECT client_id, owner
        FROM client_owners WHERE doc_name = ${docName}`;
      return {
        updates: rows.map((r) => asBytes(r.data)),
        stateVector: stateVector && asBytes(stateVector),
        logRows: log.length,
        logBytes: log.reduce((sum, r) => sum + r.data.byteLength, 0),
        owners: owners.map((r) => [r.client_id, r.owner] as const)
      };
    },
    async appendUpdates(batch) {
      const now = Date.now();
      const rows = batch.flatMap(({ docName, updates }) =>
        updates.map((u) => ({ doc_name: docName, data: asBuffer(u), created_at: now }))
      );
      const owners = batch.flatMap(({ docName, owners }) =>
        (owners ?? []).map(([client, owner]) => ({ doc_name: docName, client_id: client, owner }))
      );
      if (rows.length === 0 && owners.length === 0) return;
      // Resolves after COMMIT: with synchronous_commit=on the transaction is on disk by then.
      await sql.begin(async (t) => {
        const q = tx(t);
        for (let i = 0; i < owners.length; i += INSERT_CHUNK) {
          const chunk = owners.slice(i, i + INSERT_CHUNK);
          await q`INSERT INTO client_owners ${q(chunk, 'doc_name', 'client_id', 'owner')}
            ON CONFLICT (doc_name, client_id) DO NOTHING`;
        }
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          const chunk = rows.slice(i, i + INSERT_CHUNK);
          await q`INSERT INTO doc_updates ${q(chunk, 'doc_name', 'data', 'created_at')}`;
        }
      });
    },
    async listDocs(prefix) {
      const rows = await sql<Array<{ doc_name: string }>>`
        SELECT doc_name FROM doc_updates WHERE starts_with(doc_name, ${prefix})
        UNION SELECT doc_name FROM doc_snapshots WHERE starts_with(doc_name, ${prefix})`;
      // Sorted by code unit, as SQLite does (the database's collation may differ).
      return rows.map((r) => r.doc_name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
    async compactDoc(docName): Promise<CompactionResult | null> {
      return sql.begin(async (t) => {
        const q = tx(t);
        // Keyed by (schema, document): another instance compacting the same document makes this a no-op.
        const [lock] = await q<Array<{ ok: boolean }>>`
          SELECT pg_try_advisory_xact_lock(hashtext(${schema}), hashtext(${docName})) AS ok`;
        if (!lock?.ok) return null;
        const log = await q<Array<{ id: number; data: Buffer }>>`SELECT id, data FROM doc_updates
          WHERE doc_name = ${docName} ORDER BY id`;
        if (log.length === 0) return null;
        const [snapshot] = await q<Array<{ data: Buffer }>>`SELECT data FROM doc_snapshots
          WHERE doc_name = ${docName}`;
        const merged = mergeToSnapshot([...(snapshot ? [snapshot.data] : []), ...log.map((r) => r.data)]);
        const now = Date.now();
        await q`INSERT INTO doc_snapshots (doc_name, data, state_vector, updated_at)
          VALUES (${docName}, ${asBuffer(merged.update)}, ${asBuffer(merged.stateVector)}, ${now})
          ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data, state_vector = excluded.state_vector,
            updated_at = excluded.updated_at`;
        // Exactly the rows merged: rows another instance committed meanwhile stay in the log.
        await q`DELETE FROM doc_updates WHERE id = ANY(${log.map((r) => r.id)}::bigint[])`;
        return { rowsMerged: log.length, snapshotBytes: merged.update.byteLength };
      });
    },
    async deleteRoom(roomId, now): Promise<DeleteRoomResult> {
      const prefix = `${roomId}/`;
      const result = await sql.begin(async (t) => {
        const q = tx(t);
        // Locks the room row: a concurrent deletion (another instance, the sweeper) waits, then finds none.
        const [room] = await q`SELECT room_id FROM rooms WHERE room_id = ${roomId} FOR UPDATE`;
        if (!room) return { deleted: false, docs: [] as string[] };
        const docs = new Set<string>();
        for (const table of ['doc_updates', 'doc_snapshots', 'client_owners'] as const) {
          const rows = await q<Array<{ doc_name: string }>>`DELETE FROM ${q(table)}
            WHERE doc_name = ${roomId} OR starts_with(doc_name, ${prefix}) RETURNING doc_name`;
          for (const row of rows) docs.add(row.doc_name);
        }
        await q`DELETE FROM links WHERE room_id = ${roomId}`;
        await q`DELETE FROM join_codes WHERE room_id = ${roomId}`;
        await q`DELETE FROM rooms WHERE room_id = ${roomId}`;
        await q`INSERT INTO deleted_rooms (room_id, deleted_at) VALUES (${roomId}, ${now})
          ON CONFLICT (room_id) DO NOTHING`;
        return { deleted: true, docs: [...docs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
      });
      // Outside the transaction (VACUUM cannot run in one): the dead tuples, and the TOAST rows of large
      // updates, are removed from the tables' pages. (The server's own WAL and backups are the operator's.)
      if (result.deleted) await sql.unsafe(`VACUUM ${ROOM_TABLES.join(', ')}`);
      return result;
    },
    async purgeFreed() {
      await sql.unsafe('VACUUM doc_updates, doc_snapshots');
    },
    async setDeleteAfter(roomId, at) {
      const result = await sql`UPDATE rooms SET delete_after = ${at} WHERE room_id = ${roomId}`;
      return result.count > 0 ? 'set' : 'no_room';
    },
    async getDeleteAfter(roomId) {
      const [row] = await sql<Array<{ delete_after: number | null }>>`SELECT delete_after FROM rooms
        WHERE room_id = ${roomId}`;
      return row?.delete_after ?? null;
    },
    async listExpiredRooms(now, defaultMs) {
      const rows = await sql<Array<{ room_id: string }>>`SELECT room_id FROM rooms
        WHERE COALESCE(delete_after, created_at + ${defaultMs}::bigint) <= ${now}`;
      return rows.map((r) => r.room_id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
    async roomDeletedAt(roomId) {
      const [row] = await sql<Array<{ deleted_at: number }>>`SELECT deleted_at FROM deleted_rooms
        WHERE room_id = ${roomId}`;
      return row?.deleted_at ?? null;
    },
    async close() {
      await sql.end({ timeout: 5 });
    }
  };
}

interface RoomRecordRow {
  room_id: string;
  title: string | null;
  created_at: number;
}
