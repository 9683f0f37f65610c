// The `npm run room` CLI in integration tests: run it as a child process (as `npm run room` would, through
// tsx, with the embedded relay's environment) against a relay started for the test, with a temp folder for
// the files it reads and writes.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Defer } from './cleanups';
import { embeddedEnv } from './relay-child';
import { makeTempDir, startTestRelay, type RoomTokens, type TestRelay } from './relay';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run room -- <args>`: its exit code and output (a failing exit resolves too). */
export async function room(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/room.ts', ...args],
      { cwd: ROOT, env: { ...embeddedEnv(), ROOM_CLIENT_TIMEOUT_MS: '10000' }, maxBuffer: 1 << 24 }
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export interface CliRelay {
  relay: TestRelay;
  roomId: string;
  tokens: RoomTokens;
  /** The join link of the relay's room with `token`, as the CLI takes it. */
  link(token: string): string;
  /** A temp folder for the test's files. */
  dir: string;
}

/** A relay with one room and a temp folder, both removed after the test. */
export async function startCliRelay(defer: Defer): Promise<CliRelay> {
  const dir = makeTempDir();
  defer(() => fs.rmSync(dir, { recursive: true, force: true }));
  const relay = await startTestRelay();
  defer(() => relay.close());
  const { roomId, tokens } = relay.room;
  return { relay, roomId, tokens, link: (token) => `${relay.url}/join/${roomId}#${token}`, dir };
}
