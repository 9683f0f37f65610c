// A WebSocket upgrade whose access check is still running when the relay begins to close must be refused
// (503 shutting_down), not left open: an upgraded socket is not among the HTTP connections that
// server.closeAllConnections() ends, so one left open kept close() waiting for ever (seen as a hung relay
// stop in the e2e suite under load, while phones reconnected in a storm).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket as WsWebSocket } from 'ws';
import { makeConfig } from '../../sync-server/src/config';
import { createLogger } from '../../sync-server/src/log';
import { createRelay } from '../../sync-server/src/relay';
import { openSqliteStorage } from '../../sync-server/src/storage/sqlite';
import type { Storage } from '../../sync-server/src/storage/types';
import { useCleanups } from '../helpers/cleanups';
import { createTestRoom, makeTempDir, waitFor } from '../helpers/relay';

const defer = useCleanups();

describe('closing the relay during an upgrade', () => {
  it('refuses the upgrade whose access check was in flight, and close() completes', async () => {
    const dir = makeTempDir();
    const inner = openSqliteStorage(dir);
    const waiting: Array<() => void> = [];
    let holding = false;
    // Link lookups (the access check of an upgrade) wait while `holding` is on.
    const storage: Storage = {
      ...inner,
      async findLink(roomId, tokenHash) {
        if (holding) await new Promise<void>((resolve) => waiting.push(resolve));
        return inner.findLink(roomId, tokenHash);
      }
    };
    const config = makeConfig({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      staticDir: path.join(dir, 'no-static'),
      logLevel: 'silent'
    });
    const relay = await createRelay(config, { storage, logger: createLogger('silent') });
    const room = await createTestRoom(relay.storage);
    defer(async () => {
      for (const release of waiting.splice(0)) release();
      await inner.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    holding = true;
    const ws = new WsWebSocket(`${relay.wsUrl}/${room.roomId}?token=${room.tokens.participant}`);
    const answer = new Promise<number | string>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('error'));
    });
    await waitFor(() => waiting.length === 1, { timeoutMs: 5000 });

    const closing = relay.close({ graceMs: 100 });
    holding = false;
    for (const release of waiting.splice(0)) release();

    const closed = await Promise.race([
      closing.then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 10 s'), 10_000))
    ]);
    expect(closed).toBe('closed');
    expect(await answer).toBe(503);
    ws.terminate();
  });
});
