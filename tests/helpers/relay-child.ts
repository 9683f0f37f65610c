// Starts the relay as its own process, as `npm start` runs it (`node sync-server/dist/main.js`, the bundle
// that vitest's global setup builds; one process, so a signal or kill -9 hits the relay itself) on port 0
// with a given DATA_DIR, and learns its port from the "relay listening" log line. For restart and crash
// tests.

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { RELAY_BUNDLE, RELAY_NODE_FLAGS } from '../../scripts/build-relay.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ChildRelay {
  child: ChildProcess;
  port: number;
  url: string;
  wsUrl: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Sends a signal and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The test process's environment without the scale-out variables: CI exports DATABASE_URL and REDIS_URL for
 * the scale-out tests, and a child relay meant to run on the embedded SQLite default must not pick them up.
 * Tests that want PostgreSQL or Redis pass them explicitly in `env`.
 */
export function embeddedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.TOKEN_SECRET;
  return env;
}

export function startChildRelay(options: {
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ChildRelay> {
  if (!fs.existsSync(RELAY_BUNDLE))
    throw new Error(`${RELAY_BUNDLE} missing: run node scripts/build-relay.js`);
  const child = spawn(process.execPath, [...RELAY_NODE_FLAGS, RELAY_BUNDLE], {
    cwd: ROOT,
    env: {
      ...embeddedEnv(),
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      STATIC_DIR: path.join(options.dataDir, 'no-static'),
      LOG_LEVEL: 'info',
      ...options.env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child relay did not start:\n${output}`));
    }, options.timeoutMs ?? 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /"port":(\d+)[^\n]*"msg":"relay listening"/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const port = Number(match[1]);
      resolve({
        child,
        port,
        url: `http://127.0.0.1:${port}`,
        wsUrl: `ws://127.0.0.1:${port}/sync`,
        output: () => output,
        stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        }
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`child relay exited with ${code} before listening:\n${output}`));
    });
  });
}
