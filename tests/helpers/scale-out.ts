// Helpers for scale-out tests (several relay instances sharing PostgreSQL and Redis): whether the services
// are configured (DATABASE_URL, REDIS_URL) and a suite title that says why it does not run otherwise, a
// fresh schema with one room, cutting the Redis subscriber connections of given relay instances, and a Redis
// server of a test's own that it can kill and start again.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Redis } from 'ioredis';
import { accepts, freePort } from '../../scripts/ports.js';
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

/** redis-server on this machine, for tests that restart Redis itself; null when it is not installed. */
export const REDIS_SERVER =
  ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p)) ?? null;

export interface OwnRedis {
  url: string;
  /** SIGKILL: every connection drops at once and nothing is kept (no persistence). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** A Redis server of the test's own on a free port (never the shared one other tests use). */
export async function ownRedis(defer: (cleanup: () => unknown) => void): Promise<OwnRedis> {
  if (!REDIS_SERVER) throw new Error('redis-server is not installed');
  const server = REDIS_SERVER;
  const port = await freePort();
  let child: ChildProcess | null = null;
  const kill = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const started = spawn(server, args, { stdio: 'ignore' });
    child = started;
    const deadline = Date.now() + 5000;
    // A server that exits (the port taken meanwhile, say) fails at once instead of after the deadline.
    while (!(await accepts(port))) {
      if (started.exitCode !== null)
        throw new Error(`redis-server on port ${port} exited (${started.exitCode})`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (started.exitCode !== null)
      throw new Error(`redis-server on port ${port} exited (${started.exitCode})`);
  };
  defer(kill);
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start };
}
