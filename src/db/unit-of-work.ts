import { AsyncLocalStorage } from "node:async_hooks";
import type { DataSource, EntityManager } from "typeorm";
import type { Context } from "../context";
import type { DomainEvent, EventName } from "../events/domain-events";
import { OutboxEntry } from "../events/outbox-entry.entity";
import { AuditEntry } from "../audit/audit-entry.entity";

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** What a write sees: the transaction's manager, the audit writer and the event outbox. */
export interface UnitOfWork {
  manager: EntityManager;
  audit(entityType: string, entityId: number, action: string, changes: Changes): Promise<void>;
  /** Records a domain event: written to the outbox with the change, announced after the commit. */
  emit<K extends EventName>(event: DomainEvent<K>): void;
}

export function actorOf(ctx: Pick<Context, "viewer">): string {
  const v = ctx.viewer;
  if (!v) return "system";
  return v.kind === "partner" ? `apikey:${v.id}` : `user:${v.id}`;
}

/** The database whose transaction the current async call runs in, if any. */
const insideTransaction = new AsyncLocalStorage<DataSource>();
/** The last transaction queued on each SQLite database. */
const sqliteTurns = new WeakMap<DataSource, Promise<unknown>>();

/**
 * One transaction at a time on SQLite. TypeORM runs every SQLite transaction on the one connection,
 * so a second request's transaction started while the first awaits would become a SAVEPOINT inside
 * it: a rollback of the first would undo the second after it had answered success, and the first's
 * COMMIT would release the second's savepoint instead. SQLite has one writer anyway; this queue
 * makes the turns explicit. MySQL transactions each have their own connection and run as they are.
 * A transaction begun inside another (same async call) joins it, as TypeORM nests it.
 */
function oneAtATime<T>(db: DataSource, work: () => Promise<T>): Promise<T> {
  if (db.options.type !== "better-sqlite3") return work();
  if (insideTransaction.getStore() === db) return work();
  const turn = () => insideTransaction.run(db, work);
  const run = (sqliteTurns.get(db) ?? Promise.resolve()).then(turn, turn);
  sqliteTurns.set(db, run.catch(() => undefined));
  return run;
}

/**
 * Runs a write in one transaction with its audit rows and its events. The events are written to the
 * outbox in the same transaction, last (so an outbox id is handed out just before the commit), and
 * announced only after the commit: nothing is told of work that rolled back, and module handlers,
 * which read the outbox, lose nothing to a crash right after the commit (ARCHITECTURE.md step 7).
 */
export async function inTransaction<T>(ctx: Pick<Context, "db" | "events" | "viewer">, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const outbox: DomainEvent[] = [];
  const result = await oneAtATime(ctx.db, () => ctx.db.transaction(async (manager) => {
    const done = await work({
      manager,
      emit: (event) => void outbox.push(event as DomainEvent),
      audit: async (entityType, entityId, action, changes) => {
        await manager.insert(AuditEntry, { entityType, entityId, action, actor: actorOf(ctx), at: new Date(), changesJson: JSON.stringify(changes) });
      },
    });
    if (outbox.length > 0) {
      const occurredAt = new Date();
      await manager.insert(OutboxEntry, outbox.map((event) => ({ name: event.name, payload: JSON.stringify(event.payload), occurredAt })));
    }
    return done;
  }));
  ctx.events.committed(outbox);
  return result;
}

/** The fields whose values differ between two versions of a record, for the audit trail. */
export function diff<T extends object>(before: Partial<T>, after: Partial<T>, fields: (keyof T)[]): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const from = normalise(before[field]);
    const to = normalise(after[field]);
    if (from !== to) changes[String(field)] = { from, to };
  }
  return changes;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}
