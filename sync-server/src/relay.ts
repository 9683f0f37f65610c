// The relay as a factory: createRelay(config) wires storage, write queue, rooms, the HTTP handler and the
// WebSocket upgrade onto one port and resolves once it listens. Nothing is module-level, so tests run
// several relays in one process. close() refuses new work, closes every socket with a code and reason,
// writes and compacts everything, then releases the port and the database.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { RelayConfig } from './config';
import { Connection, type ConnectionContext } from './connection';
import { startHeartbeats } from './heartbeat';
import { CLOSE, ROOM_DELETED_REASON } from './protocol';
import { createRequestHandler } from './http';
import { reachableUrls } from './lan';
import { createRelayLimits } from './limits/relay-limits';
import { createLogger, type Logger } from './log';
import { createMetrics, type RelayMetrics } from './metrics';
import { revalidateConnections } from './revalidate';
import { createRoomDeleter } from './room-delete';
import { startRetentionSweeper } from './retention';
import { RoomRegistry } from './rooms';
import type { DeleteRoomResult, Role, Storage } from './storage/types';
import { FanoutBridge, type BridgeOptions } from './fanout/bridge';
import { createLocalFanout } from './fanout/local';
import type { Fanout } from './fanout/types';
import { openStorage } from './storage/open';
import { closeSpread } from './shutdown';
import { SealedScopes } from './sealed';
import { SessionTokens } from './session-token';
import { loadTokenSecret } from './token-secret';
import { createUpgradeHandler } from './upgrade';
import { WriteQueue } from './write-queue';

export interface RelayOptions {
  logger?: Logger;
  /** Use this store instead of the configured one (the caller then closes it). */
  storage?: Storage;
  /** Use this fan-out instead of the configured one (the caller then closes it). */
  fanout?: Fanout;
  bridge?: BridgeOptions;
  /** Also export Node process metrics (off in tests: they install process-wide hooks). */
  defaultMetrics?: boolean;
}

export interface CloseOptions {
  code?: number;
  reason?: string;
  /** How long sockets get to finish the closing handshake before they are dropped. */
  graceMs?: number;
  /** Closes are spread over up to this many ms (default: config.shutdownSpreadMs). */
  spreadMs?: number;
}

export interface Relay {
  readonly port: number;
  /** http://host:port, with a loopback address when listening on all interfaces. */
  readonly url: string;
  /** ws://host:port/sync — the y-websocket provider's serverUrl. */
  readonly wsUrl: string;
  readonly storage: Storage;
  /** Redis fan-out between instances when REDIS_URL is set, else a local no-op. */
  readonly fanout: Fanout;
  readonly metrics: RelayMetrics;
  readonly log: Logger;
  stats(): { rooms: number; connections: number };
  /** Writes everything queued; resolves true when all of it is durable. */
  flush(): Promise<boolean>;
  /** Revokes links and closes the sockets that used them (code 4403). */
  revokeLinks(roomId: string, match: { tokenHash?: string; role?: Role }): Promise<number>;
  /** Re-checks every open connection's link; closes those revoked or expired. */
  revalidate(): Promise<void>;
  /** Deletes a room for good (room-delete.ts): its sockets close with 4410, its stored data goes. */
  deleteRoom(roomId: string): Promise<DeleteRoomResult>;
  close(options?: CloseOptions): Promise<void>;
}

export const RESTART_REASON = 'Server startet neu / server restarting';

