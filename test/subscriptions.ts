import type { Client } from "graphql-ws";

/** What a test's subscription received: its events in order, and its errors. */
export class Collector {
  readonly events: any[] = [];
  readonly errors: unknown[] = [];
  private readonly waiters = new Set<() => void>();

  push(event: unknown): void {
    this.events.push(event);
    for (const check of [...this.waiters]) check();
  }

  fail(error: unknown): void {
    this.errors.push(error);
    for (const check of [...this.waiters]) check();
  }

  /**
   * Resolves as soon as `count` events have arrived. `withinMs` only bounds a failing test: it
   * rejects then, as it does at once when a subscription fails.
   */
  arrived(count: number, withinMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error(`${this.events.length} of ${count} events arrived within ${withinMs} ms`)), withinMs);
      const check = () => {
        if (this.events.length >= count) settle(null);
        else if (this.errors.length > 0) settle(new Error(`the subscription failed: ${JSON.stringify(this.errors)}`));
      };
      const settle = (error: Error | null) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      this.waiters.add(check);
      check();
    });
  }
}

/** Subscribes `client` to `query` and collects every event it receives (and the error that ends it, if one does). */
export function collect(client: Client, query: string, into = new Collector()): Collector {
  const iterator = client.iterate({ query });
  void (async () => {
    try {
      for await (const event of iterator) into.push(event);
    } catch (error) {
      into.fail(error);
    }
  })();
  return into;
}
