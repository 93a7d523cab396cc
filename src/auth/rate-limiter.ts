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

  /**
   * Counts `amount` at once (rows of an import, say) if they fit under the limit in the current
   * window, and says whether they did; nothing is counted when they do not.
   */
  spend(key: string, amount: number, now = Date.now()): boolean {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (amount > this.limit) return false;
      this.windows.set(key, (w = { count: 0, resetAt: now + this.windowMs }));
      if (this.windows.size > 100_000) this.sweep(now);
    }
    if (w.count + amount > this.limit) return false;
    w.count += amount;
    return true;
  }

  /** Seconds until the current window of `key` ends (0 without one). */
  windowEndsIn(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    return w && w.resetAt > now ? Math.ceil((w.resetAt - now) / 1000) : 0;
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
