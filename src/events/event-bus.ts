import { EventEmitter } from "node:events";

/** A domain event, published only after the transaction that caused it committed. */
export interface DomainEvent<T = unknown> {
  name: string;
  payload: T;
}

/**
 * In-process event bus feeding subscriptions and module event handlers. Listeners run after the
 * publisher has returned, so a slow listener never holds a request or a transaction open.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every subscription listens here; thousands of them are expected, not a leak.
    this.emitter.setMaxListeners(0);
  }

  publish(event: DomainEvent): void {
    setImmediate(() => this.emitter.emit(event.name, event.payload));
  }

  /** How many listen to `name` now (subscriptions included): tests wait for a subscription to be open by it. */
  listenerCount(name: string): number {
    return this.emitter.listenerCount(name);
  }

  on<T>(name: string, listener: (payload: T) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** An async iterator over one event name, for GraphQL subscriptions; ends when `return` is called. */
  iterate<T>(name: string, accept: (payload: T) => boolean | Promise<boolean> = () => true): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let wake: ((r: IteratorResult<T>) => void) | null = null;
    let done = false;
    const off = this.on<T>(name, async (payload) => {
      if (done || !(await accept(payload))) return;
      if (wake) {
        const w = wake;
        wake = null;
        w({ value: payload, done: false });
      } else queue.push(payload);
    });
    const finish = (): Promise<IteratorResult<T>> => {
      done = true;
      off();
      queue.length = 0;
      wake?.({ value: undefined, done: true });
      wake = null;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (wake = resolve));
      },
      return: finish,
      throw: (error) => {
        void finish();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
