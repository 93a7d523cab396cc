import { Limiters, RateLimiter } from "./rate-limiter";

/** The fixed-window counter behind the login, web-form and import limits (src/auth/rate-limiter.ts), on a clock of its own. */

const T0 = 1_700_000_000_000;

describe("RateLimiter", () => {
  it("lets a key try until its count reaches the limit, then says how many seconds until its window ends", () => {
    const limiter = new RateLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter("a", T0 + i)).toBe(0);
      limiter.hit("a", T0 + i);
    }
    expect(limiter.count("a", T0 + 10)).toBe(3);
    expect(limiter.retryAfter("a", T0 + 10)).toBe(60);
    expect(limiter.retryAfter("a", T0 + 59_001)).toBe(1);
    expect(limiter.retryAfter("a", T0 + 59_999)).toBe(1);
  });

  it("opens a window at a key's first hit that does not move with later hits, and starts afresh when it ends", () => {
    const limiter = new RateLimiter(2, 10_000);
    limiter.hit("a", T0);
    limiter.hit("a", T0 + 9_000);
    expect(limiter.retryAfter("a", T0 + 9_000)).toBe(1);
    expect(limiter.windowEndsIn("a", T0 + 9_000)).toBe(1);
    // At the window's end exactly, the key is free and uncounted.
    expect(limiter.retryAfter("a", T0 + 10_000)).toBe(0);
    expect(limiter.count("a", T0 + 10_000)).toBe(0);
    expect(limiter.windowEndsIn("a", T0 + 10_000)).toBe(0);
    limiter.hit("a", T0 + 10_000);
    expect(limiter.count("a", T0 + 10_000)).toBe(1);
    expect(limiter.windowEndsIn("a", T0 + 10_000)).toBe(10);
  });

  it("counts keys apart", () => {
    const limiter = new RateLimiter(1, 60_000);
    limiter.hit("a", T0);
    expect(limiter.retryAfter("a", T0)).toBe(60);
    expect(limiter.retryAfter("b", T0)).toBe(0);
    expect(limiter.count("b", T0)).toBe(0);
  });

  it("spends an amount at once only if it fits under the limit, and counts nothing when it does not", () => {
    const limiter = new RateLimiter(10, 60_000);
    expect(limiter.spend("u", 11, T0)).toBe(false);
    expect(limiter.count("u", T0)).toBe(0);
    expect(limiter.windowEndsIn("u", T0)).toBe(0);
    expect(limiter.spend("u", 6, T0)).toBe(true);
    expect(limiter.spend("u", 5, T0 + 1)).toBe(false);
    expect(limiter.count("u", T0 + 1)).toBe(6);
    expect(limiter.spend("u", 4, T0 + 2)).toBe(true);
    expect(limiter.count("u", T0 + 2)).toBe(10);
    expect(limiter.retryAfter("u", T0 + 2)).toBe(60);
    expect(limiter.spend("u", 1, T0 + 3)).toBe(false);
    // The window that the first spend opened ends a minute after it.
    expect(limiter.spend("u", 10, T0 + 60_000)).toBe(true);
  });

  it("takes back a counted attempt, never below zero, and forgets a key on reset", () => {
    const limiter = new RateLimiter(2, 60_000);
    limiter.hit("a", T0);
    limiter.hit("a", T0);
    expect(limiter.retryAfter("a", T0)).toBe(60);
    limiter.refund("a");
    expect(limiter.count("a", T0)).toBe(1);
    expect(limiter.retryAfter("a", T0)).toBe(0);
    limiter.refund("a");
    limiter.refund("a");
    expect(limiter.count("a", T0)).toBe(0);
    limiter.refund("never-seen");
    limiter.hit("a", T0);
    limiter.hit("a", T0);
    limiter.reset("a");
    expect(limiter.count("a", T0)).toBe(0);
    expect(limiter.retryAfter("a", T0)).toBe(0);
  });

  it("still counts correctly for live keys once expired ones are swept (over 100,000 keys)", () => {
    const limiter = new RateLimiter(1, 1_000);
    for (let i = 0; i < 100_000; i++) limiter.hit(`old${i}`, T0);
    limiter.hit("live", T0 + 500);
    // This hit opens the 100,001st window after the old ones ended: they are swept, "live" stays.
    limiter.hit("new", T0 + 1_200);
    expect(limiter.count("live", T0 + 1_200)).toBe(1);
    expect(limiter.retryAfter("live", T0 + 1_200)).toBe(1);
    expect(limiter.count("old0", T0 + 1_200)).toBe(0);
    expect(limiter.count("new", T0 + 1_200)).toBe(1);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBe(2);
  });
});

describe("Limiters", () => {
  it("hands out one limiter per name, made with the settings of its first use", () => {
    const limiters = new Limiters();
    const a = limiters.get("login", 2, 60_000);
    expect(limiters.get("login", 99, 1)).toBe(a);
    expect(limiters.get("web", 2, 60_000)).not.toBe(a);
    a.hit("k", T0);
    a.hit("k", T0);
    expect(limiters.get("login", 99, 1).retryAfter("k", T0)).toBe(60);
  });
});
