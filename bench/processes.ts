// Child processes of the bench: our relay as `npm start` runs it (`node sync-server/dist/main.js`, the
// esbuild bundle that bench/run.ts builds first), the reference
// relay (`@y/websocket-server`'s server.js) and the load generator, each started through a tiny shell
// wrapper that raises the open-files limit to the hard limit and pins the process to one core with
// taskset (exec keeps the pid, so /proc/<pid> is the relay itself). Also: rooms with tokens for our relay,
// free ports, and the machine description printed with the results.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RELAY_BUNDLE, RELAY_NODE_FLAGS } from '../scripts/build-relay.js';
import { accepts, freePort } from '../scripts/ports.js';
import { createRoomWithTokens } from '../sync-server/src/registration';
import { openSqliteStorage } from '../sync-server/src/storage/sqlite';
import type { Storage } from '../sync-server/src/storage/types';
import type { LoadgenMessage, Task, TaskResult } from './tasks';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const hasTaskset = ((): boolean => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const cores = os.availableParallelism();
/** Core of the relay under test and core of the load generator (null: not pinned). */
export const PIN = hasTaskset && cores >= 2 ? { relay: 0, loadgen: 1 } : { relay: null, loadgen: null };

export type RelayName = 'ours' | 'reference' | 'floor';

export interface RelayProcess {
  name: RelayName;
  pid: number;
  port: number;
  wsBase: string;
  output(): string;
  /** SIGTERM (ours flushes and compacts), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

function spawnPinned(argv: string[], core: number | null, env: NodeJS.ProcessEnv, ipc = false): ChildProcess {
  const pin = core === null ? [] : ['taskset', '-c', String(core)];
  const script = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';
  const child = spawn('sh', ['-c', script, 'sh', ...pin, ...argv], {
    cwd: ROOT,
    env,
    stdio: ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'pipe']
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`relay exited with ${child.exitCode}:\n${output()}`);
    if (await accepts(port)) return;
    if (Date.now() > deadline) throw new Error(`relay did not listen on ${port}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const children = new Set<ChildProcess>();
/** Never leave a relay or generator behind when the bench stops early. */
export function killChildren(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function startRelay(name: RelayName, argv: string[], env: NodeJS.ProcessEnv): Promise<RelayProcess> {
  const port = await freePort();
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) };
  for (const [k, v] of Object.entries(fullEnv)) if (v === undefined) delete fullEnv[k];
  const child = spawnPinned(argv, PIN.relay, fullEnv);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, child, () => output);
  const pid = child.pid ?? -1;
  const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  if (comm !== 'node') throw new Error(`pid ${pid} is "${comm}", not the relay's node process`);
  return {
    name,
    pid,
    port,
    wsBase: `ws://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
}

/**
 * BENCH_PROFILE=1 writes a V8 CPU profile of every run of our relay to bench/results/profiles;
 * BENCH_PROFILE=all also profiles the load generator (read them with bench/profile-summary.ts).
 */
function profileFlags(...levels: string[]): string[] {
  const on = levels.includes(process.env.BENCH_PROFILE ?? '') || process.env.BENCH_PROFILE === 'all';
  return on ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles'] : [];
}

/**
 * Our relay with its defaults, on a free port, with the given DATA_DIR: the embedded SQLite store even when
 * the shell exports DATABASE_URL / REDIS_URL (CI does); the scale-out case passes them in `env`.
 */
export function startOurs(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RelayProcess> {
  const profile = profileFlags('1');
  env = { DATABASE_URL: undefined, REDIS_URL: undefined, TOKEN_SECRET: undefined, ...env };
  return startRelay(
    'ours',
    [
      process.execPath,
      ...profile,
      ...(process.env.OURS_NODE_FLAGS?.split(' ').filter(Boolean) ?? RELAY_NODE_FLAGS),
      RELAY_BUNDLE
    ],
    {
      DATA_DIR: dataDir,
      STATIC_DIR: path.join(dataDir, 'no-static'),
      LOG_LEVEL: 'warn',
      ...env
    }
  );
}

/** @y/websocket-server@0.1.1 as installed, no persistence (YPERSISTENCE unset). */
export function startReference(): Promise<RelayProcess> {
  const server = path.join(ROOT, 'node_modules/@y/websocket-server/src/server.js');
  return startRelay('reference', [process.execPath, server], { YPERSISTENCE: undefined });
}

/** bench/floor-relay.js: raw forwarding only, the floor of what the generator and machine allow. */
export function startFloor(): Promise<RelayProcess> {
  return startRelay('floor', [process.execPath, path.join(ROOT, 'bench/floor-relay.js')], {});
}

export function startRelayNamed(name: RelayName, dataDir: string): Promise<RelayProcess> {
  return name === 'ours' ? startOurs(dataDir) : name === 'reference' ? startReference() : startFloor();
}

/** Registers rooms in DATA_DIR the way the CLI does; returns `/sync/<roomId>?token=<participant token>`. */
export async function createRoomPaths(dataDir: string, count: number): Promise<string[]> {
  const storage = openSqliteStorage(dataDir);
  try {
    return await registerRooms(storage, count);
  } finally {
    await storage.close();
  }
}

/** Registers rooms in any store (SQLite or PostgreSQL) the way the CLI does; returns their paths. */
export async function registerRooms(storage: Storage, count: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const room = await createRoomWithTokens(storage, {
      title: `Bench ${i}`,
      expiresAt: null,
      origin: 'http://127.0.0.1'
    });
    paths.push(`/sync/${room.roomId}?token=${encodeURIComponent(room.tokens.participant)}`);
  }
  return paths;
}

export interface StorageWrites {
  transactions: number;
  totalMs: number;
  /** Transactions that took longer than 10 ms (each blocks the relay's event loop that long). */
  over10ms: number;
}

/** Our relay's grouped-write histogram from GET /metrics (since the relay started). */
export async function scrapeStorageWrites(relay: RelayProcess): Promise<StorageWrites | null> {
  if (relay.name !== 'ours') return null;
  const text = await (await fetch(`http://127.0.0.1:${relay.port}/metrics`)).text();
  const value = (pattern: string): number =>
    Number(new RegExp(`^${pattern} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const transactions = value('relay_storage_write_seconds_count');
  return {
    transactions,
    totalMs: value('relay_storage_write_seconds_sum') * 1000,
    over10ms: transactions - value('relay_storage_write_seconds_bucket\\{le="0.01"\\}')
  };
}

/** Our relay's GET /healthz: how many documents it holds loaded and how many sockets are open. */
export async function ourHealth(relay: RelayProcess): Promise<{ rooms: number; connections: number }> {
  return (await (await fetch(`http://127.0.0.1:${relay.port}/healthz`)).json()) as {
    rooms: number;
    connections: number;
  };
}

export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'slt-bench-'));
}

/** Runs one task in a fresh, pinned load-generator process and returns its result. */
export function runLoadgen<T extends TaskResult>(task: Task): Promise<T> {
  const argv = [process.execPath, ...profileFlags(), '--import', 'tsx', 'bench/loadgen.ts'];
  const child = spawnPinned(argv, PIN.loadgen, process.env, true);
  return new Promise<T>((resolve, reject) => {
    let answered = false;
    child.once('message', (message: LoadgenMessage) => {
      answered = true;
      if (message.ok) resolve(message.result as T);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`load generator exited with ${code} before answering`));
    });
    child.send(task);
  });
}

export function machine(): { nproc: number; cpu: string; node: string; pinning: string; fdLimit: string } {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown';
  const fdLimit = execFileSync('sh', ['-c', 'echo "$(ulimit -Sn) soft / $(ulimit -Hn) hard"'])
    .toString()
    .trim();
  const pinning =
    PIN.relay === null
      ? `not pinned (${hasTaskset ? 'fewer than 2 cores' : 'taskset missing'})`
      : `relay on core ${PIN.relay}, load generator on core ${PIN.loadgen} (taskset)`;
  return { nproc: cores, cpu, node: process.version, pinning, fdLimit };
}