export async function createRelay(config: RelayConfig, options: RelayOptions = {}): Promise<Relay> {
  const log = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? false });
  const storage = options.storage ?? (await openStorage(config));
  const sessions = new SessionTokens(loadTokenSecret(config, log), config.sessionTtlS, storage);
  let fanout: Fanout;
  try {
    fanout =
      options.fanout ??
      (config.redisUrl
        ? await (await import('./fanout/redis')).openRedisFanout(config.redisUrl, log) // imported only when used
        : createLocalFanout());
  } catch (error) {
    if (!options.storage) await storage.close();
    throw error;
  }
  const bridge = new FanoutBridge(fanout, storage, log, options.bridge);
  const writeQueue = new WriteQueue(
    storage,
    {
      flushIntervalMs: config.flushIntervalMs,
      compactRows: config.compactRows,
      compactBytes: config.compactBytes,
      eagerFlushBytes: Math.max(config.maxMessageBytes, 1024 * 1024),
      retryMs: 1000
    },
    metrics,
    log
  );
  const registry = new RoomRegistry(storage, writeQueue, config.roomIdleMs, metrics, log, bridge, {
    awarenessBatchMs: config.awarenessBatchMs,
    saveWaitersMax: config.saveWaitersMax,
    onAwarenessBatch(updates) {
      metrics.awarenessBatches.inc();
      metrics.awarenessBatchedUpdates.inc(updates);
    }
  });
  const deleteRoom = createRoomDeleter({ storage, registry, writeQueue, bridge, log });
  // Another instance deleted a room: drop what of it is loaded here, unwritten.
  bridge.onRemoteDeleted = (roomId) => {
    registry.evictRoom(roomId, CLOSE.roomDeleted, ROOM_DELETED_REASON).catch((error: unknown) => {
      log.error({ err: error, doc: roomId }, 'evicting a deleted room failed');
    });
  };
  // Sealed drafts: reveals merge them into the shared document (sealed.ts).
  const sealed = new SealedScopes(storage, registry, log);
  registry.onLocalTransaction = sealed.onLocalTransaction;
  const limits = createRelayLimits(config);
  /** Connections attached to a room, and those whose socket has not closed yet (closing ones included). */
  const connections = new Set<Connection>();
  const sockets = new Set<Connection>();
  const connectionContext: ConnectionContext = {
    metrics,
    log,
    limits,
    onDetach: (connection) => connections.delete(connection),
    onSocketClose: (connection) => sockets.delete(connection)
  };
  let closing: Promise<void> | null = null;
  const isClosing = (): boolean => closing !== null;
  let listening = false;
  /** Readiness (/readyz): listening and not draining. */
  const isReady = (): boolean => listening && closing === null;
  const stats = () => ({ rooms: registry.size, connections: connections.size });

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    // Hard cap against memory abuse. Messages between maxMessageBytes and this are closed by the
    // connection with 1009 and a readable reason; beyond it ws itself closes with 1009 (no reason).
    maxPayload: 4 * config.maxMessageBytes
  });

  const listeningPort = (): number => (server.address() as AddressInfo | null)?.port ?? config.port;
  const server: http.Server = http.createServer(
    createRequestHandler({
      storage,
      sessions,
      metrics,
      log,
      staticDir: config.staticDir,
      roomCreateKey: config.roomCreateKey,
      stats,
      isClosing,
      isReady,
      lanUrls: (): string[] => reachableUrls(config, listeningPort()),
      onLinksChanged: async () => {
        sessions.invalidate();
        await revalidate();
      },
      sealedCount: (roomId, scope) => sealed.count(roomId, scope),
      registry,
      writeQueue,
      retentionDays: config.retentionDays,
      deleteRoom
    })
  );
  const onUpgrade = createUpgradeHandler({
    wss,
    storage,
    sessions,
    registry,
    metrics,
    log,
    isClosing,
    onOpen(ws, room, admission) {
      const connection = new Connection(ws, room, admission, connectionContext);
      sockets.add(connection);
      connections.add(connection);
      connection.start();
      log.debug({ doc: room.docName, role: admission.role, ack: admission.wantsAck }, 'connection opened');
    }
  });
  server.on('upgrade', (req, socket, head: Buffer) => void onUpgrade(req, socket, head));

  const revalidate = async (): Promise<void> => {
    await revalidateConnections([...connections], storage);
  };
  const stopHeartbeats = startHeartbeats(connections, config.keepaliveMs, config.pingIntervalMs);
  // Rooms past their deletion date go the way of DELETE /api/rooms/<id> (retention.ts).
  const stopRetention = startRetentionSweeper({
    storage,
    deleteRoom,
    retentionDays: config.retentionDays,
    everyMs: config.retentionSweepMs,
    log
  });
  const sweep = setInterval(() => {
    revalidate().catch((error: unknown) => log.error({ err: error }, 'revalidation failed'));
  }, config.revalidateMs);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    clearInterval(sweep);
    stopHeartbeats();
    stopRetention();
    bridge.stop();
    if (!options.fanout) await fanout.close();
    if (!options.storage) await storage.close();
    throw error;
  });
  server.on('error', (error) => log.error({ err: error }, 'http server error'));

  const port = (server.address() as AddressInfo).port;
  const wildcard = config.host === '0.0.0.0' || config.host === '::' || config.host === '';
  const host = wildcard ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  listening = true;
  log.info({ port, host: config.host }, 'relay listening');

  const shutdown = async ({
    code = CLOSE.restart,
    reason = RESTART_REASON,
    graceMs = 1000,
    spreadMs = config.shutdownSpreadMs
  }: CloseOptions) => {
    clearInterval(sweep);
    stopHeartbeats();
    stopRetention();
    // Written first, so connected peers get their last "saved" acknowledgement before they are closed.
    await writeQueue.flush();
    const closed = [...sockets].map((connection) => connection.socketClosed());
    const draining = [...connections].map((c) => ({ close: () => c.close(code, reason, true) }));
    await closeSpread(draining, { spreadMs, code, reason });
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, graceMs))]);
    for (const connection of [...sockets]) connection.terminate();
    await registry.closeAll();
    bridge.stop();
    if (!options.fanout) await fanout.close();
    writeQueue.stop();
    wss.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    if (!options.storage) await storage.close();
    log.info('relay closed');
  };

  return {
    port,
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}/sync`,
    storage,
    fanout,
    metrics,
    log,
    stats,
    flush: () => writeQueue.flush(),
    async revokeLinks(roomId, match) {
      const changed = await storage.revokeLinks(roomId, match, Date.now());
      sessions.invalidate();
      await revalidate();
      return changed;
    },
    revalidate,
    deleteRoom,
    close(closeOptions = {}) {
      closing ??= shutdown(closeOptions);
      return closing;
    }
  };
}
