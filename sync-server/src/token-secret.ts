// The key that signs session tokens (HS256): TOKEN_SECRET from the environment (≥ 32 bytes as hex or
// base64url), else a random key generated once into DATA_DIR/token-secret (mode 0600) and reused by later
// starts. Several instances sharing one PostgreSQL database must share the key, so a relay with DATABASE_URL
// and no TOKEN_SECRET refuses to start (assertSharedSecret, called by main.ts). The key is never logged.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, parseTokenSecret, type RelayConfig } from './config';
import type { Logger } from './log';

export const MIN_SECRET_BYTES = 32;
export const SECRET_FILE = 'token-secret';

/** Stops a relay that shares a database with other instances but would sign with a key of its own. */
export function assertSharedSecret(config: RelayConfig): void {
  if (config.databaseUrl !== null && config.tokenSecret === null) {
    throw new ConfigError([
      'TOKEN_SECRET must be set when DATABASE_URL is set: every relay instance must sign and check session ' +
        'tokens with the same key (at least 32 random bytes as hex or base64url, e.g. `openssl rand -hex 32`)'
    ]);
  }
}

/** The configured key, or the one in DATA_DIR/token-secret (created on first use). */
export function loadTokenSecret(config: RelayConfig, log: Logger): Uint8Array {
  if (config.tokenSecret) return config.tokenSecret;
  const file = path.join(config.dataDir, SECRET_FILE);
  try {
    return readOrCreate(file);
  } catch (error) {
    // Sessions still work on this instance; they end when it restarts (the app then simply asks again).
    log.warn({ errorKind: error instanceof Error ? error.name : typeof error }, 'token secret not stored');
    return new Uint8Array(randomBytes(MIN_SECRET_BYTES));
  }
}

function readOrCreate(file: string): Uint8Array {
  const read = (): Uint8Array => {
    const key = parseTokenSecret(fs.readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a usable key; remove it to generate a new one`);
    return key;
  };
  if (fs.existsSync(file)) return read();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx' fails if another process (a second start, the CLI) created it meanwhile: then use theirs.
    fs.writeFileSync(file, `${randomBytes(MIN_SECRET_BYTES).toString('base64url')}\n`, {
      flag: 'wx',
      mode: 0o600
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return read();
}
