// Room administration against the relay's store: PostgreSQL when DATABASE_URL is set, else DATA_DIR's
// SQLite file (works while the relay runs: SQLite in WAL mode).
//   npm run -s room -- create --title "…" [--expires-days N]   → one JSON object on stdout
//   npm run -s room -- list                                    → JSON array of rooms with link states
//   npm run -s room -- revoke --room <id> (--role <role> | --token <token> | --all)
// Rooms are registered through the same registerRoom path as POST /api/rooms.

import { parseArgs } from 'node:util';
import { hashToken, isRoomId, linkProblem } from './auth';
import { ConfigError, loadConfig, type RelayConfig } from './config';
import { lanAddresses } from './lan';
import { createRoomWithTokens, MAX_TITLE_LENGTH } from './registration';
import { openStorage } from './storage/open';
import { ROLES, type Role, type Storage } from './storage/types';

const USAGE = `Usage:
  room create --title "Titel" [--expires-days N]
  room list
  room revoke --room <roomId> (--role facilitator|participant|viewer | --token <token> | --all)`;

class UsageError extends Error {}

/** Origin for join links: PUBLIC_URL, else this machine's first LAN address, else localhost. */
function linkOrigin(config: RelayConfig): string {
  if (config.publicUrl) return config.publicUrl;
  return `http://${lanAddresses()[0] ?? 'localhost'}:${config.port === 0 ? 8787 : config.port}`;
}

/** A command whose arguments were checked: it only needs the storage to run. */
type Job = (storage: Storage) => Promise<unknown>;

function create(config: RelayConfig, args: string[]): Job {
  const { values } = parseArgs({
    args,
    options: { title: { type: 'string' }, 'expires-days': { type: 'string' } }
  });
  const title = values.title?.trim() ?? '';
  if (title === '' || title.length > MAX_TITLE_LENGTH) {
    throw new UsageError(`--title is required (1 to ${MAX_TITLE_LENGTH} characters)`);
  }
  let expiresAt: number | null = null;
  if (values['expires-days'] !== undefined) {
    const days = Number(values['expires-days']);
    if (!Number.isFinite(days) || days <= 0) throw new UsageError('--expires-days must be a positive number');
    expiresAt = Date.now() + Math.round(days * 86_400_000);
  }
  return (storage) => createRoomWithTokens(storage, { title, expiresAt, origin: linkOrigin(config) });
}

async function list(storage: Storage): Promise<unknown> {
  const now = Date.now();
  const rooms = await storage.listRooms();
  return Promise.all(
    rooms.map(async (room) => ({
      ...room,
      links: (await storage.listLinks(room.roomId)).map((l) => ({
        role: l.role,
        tokenHashPrefix: l.tokenHash.slice(0, 12),
        expiresAt: l.expiresAt,
        revokedAt: l.revokedAt,
        state: linkProblem(l, now) ?? 'active'
      }))
    }))
  );
}

function revoke(args: string[]): Job {
  const { values } = parseArgs({
    args,
    options: {
      room: { type: 'string' },
      role: { type: 'string' },
      token: { type: 'string' },
      all: { type: 'boolean' }
    }
  });
  const roomId = values.room ?? '';
  if (!isRoomId(roomId)) throw new UsageError('--room <roomId> is required');
  const chosen = [values.role !== undefined, values.token !== undefined, values.all === true].filter(Boolean);
  if (chosen.length !== 1) throw new UsageError('give exactly one of --role, --token, --all');
  if (values.role !== undefined && !(ROLES as readonly string[]).includes(values.role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  }
  const match = {
    role: values.role as Role | undefined,
    tokenHash: values.token === undefined ? undefined : hashToken(values.token)
  };
  return async (storage) => ({
    roomId,
    revoked: await storage.revokeLinks(roomId, match, Date.now()),
    note: 'Open connections are closed at the relay’s next revalidation (REVALIDATE_MS).'
  });
}

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  let config: RelayConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (command !== 'create' && command !== 'list' && command !== 'revoke') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // Wrong usage is told before the storage is opened: it never waits for, or fails on, the database.
  let job: Job;
  try {
    job = command === 'create' ? create(config, args) : command === 'list' ? list : revoke(args);
  } catch (error) {
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!usage) throw error;
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const storage = await openStorage(config);
  try {
    process.stdout.write(`${JSON.stringify(await job(storage), null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await storage.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
);
