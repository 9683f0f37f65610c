// Helpers for scale-out tests (several relay instances sharing PostgreSQL and Redis): whether the services
// are configured (DATABASE_URL, REDIS_URL) and a suite title that says why it does not run otherwise, a
// fresh schema with one room, and cutting the Redis subscriber connections of given relay instances.

import { Redis } from 'ioredis';
import { openPostgresStorage } from '../../sync-server/src/storage/postgres';
import { dropPgSchema, pgTestSchema, urlWithSchema } from './pg';
import { createTestRoom, type TestRoom } from './relay';

export const DATABASE_URL = process.env.DATABASE_URL ?? '';
export const REDIS_URL = process.env.REDIS_URL ?? '';
export const scaleOutEnabled = DATABASE_URL !== '' && REDIS_URL !== '';

export function scaleOutTitle(title: string): string {
  const missing = [DATABASE_URL ? null : 'DATABASE_URL', REDIS_URL ? null : 'REDIS_URL'].filter(Boolean);
  return missing.length === 0 ? title : `${title} (${missing.join(' and ')} not set)`;
}

export interface SharedDatabase {
  /** DATABASE_URL pointing at this test's own schema. */
  databaseUrl: string;
  schema: string;
  room: TestRoom;
  drop(): Promise<void>;
}

/** A throw-away schema holding one room with a token per role. */
export async function sharedDatabase(purpose: string): Promise<SharedDatabase> {
  const schema = pgTestSchema(purpose);
  const databaseUrl = urlWithSchema(DATABASE_URL, schema);
  const storage = await openPostgresStorage(databaseUrl, { max: 1 });
  try {
    const room = await createTestRoom(storage);
    return { databaseUrl, schema, room, drop: () => dropPgSchema(DATABASE_URL, schema) };
  } finally {
    await storage.close();
  }
}

/** Kills the Redis subscriber connections of these relay instances (CLIENT KILL ID); resolves with how many. */
export async function killSubscribers(instanceIds: string[]): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  try {
    const list = (await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    const ids = list
      .split('\n')
      .filter((line) => instanceIds.some((id) => line.includes(` name=slt-relay:${id}:sub `)))
      .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    for (const id of ids) await redis.call('CLIENT', 'KILL', 'ID', id);
    return ids.length;
  } finally {
    redis.disconnect();
  }
}
