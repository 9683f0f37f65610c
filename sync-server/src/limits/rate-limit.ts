// Rate limits on what peers send, never keyed by IP address (a whole venue shares one NAT address): one
// token bucket pair (messages and bytes per second) per connection, one per link (room + token hash, shared
// by every socket that opened the room with that token: all phones of a workshop share the participant
// link) and one per room. A message must fit all three; otherwise it is dropped and nothing is taken. The
// link bucket keeps one flooding link from using up the room's budget for the other roles. Drops that go
// on for `closeAfterMs` (no quiet second in between) mark the overload as sustained: the caller closes the
// connection. Sync step 1 requests (each answered with the whole missing document) have a small bucket of
// their own, so a peer cannot make the relay encode and send a big document over and over.

import { TokenBucket } from './token-bucket';

export interface RateSpec {
  /** Per second; 0 = unlimited. */
  messages: number;
  bytes: number;
}

export interface RateLimits {
  connection: RateSpec;
  link: RateSpec;
  room: RateSpec;
  /** Dropping for this long without a quiet second closes the connection. */
  closeAfterMs: number;
  /** Bucket capacity in seconds of rate. */
  burstSeconds: number;
  /** Smallest byte capacity: one message of the largest allowed size must always fit. */
  minByteBurst: number;
}

export type RateScope = 'connection' | 'link' | 'room' | 'sync_requests';

/** Sync step 1 answers per connection: a burst of 4, then one every 2 s. */
const SYNC_REQUEST_BURST = 4;
const SYNC_REQUESTS_PER_SEC = 0.5;
/** A second without drops ends an overload episode. */
const QUIET_MS = 1000;

class BucketPair {
  readonly messages: TokenBucket;
  readonly bytes: TokenBucket;
  constructor(spec: RateSpec, limits: RateLimits, now: number) {
    this.messages = new TokenBucket(spec.messages, Math.max(1, spec.messages * limits.burstSeconds), now);
    this.bytes = new TokenBucket(
      spec.bytes,
      Math.max(limits.minByteBurst, spec.bytes * limits.burstSeconds),
      now
    );
  }

  fits(bytes: number, now: number): boolean {
    return this.messages.canTake(1, now) && this.bytes.canTake(bytes, now);
  }

  take(bytes: number): void {
    this.messages.take(1);
    this.bytes.take(bytes);
  }
}

/** A link's or a room's buckets, with the connections using them. */
interface Shared {
  readonly key: string;
  readonly pair: BucketPair;
  users: number;
}

export interface RateDrop {
  scope: RateScope;
  /** The connection has been over a limit for `closeAfterMs`: close it. */
  sustained: boolean;
}

export class ConnectionRate {
  private overloadSince: number | null = null;
  private lastDropAt = 0;
  private released = false;
  private readonly own: BucketPair;
  private readonly link: BucketPair;
  private readonly room: BucketPair;
  private readonly syncRequests: TokenBucket;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly linkEntry: Shared,
    private readonly roomEntry: Shared,
    own: RateSpec,
    now: number
  ) {
    this.own = new BucketPair(own, limiter.limits, now);
    this.link = linkEntry.pair;
    this.room = roomEntry.pair;
    this.syncRequests = new TokenBucket(SYNC_REQUESTS_PER_SEC, SYNC_REQUEST_BURST, now);
  }

  /** Null when a message of `bytes` may pass (its cost is taken); else why it must be dropped. */
  admit(bytes: number, now = Date.now()): RateDrop | null {
    const scope: RateScope | null = !this.own.fits(bytes, now)
      ? 'connection'
      : !this.link.fits(bytes, now)
        ? 'link'
        : !this.room.fits(bytes, now)
          ? 'room'
          : null;
    if (scope === null) {
      this.own.take(bytes);
      this.link.take(bytes);
      this.room.take(bytes);
      return null;
    }
    return this.drop(scope, now);
  }

  /** Null when the relay may answer one more sync step 1 now. */
  admitSyncRequest(now = Date.now()): RateDrop | null {
    if (this.syncRequests.canTake(1, now)) {
      this.syncRequests.take(1);
      return null;
    }
    return this.drop('sync_requests', now);
  }

  /** The connection ended: it stops using its link's and room's buckets. Idempotent. */
  close(): void {
    if (this.released) return;
    this.released = true;
    this.limiter.release(this.linkEntry);
    this.limiter.release(this.roomEntry);
  }

  private drop(scope: RateScope, now: number): RateDrop {
    if (this.overloadSince === null || now - this.lastDropAt > QUIET_MS) this.overloadSince = now;
    this.lastDropAt = now;
    return { scope, sustained: now - this.overloadSince >= this.limiter.limits.closeAfterMs };
  }
}

export class RateLimiter {
  private readonly shared = new Map<string, Shared>();
  private opened = 0;

  constructor(readonly limits: RateLimits) {}

  /** Buckets for one new connection of `tokenHash` to room `roomId`; call `close()` when it ends. */
  open(roomId: string, tokenHash: string, now = Date.now()): ConnectionRate {
    if (++this.opened % 64 === 0) this.sweep(now);
    const link = this.acquire(`link:${roomId}:${tokenHash}`, this.limits.link, now);
    const room = this.acquire(`room:${roomId}`, this.limits.room, now);
    return new ConnectionRate(this, link, room, this.limits.connection, now);
  }

  /** Shared buckets in use (links and rooms with at least one connection). */
  get size(): number {
    return this.shared.size;
  }

  /** Forgets unused buckets that have refilled. */
  sweep(now = Date.now()): void {
    for (const [key, entry] of this.shared) {
      if (entry.users <= 0 && entry.pair.messages.isFull(now) && entry.pair.bytes.isFull(now)) {
        this.shared.delete(key);
      }
    }
  }

  /** Called by ConnectionRate.close for its link and its room. */
  release(entry: Shared): void {
    entry.users--;
    // Forgetting a drained bucket would hand a reconnecting flooder a full one: keep it until refilled.
    if (entry.users <= 0 && entry.pair.messages.isFull() && entry.pair.bytes.isFull()) {
      if (this.shared.get(entry.key) === entry) this.shared.delete(entry.key);
    }
  }

  private acquire(key: string, spec: RateSpec, now: number): Shared {
    let entry = this.shared.get(key);
    if (!entry) {
      // The key kept is the map's own: one string per link and room, not one per connection.
      entry = { key, pair: new BucketPair(spec, this.limits, now), users: 0 };
      this.shared.set(key, entry);
    }
    entry.users++;
    return entry;
  }
}
