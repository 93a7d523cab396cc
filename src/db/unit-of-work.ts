import type { EntityManager } from "typeorm";
import type { Context } from "../context";
import type { DomainEvent } from "../events/event-bus";
import { AuditEntry } from "../audit/audit-entry.entity";

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** What a write sees: the transaction's manager, the audit writer and the event outbox. */
export interface UnitOfWork {
  manager: EntityManager;
  audit(entityType: string, entityId: number, action: string, changes: Changes): Promise<void>;
  emit(event: DomainEvent): void;
}

export function actorOf(ctx: Pick<Context, "viewer">): string {
  const v = ctx.viewer;
  if (!v) return "system";
  return v.kind === "partner" ? `apikey:${v.id}` : `user:${v.id}`;
}

/**
 * Runs a write in one transaction with its audit rows; its events are published only after the
 * commit, so nothing is announced for work that rolled back (ARCHITECTURE.md step 7).
 */
export async function inTransaction<T>(ctx: Pick<Context, "db" | "events" | "viewer">, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const outbox: DomainEvent[] = [];
  const result = await ctx.db.transaction(async (manager) =>
    work({
      manager,
      emit: (event) => outbox.push(event),
      audit: async (entityType, entityId, action, changes) => {
        await manager.insert(AuditEntry, { entityType, entityId, action, actor: actorOf(ctx), at: new Date(), changesJson: JSON.stringify(changes) });
      },
    }),
  );
  for (const event of outbox) ctx.events.publish(event);
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
