import type { Context } from "../context";
import { badInput, notFound } from "../errors";
import { AuditEntry } from "./audit-entry.entity";

export async function auditTrail(ctx: Context, entityType: string, entityId: number): Promise<AuditEntry[]> {
  const reach = ctx.auditables.get(entityType);
  if (!reach) throw badInput("entityType", `must be one of ${[...ctx.auditables.keys()].sort().join(", ")}`);
  // A record outside the viewer's reach is as absent as one that does not exist.
  if (!(await reach(ctx, entityId))) throw notFound(entityType, entityId);
  return ctx.db.getRepository(AuditEntry).find({ where: { entityType, entityId }, order: { id: "ASC" } });
}
