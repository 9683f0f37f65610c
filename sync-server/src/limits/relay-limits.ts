// The relay's abuse limits in one place, built once per relay from its config: message size caps per
// message type, the outbound buffer bound for slow readers, the document update checks (validate-update.ts),
// the pending-structs guard and the rate limiter. Connections consult it; nothing here touches sockets.

import type { RelayConfig } from '../config';
import type { UpdateLimits } from '../validate-update';
import { PendingGuard } from './pending';
import { RateLimiter } from './rate-limit';

export interface RelayLimits {
  maxMessageBytes: number;
  maxAwarenessBytes: number;
  /** Outbound bytes a socket may have waiting beyond its latest sync step 2. */
  maxBufferedBytes: number;
  update: UpdateLimits;
  pending: PendingGuard;
  rates: RateLimiter;
}

/** Client sections per update: a hall of 300 phones, each reloading a few times, stays far below. */
const MAX_UPDATE_CLIENTS = 10_000;

export function createRelayLimits(config: RelayConfig): RelayLimits {
  return {
    maxMessageBytes: config.maxMessageBytes,
    maxAwarenessBytes: Math.min(config.maxAwarenessBytes, config.maxMessageBytes),
    maxBufferedBytes: config.maxBufferedBytes,
    update: {
      maxStructs: config.maxUpdateStructs,
      maxDeletes: config.maxUpdateDeletes,
      maxClients: Math.min(MAX_UPDATE_CLIENTS, config.maxUpdateStructs)
    },
    pending: new PendingGuard({ maxBytes: config.pendingMaxBytes, maxMs: config.pendingMaxMs }),
    rates: new RateLimiter({
      connection: { messages: config.rateConnectionMessages, bytes: config.rateConnectionBytes },
      link: { messages: config.rateLinkMessages, bytes: config.rateLinkBytes },
      room: { messages: config.rateRoomMessages, bytes: config.rateRoomBytes },
      closeAfterMs: config.rateCloseAfterMs,
      burstSeconds: 2,
      minByteBurst: 2 * config.maxMessageBytes
    })
  };
}
