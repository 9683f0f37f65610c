// All environment parsing for the relay lives here: one function turns `process.env` (or any record) into a
// validated, typed RelayConfig, and fails with one clear message per bad variable. Nothing else in
// sync-server reads process.env, so tests build a config object directly and run relays side by side.

import path from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface RelayConfig {
  /** TCP port; 0 picks a free one. */
  port: number;
  host: string;
  /** Folder that holds relay.sqlite. */
  dataDir: string;
  /** The built app (index.html, _app/, sw.js) served on the same port. */
  staticDir: string;
  /** When set, POST /api/rooms needs `Authorization: Bearer <key>`. */
  roomCreateKey: string | null;
  /** Largest accepted WebSocket message in bytes; larger ones close the socket with 1009. */
  maxMessageBytes: number;
  /** A loaded document with no connections is flushed, compacted and unloaded after this many ms. */
  roomIdleMs: number;
  logLevel: LogLevel;
  /** Origin used in printed join links, e.g. https://tisch.example.org (no trailing slash). */
  publicUrl: string | null;
  /** Queued updates are written in one transaction at most this many ms after the first one arrived. */
  flushIntervalMs: number;
  /** Compact a document's update log into one snapshot past this many rows … */
  compactRows: number;
  /** … or past this many bytes. */
  compactBytes: number;
  /** A socket that has been sent nothing for this long gets a harmless keepalive message. */
  keepaliveMs: number;
  /** ws ping interval; a peer that has not answered the previous ping by the next one is dropped. */
  pingIntervalMs: number;
  /** How often open connections re-check that their link is neither revoked nor expired. */
  revalidateMs: number;
  /** postgres://… : PostgreSQL is the store instead of SQLite in dataDir (`?search_path=` picks a schema). */
  databaseUrl: string | null;
  /** redis://… : instances sharing the database fan document and awareness updates out through Redis. */
  redisUrl: string | null;
  /** TOKEN_SECRET: the key that signs session tokens; null = DATA_DIR/token-secret (token-secret.ts). */
  tokenSecret: Uint8Array | null;
  /** SESSION_TTL_S: how long a session token (POST /api/rooms/<id>/session) is valid, in seconds. */
  sessionTtlS: number;
  /**
   * Days after its creation the relay deletes a room whose facilitators set no date themselves
   * (RETENTION_DAYS; 0 = only on the date a facilitator set, retention.ts).
   */
  retentionDays: number;
  /** How often the retention sweeper looks for rooms past their date (RETENTION_SWEEP_MS). */
  retentionSweepMs: number;
  /** Largest awareness message in bytes (document updates may use maxMessageBytes). */
  maxAwarenessBytes: number;
  /** A socket with more than this (plus its initial sync) waiting to be sent is dropped with 1013. */
  maxBufferedBytes: number;
  /** Most structs (items, GC/skip ranges) in one document update. */
  maxUpdateStructs: number;
  /** Most delete ranges in one document update. */
  maxUpdateDeletes: number;
  /** Pending structs and deletes (dependencies missing) kept per document at most this many bytes … */
  pendingMaxBytes: number;
  /** … and at most this many ms. */
  pendingMaxMs: number;
  /** Awareness changes of a document are coalesced over this many ms (0: off). */
  awarenessBatchMs: number;
  /** Connections of one document whose save request (102) waits for a write, at most; one more: 1013. */
  saveWaitersMax: number;
  /** Messages and bytes per second a peer may send: per connection, per link (room + token), per room. */
  rateConnectionMessages: number;
  rateConnectionBytes: number;
  rateLinkMessages: number;
  rateLinkBytes: number;
  rateRoomMessages: number;
  rateRoomBytes: number;
  /** Over a rate limit for this long (messages dropped without a quiet second): closed with 1008. */
  rateCloseAfterMs: number;
  /** At shutdown, sockets are closed spread over up to this many ms (at most one per 10 ms). */
  shutdownSpreadMs: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid relay configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULTS: RelayConfig = {
  port: 8787,
  host: '0.0.0.0',
  dataDir: './data',
  staticDir: './build',
  roomCreateKey: null,
  maxMessageBytes: 1024 * 1024,
  roomIdleMs: 30_000,
  logLevel: 'info',
  publicUrl: null,
  flushIntervalMs: 10,
  compactRows: 500,
  compactBytes: 8 * 1024 * 1024,
  keepaliveMs: 10_000,
  pingIntervalMs: 15_000,
  revalidateMs: 30_000,
  databaseUrl: null,
  redisUrl: null,
  tokenSecret: null,
  sessionTtlS: 12 * 3600,
  retentionDays: 0,
  retentionSweepMs: 3600_000,
  maxAwarenessBytes: 16 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxUpdateStructs: 30_000,
  maxUpdateDeletes: 100_000,
  pendingMaxBytes: 256 * 1024,
  pendingMaxMs: 10_000,
  awarenessBatchMs: 100,
  saveWaitersMax: 10_000,
  rateConnectionMessages: 200,
  rateConnectionBytes: 1024 * 1024,
  rateLinkMessages: 20_000,
  rateLinkBytes: 24 * 1024 * 1024,
  rateRoomMessages: 30_000,
  rateRoomBytes: 32 * 1024 * 1024,
  rateCloseAfterMs: 3000,
  shutdownSpreadMs: 3000
};

type Env = Record<string, string | undefined>;

/** Reads and validates the relay's environment variables (see sync-server/README.md). */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): RelayConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };

  const logLevelRaw = value('LOG_LEVEL') ?? DEFAULTS.logLevel;
  const logLevel = (LOG_LEVELS as readonly string[]).includes(logLevelRaw) ? (logLevelRaw as LogLevel) : null;
  if (!logLevel)
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevelRaw)} must be one of ${LOG_LEVELS.join(', ')}`);

  const roomCreateKey = value('ROOM_CREATE_KEY') ?? null;
  if (roomCreateKey !== null && roomCreateKey.length < 16) {
    problems.push('ROOM_CREATE_KEY must be at least 16 characters long (use a random secret)');
  }

  let publicUrl = value('PUBLIC_URL') ?? null;
  if (publicUrl !== null) {
    try {
      const url = new URL(publicUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      publicUrl = publicUrl.replace(/\/+$/, '');
    } catch {
      problems.push(
        `PUBLIC_URL=${JSON.stringify(publicUrl)} must be an http(s) URL like https://tisch.example.org`
      );
    }
  }

  const urlOf = (name: string, protocols: string[], example: string): string | null => {
    const raw = value(name);
    if (raw === undefined) return null;
    let protocol = '';
    try {
      protocol = new URL(raw).protocol;
    } catch {
      // reported below; the value itself may hold a password, so it is never echoed
    }
    if (!protocols.includes(protocol)) problems.push(`${name} must be a URL like ${example}`);
    return raw;
  };
  const databaseUrl = urlOf('DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://user@host:5432/db');
  const redisUrl = urlOf('REDIS_URL', ['redis:', 'rediss:'], 'redis://host:6379');

  const secretRaw = value('TOKEN_SECRET');
  const tokenSecret = secretRaw === undefined ? null : parseTokenSecret(secretRaw);
  if (secretRaw !== undefined && !tokenSecret) {
    problems.push('TOKEN_SECRET must be at least 32 random bytes as hex or base64url (openssl rand -hex 32)');
  }

  const host = value('HOST') ?? DEFAULTS.host;
  if (/\s|\//.test(host)) problems.push(`HOST=${JSON.stringify(host)} must be a host name or IP address`);

  const config: RelayConfig = {
    port: int('PORT', DEFAULTS.port, 0, 65535),
    host,
    dataDir: path.resolve(cwd, value('DATA_DIR') ?? DEFAULTS.dataDir),
    staticDir: path.resolve(cwd, value('STATIC_DIR') ?? DEFAULTS.staticDir),
    roomCreateKey,
    maxMessageBytes: int('MAX_MESSAGE_BYTES', DEFAULTS.maxMessageBytes, 1024, 64 * 1024 * 1024),
    roomIdleMs: int('ROOM_IDLE_MS', DEFAULTS.roomIdleMs, 0, 24 * 3600_000),
    logLevel: logLevel ?? DEFAULTS.logLevel,
    publicUrl,
    flushIntervalMs: int('FLUSH_INTERVAL_MS', DEFAULTS.flushIntervalMs, 0, 1000),
    compactRows: int('COMPACT_ROWS', DEFAULTS.compactRows, 1, 1_000_000),
    compactBytes: int('COMPACT_BYTES', DEFAULTS.compactBytes, 1024, 1024 * 1024 * 1024),
    keepaliveMs: int('KEEPALIVE_MS', DEFAULTS.keepaliveMs, 100, 14_000),
    pingIntervalMs: int('PING_INTERVAL_MS', DEFAULTS.pingIntervalMs, 100, 600_000),
    revalidateMs: int('REVALIDATE_MS', DEFAULTS.revalidateMs, 100, 3600_000),
    databaseUrl,
    redisUrl,
    tokenSecret,
    sessionTtlS: int('SESSION_TTL_S', DEFAULTS.sessionTtlS, 60, 30 * 24 * 3600),
    retentionDays: int('RETENTION_DAYS', DEFAULTS.retentionDays, 0, 36_500),
    retentionSweepMs: int('RETENTION_SWEEP_MS', DEFAULTS.retentionSweepMs, 100, 24 * 3600_000),
    ...limitsFrom(int)
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Decodes a token-signing key given as hex or base64url; null when it is neither or under 32 bytes. */
export function parseTokenSecret(raw: string): Uint8Array | null {
  const text = raw.trim();
  let bytes: Buffer | null = null;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) bytes = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9_-]+={0,2}$/.test(text)) bytes = Buffer.from(text.replace(/=+$/, ''), 'base64url');
  return bytes && bytes.byteLength >= 32 ? new Uint8Array(bytes) : null;
}

