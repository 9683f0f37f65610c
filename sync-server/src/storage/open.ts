// Picks the store from the config: PostgreSQL when DATABASE_URL is set (shared by several relay instances
// and the CLI), else the SQLite file in DATA_DIR. The relay and the room CLI both open storage here. The
// PostgreSQL client is imported only when it is used (it costs memory in every relay that does not).

import type { RelayConfig } from '../config';
import { openSqliteStorage } from './sqlite';
import type { Storage } from './types';

export type StorageKind = 'postgres' | 'sqlite';

export function storageKind(config: Pick<RelayConfig, 'databaseUrl'>): StorageKind {
  return config.databaseUrl ? 'postgres' : 'sqlite';
}

export async function openStorage(config: Pick<RelayConfig, 'databaseUrl' | 'dataDir'>): Promise<Storage> {
  if (!config.databaseUrl) return openSqliteStorage(config.dataDir);
  const { openPostgresStorage } = await import('./postgres');
  return openPostgresStorage(config.databaseUrl);
}
