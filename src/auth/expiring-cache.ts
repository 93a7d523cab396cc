/**
 * Values by key, each trusted for `ttlMs` after it was read, all dropped at once by `clear()`. A read
 * in progress is shared by the requests that ask meanwhile; a failed read, or one that found nothing
 * (null), is not kept. With `ttlMs` 0 nothing is kept: every `get` reads.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: Promise<V | null>; until: number }>();

  constructor(private readonly ttlMs: number) {}

  get(key: K, read: () => Promise<V | null>): Promise<V | null> {
    if (this.ttlMs <= 0) return read();
    const now = Date.now();
    const held = this.entries.get(key);
    if (held && held.until > now) return held.value;
    const entry = { value: read(), until: now + this.ttlMs };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.value.then((value) => value === null && forget(), forget);
    return entry.value;
  }

  /** Drops every value, and every read in progress: whoever asks next reads again. */
  clear(): void {
    this.entries.clear();
  }
}