/** A complete config from defaults plus overrides, for tests and embedding (no env involved). */
export function makeConfig(overrides: Partial<RelayConfig> = {}): RelayConfig {
  return { ...DEFAULTS, ...overrides };
}

type IntReader = (name: string, fallback: number, min: number, max: number) => number;

/** The abuse limits (see sync-server/README.md, "Limits"); rates of 0 mean unlimited. */
function limitsFrom(int: IntReader) {
  const D = DEFAULTS;
  const GiB = 1024 * 1024 * 1024;
  return {
    maxAwarenessBytes: int('MAX_AWARENESS_BYTES', D.maxAwarenessBytes, 256, 64 * 1024 * 1024),
    maxBufferedBytes: int('MAX_BUFFERED_BYTES', D.maxBufferedBytes, 64 * 1024, GiB),
    maxUpdateStructs: int('MAX_UPDATE_STRUCTS', D.maxUpdateStructs, 100, 10_000_000),
    maxUpdateDeletes: int('MAX_UPDATE_DELETES', D.maxUpdateDeletes, 100, 10_000_000),
    pendingMaxBytes: int('PENDING_MAX_BYTES', D.pendingMaxBytes, 0, GiB),
    pendingMaxMs: int('PENDING_MAX_MS', D.pendingMaxMs, 0, 3600_000),
    awarenessBatchMs: int('AWARENESS_BATCH_MS', D.awarenessBatchMs, 0, 5000),
    saveWaitersMax: int('SAVE_WAITERS_MAX', D.saveWaitersMax, 1, 1_000_000),
    rateConnectionMessages: int('RATE_CONNECTION_MESSAGES', D.rateConnectionMessages, 0, 1_000_000),
    rateConnectionBytes: int('RATE_CONNECTION_BYTES', D.rateConnectionBytes, 0, GiB),
    rateLinkMessages: int('RATE_LINK_MESSAGES', D.rateLinkMessages, 0, 10_000_000),
    rateLinkBytes: int('RATE_LINK_BYTES', D.rateLinkBytes, 0, 16 * GiB),
    rateRoomMessages: int('RATE_ROOM_MESSAGES', D.rateRoomMessages, 0, 10_000_000),
    rateRoomBytes: int('RATE_ROOM_BYTES', D.rateRoomBytes, 0, 16 * GiB),
    rateCloseAfterMs: int('RATE_CLOSE_AFTER_MS', D.rateCloseAfterMs, 0, 600_000),
    shutdownSpreadMs: int('SHUTDOWN_SPREAD_MS', D.shutdownSpreadMs, 0, 600_000)
  };
}
