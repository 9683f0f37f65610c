// The limits of one connection, consulted by connection.ts: size caps per message type (awareness much
// smaller than document updates), rate limits (rate-limit.ts), the document update check before anything is
// applied (validate-update.ts), the pending-structs guard after an apply, and the outbound buffer bound for
// a slow reader. Each refusal or drop is counted here by reason; the connection only carries out a close.

import type * as Y from 'yjs';
import type { RelayMetrics } from '../metrics';
import { CLOSE, MESSAGE_AWARENESS, MESSAGE_SYNC } from '../protocol';
import { checkUpdate } from '../validate-update';
import type { ConnectionRate, RateDrop } from './rate-limit';
import type { RelayLimits } from './relay-limits';

export interface CloseOrder {
  code: number;
  reason: string;
}

/** Null: go on. 'drop': ignore this message. A CloseOrder: close the connection. */
export type Admission = null | 'drop' | CloseOrder;

export class PeerLimits {
  private readonly rate: ConnectionRate;
  /** Bytes of the latest sync step 2 sent: the initial sync may exceed the buffer bound. */
  private syncAllowance = 0;

  constructor(
    private readonly limits: RelayLimits,
    private readonly metrics: RelayMetrics,
    roomId: string,
    tokenHash: string
  ) {
    this.rate = limits.rates.open(roomId, tokenHash);
  }

  /** A WebSocket message before it is decoded: binary, and at most maxMessageBytes long. */
  admitFrame(bytes: number, isBinary: boolean): CloseOrder | null {
    if (!isBinary) {
      this.metrics.messagesRefused.inc({ reason: 'not_binary' });
      return { code: CLOSE.unsupportedData, reason: 'Nur Binärnachrichten / binary messages only' };
    }
    const max = this.limits.maxMessageBytes;
    if (bytes <= max) return null;
    this.metrics.messagesRefused.inc({ reason: 'message_too_large' });
    return { code: CLOSE.tooLarge, reason: `Nachricht zu groß / message too large (max ${max} bytes)` };
  }

  /**
   * Size and rate check of an incoming message of protocol `type`, `bytes` long in all. A document update
   * (`write`) over a rate limit is not dropped silently, which would leave the peer believing the relay has
   * it: its connection is closed (1013), and the stock client reconnects and sends it again in its sync step 2.
   */
  admit(type: number, bytes: number, write = false): Admission {
    const cap = type === MESSAGE_SYNC ? this.limits.maxMessageBytes : this.limits.maxAwarenessBytes;
    if (bytes > cap) {
      const what = type === MESSAGE_AWARENESS ? 'awareness' : type === MESSAGE_SYNC ? 'update' : 'message';
      this.metrics.messagesRefused.inc({ reason: `${what}_too_large` });
      return {
        code: CLOSE.tooLarge,
        reason: `Nachricht zu groß / ${what} message too large (max ${cap} bytes)`
      };
    }
    const drop = this.rate.admit(bytes);
    if (drop && write) {
      this.metrics.messagesDropped.inc({ reason: `rate_${drop.scope}` });
      this.metrics.messagesRefused.inc({ reason: `rate_${drop.scope}_update` });
      return {
        code: CLOSE.tryAgainLater,
        reason: 'Zu viele Änderungen auf einmal / too many updates at once'
      };
    }
    return this.rated(drop);
  }

  /** Whether the relay may answer one more sync step 1 (each answer can be the whole document). */
  admitSyncRequest(): Admission {
    return this.rated(this.rate.admitSyncRequest());
  }

  /** Checks a document update before it is applied; a CloseOrder when it is refused. */
  checkUpdate(update: Uint8Array): CloseOrder | null {
    const verdict = checkUpdate(update, this.limits.update);
    if (verdict.ok) return null;
    this.metrics.messagesRefused.inc({ reason: `update_${verdict.reason}` });
    return verdict.reason === 'too_complex'
      ? { code: CLOSE.tooLarge, reason: `Änderung zu umfangreich / update too complex (${verdict.detail})` }
      : { code: CLOSE.malformed, reason: 'Fehlerhafte Änderung / malformed update' };
  }

  /** After an update was applied: drops pending structs over the limits (counted). */
  afterApply(doc: Y.Doc): void {
    const dropped = this.limits.pending.check(doc);
    if (dropped) this.metrics.messagesDropped.inc({ reason: dropped.reason });
  }

  /** Before a sync step 2 is encoded: stale pending structs must not go out to the new client. */
  beforeSyncReply(doc: Y.Doc): void {
    this.afterApply(doc);
  }

  noteSyncReply(bytes: number): void {
    this.syncAllowance = bytes;
  }

  /** True when a socket with `bufferedAmount` bytes waiting reads too slowly to be kept. */
  tooSlow(bufferedAmount: number): boolean {
    if (bufferedAmount <= this.limits.maxBufferedBytes + this.syncAllowance) return false;
    this.metrics.messagesDropped.inc({ reason: 'slow_reader' });
    return true;
  }

  close(): void {
    this.rate.close();
  }

  private rated(drop: RateDrop | null): Admission {
    if (!drop) return null;
    this.metrics.messagesDropped.inc({ reason: `rate_${drop.scope}` });
    if (!drop.sustained) return 'drop';
    this.metrics.messagesRefused.inc({ reason: `rate_${drop.scope}_sustained` });
    return { code: CLOSE.policy, reason: 'Zu viele Nachrichten / too many messages' };
  }
}
