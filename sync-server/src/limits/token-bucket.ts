// A token bucket: `ratePerSec` tokens flow in per second up to `capacity`; taking more than is there fails
// and takes nothing. `charge` takes regardless (the balance may go negative), for costs only known after
// the fact. A rate of 0 means unlimited.

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly ratePerSec: number,
    readonly capacity: number,
    now = Date.now()
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  get unlimited(): boolean {
    return this.ratePerSec <= 0;
  }

  /** Tokens available now (refilled first). */
  available(now = Date.now()): number {
    if (this.unlimited) return Number.POSITIVE_INFINITY;
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.ratePerSec) / 1000);
    this.updatedAt = now;
    return this.tokens;
  }

  /** True when `cost` fits now; only then does it take it. */
  canTake(cost: number, now = Date.now()): boolean {
    return this.unlimited || this.available(now) >= cost;
  }

  take(cost: number): void {
    if (!this.unlimited) this.tokens -= cost;
  }

  /** Takes `cost` even when it overdraws the bucket. */
  charge(cost: number, now = Date.now()): void {
    if (this.unlimited) return;
    this.available(now);
    this.tokens -= cost;
  }

  /** True when the bucket is full again (nothing to remember about its owner). */
  isFull(now = Date.now()): boolean {
    return this.unlimited || this.available(now) >= this.capacity;
  }
}
