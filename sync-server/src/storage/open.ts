// Picks the store from the config: PostgreSQL when DATABASE_URL is set (shared by several relay instances
// and the CLI), else the SQLite file in DATA_DIR. The relay and the room CLI both open storage here.

import type { RelayConfig } from '../config';
import { openPostgresStorage } from './postgres';
import { openSqliteStorage } from './sqlite';
import type { Storage } from './types';

export type StorageKind = 'postgres' | 'sqlite';

export function storageKind(config: Pick<RelayConfig, 'databaseUrl'>): StorageKind {
  return config.databaseUrl ? 'postgres' : 'sqlite';
}

export async function openStorage(config: Pick<RelayConfig, 'databaseUrl' | 'dataDir'>): Promise<Storage> {
  return config.databaseUrl ? openPostgresStorage(config.databaseUrl) : openSqliteStorage(config.dataDir);
}
