// The fan-out of a single relay instance (no REDIS_URL): nothing to publish to, nothing ever arrives.

import crypto from 'node:crypto';
import type { Fanout } from './types';

export function createLocalFanout(): Fanout {
  return {
    instanceId: crypto.randomBytes(8).toString('hex'),
    distributed: false,
    publish: () => undefined,
    subscribe: async () => undefined,
    unsubscribe: async () => undefined,
    onResync: () => undefined,
    close: async () => undefined
  };
}
