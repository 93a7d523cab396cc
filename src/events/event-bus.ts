import { EventEmitter } from "node:events";
import type { DomainEvent, DomainEvents, EventName } from "./domain-events";

export type { DomainEvent } from "./domain-events";

/** The bus's own notice that a handler handled an event; no domain event has this name. */
const HANDLED = Symbol("outbox handled");

/**
 * In-process event bus feeding subscriptions (live pushes) and waking the outbox dispatcher that
 * runs module event handlers. Listeners run after the publisher has returned, so a slow listener
 * never holds a request or a transaction open.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly outboxWatchers = new Set<(names: EventName[]) => void>();

  constructor() {
    // Every subscription listens here; thousands of them are expected, not a leak.
    this.emitter.setMaxListeners(0);
  }

  publish(event: DomainEvent): void {
    setImmediate(() => this.emitter.emit(event.name, event.payload));
  }

  /** After a commit: its events go live at once, and whoever consumes the outbox is woken. */
  committed(events: DomainEvent[]): void {
    for (const event of events) this.publish(event);
    if (events.length === 0) return;
    const names = [...new Set(events.map((event) => event.name))];
    for (const wake of this.outboxWatchers) wake(names);
  }

  /** Calls `wake` with the events' names whenever a commit wrote events to the outbox; returns the way to stop. */
  onOutboxWritten(wake: (names: EventName[]) => void): () => void {
    this.outboxWatchers.add(wake);
    return () => this.outboxWatchers.delete(wake);
  }

  /** Tells `listener` each time a module handler has handled an outbox event (`<module>/<event>`, the event's outbox id). */
  onHandled(listener: (consumer: string, eventId: number) => void): () => void {
    this.emitter.on(HANDLED, listener);
    return () => this.emitter.off(HANDLED, listener);
  }

  /** Called by the outbox dispatcher after a handler succeeded. */
  handled(consumer: string, eventId: number): void {
    this.emitter.emit(HANDLED, consumer, eventId);
  }

  /** How many listen to `name` now (subscriptions included): tests wait for a subscription to be open by it. */
  listenerCount(name: EventName): number {
    return this.emitter.listenerCount(name);
  }

  on<K extends EventName>(name: K, listener: (payload: DomainEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** An async iterator over one event name, for GraphQL subscriptions; ends when `return` is called. */
  iterate<K extends EventName>(name: K, accept: (payload: DomainEvents[K]) => boolean | Promise<boolean> = () => true): AsyncIterableIterator<DomainEvents[K]> {
    type T = DomainEvents[K];
    const queue: T[] = [];
    let wake: ((r: IteratorResult<T>) => void) | null = null;
    let done = false;
    const off = this.on(name, async (payload) => {
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
