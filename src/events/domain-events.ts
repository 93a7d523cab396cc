/**
 * The map of every domain event name to its payload type. It starts empty; each module adds its own
 * events next to the code that emits them, by declaration merging:
 *
 *   declare module "../../src/events/domain-events" {
 *     interface DomainEvents { "lead.assigned": LeadAssignedEvent }
 *   }
 *
 * `uow.emit`, `events.on`/`iterate` and a module's `handlers` are checked against it at compile
 * time: an unknown name or a wrong payload does not build.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface DomainEvents {}

export type EventName = keyof DomainEvents & string;

/** A domain event, published only after the transaction that caused it committed. */
export type DomainEvent<K extends EventName = EventName> = { [N in K]: { name: N; payload: DomainEvents[N] } }[K];

/**
 * A payload as a handler receives it: handlers read events back from the outbox table, where they
 * are stored as JSON, so a Date arrives as its ISO string.
 */
export type Stored<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Stored<U>[]
    : T extends object
      ? { [K in keyof T as T[K] extends Function ? never : K]: Stored<T[K]> }
      : T;
