/**
 * A fixed-window counter per key, in memory. One process holds it; several instances would
 * share it through Redis (ARCHITECTURE.md, "Scaling out").
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** Seconds until `key` may try again, or 0 if it may now. Does not count an attempt. */
  retryAfter(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) return 0;
    return w.count >= this.limit ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  /** Attempts counted for `key` in its current window. */
  count(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    return w && w.resetAt > now ? w.count : 0;
  }

  hit(key: string, now = Date.now()): void {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      if (this.windows.size > 100_000) this.sweep(now);
    } else w.count++;
  }

  /** Takes back one attempt counted by `hit`, e.g. one that turned out not to be a failure. */
  refund(key: string): void {
    const w = this.windows.get(key);
    if (w && w.count > 0) w.count--;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}

/** The process's named limiters, created on first use (login per account, per address; web forms...). */
export class Limiters {
  private readonly byName = new Map<string, RateLimiter>();

  get(name: string, limit: number, windowMs: number): RateLimiter {
    let limiter = this.byName.get(name);
    if (!limiter) this.byName.set(name, (limiter = new RateLimiter(limit, windowMs)));
    return limiter;
  }
}
