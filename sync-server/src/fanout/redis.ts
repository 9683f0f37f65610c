// Fan-out through Redis pub/sub (ioredis): one channel per document (`slt:doc:<docName>`), one connection
// to publish and one to subscribe, both named `slt-relay:<instanceId>:pub|sub`. A frame is
// `kind (1 byte) · instance id (8 bytes) · payload`. Pub/sub drops what is sent while a connection is down,
// so after every reconnect (once all channels are subscribed again) the resync listeners run and the
// caller catches up from storage and from the other instances. Publishing while disconnected fails fast.

import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log';
import { FANOUT_KINDS, type Fanout, type FanoutHandler, type FanoutKind } from './types';

export interface RedisFanoutOptions {
  /** Channel prefix (default `slt:doc:`). */
  prefix?: string;
  /** How long the first connection may take before the start fails (default 10 s). */
  connectTimeoutMs?: number;
}

const ID_BYTES = 8;

export async function openRedisFanout(
  url: string,
  log: Logger,
  options: RedisFanoutOptions = {}
): Promise<Fanout> {
  const instanceId = crypto.randomBytes(ID_BYTES).toString('hex');
  const idBytes = Buffer.from(instanceId, 'hex');
  const prefix = options.prefix ?? 'slt:doc:';
  const handlers = new Map<string, FanoutHandler>();
  const resyncListeners: Array<() => void> = [];
  const common = {
    // Reconnect forever, quickly at first: fan-out is down while disconnected.
    retryStrategy: (times: number) => Math.min(times * 50, 2000),
    lazyConnect: true
  };
  const pub = new Redis(url, {
    ...common,
    connectionName: `slt-relay:${instanceId}:pub`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1
  });
  const sub = new Redis(url, {
    ...common,
    connectionName: `slt-relay:${instanceId}:sub`,
    autoResubscribe: false, // resubscribed below, so the resync runs only once every channel is back
    maxRetriesPerRequest: null
  });

  const resync = (): void => {
    for (const listener of resyncListeners) {
      try {
        listener();
      } catch (error) {
        log.error({ err: error }, 'fan-out resync failed');
      }
    }
  };
  const watch = (client: Redis, name: 'pub' | 'sub', onReconnected: () => Promise<void>): void => {
    let everReady = false;
    let down = false;
    client.on('error', (error: Error) => {
      if (!down && everReady) log.warn({ errorKind: error.name, connection: name }, 'redis connection lost');
      down = true;
    });
    client.on('ready', () => {
      down = false;
      if (!everReady) {
        everReady = true;
        return;
      }
      log.info({ connection: name }, 'redis reconnected; resyncing documents');
      onReconnected().then(resync, (error: unknown) => log.error({ err: error }, 'redis resubscribe failed'));
    });
  };
  watch(pub, 'pub', async () => undefined);
  watch(sub, 'sub', async () => {
    const channels = [...handlers.keys()].map((docName) => prefix + docName);
    if (channels.length > 0) await sub.subscribe(...channels);
  });

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const handler = handlers.get(channel.toString().slice(prefix.length));
    if (!handler || message.byteLength < 1 + ID_BYTES) return;
    const kind = FANOUT_KINDS[message[0] ?? 255];
    const from = message.subarray(1, 1 + ID_BYTES);
    if (!kind || from.equals(idBytes)) return;
    handler({ kind, from: from.toString('hex'), payload: message.subarray(1 + ID_BYTES) });
  });

  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all([pub.connect(), sub.connect()]),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis not reachable within ${timeoutMs} ms`)), timeoutMs);
      })
    ]);
  } catch (error) {
    pub.disconnect();
    sub.disconnect();
    // The URL may hold a password: only the cause goes into the message.
    throw new Error(
      `Redis (REDIS_URL) not reachable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error }
    );
  } finally {
    clearTimeout(timer);
  }
  log.info({ instance: instanceId }, 'redis fan-out connected');

  return {
    instanceId,
    distributed: true,
    publish(docName: string, kind: FanoutKind, payload: Uint8Array): void {
      const frame = Buffer.allocUnsafe(1 + ID_BYTES + payload.byteLength);
      frame[0] = FANOUT_KINDS.indexOf(kind);
      idBytes.copy(frame, 1);
      frame.set(payload, 1 + ID_BYTES);
      pub.publish(prefix + docName, frame).catch((error: Error) => {
        log.debug({ errorKind: error.name, kind }, 'fan-out publish failed');
      });
    },
    async subscribe(docName, handler) {
      handlers.set(docName, handler);
      await sub.subscribe(prefix + docName);
    },
    async unsubscribe(docName) {
      if (!handlers.delete(docName)) return;
      if (sub.status === 'ready') await sub.unsubscribe(prefix + docName);
    },
    onResync(listener) {
      resyncListeners.push(listener);
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    }
  };
}
