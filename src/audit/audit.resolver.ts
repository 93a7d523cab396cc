import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { parseId } from "../graphql/ids";
import { AuditEntry } from "./audit-entry.entity";
import { auditTrail } from "./audit.service";

@Resolver()
export class AuditResolver {
  @Query(() => [AuditEntry], { description: "every recorded change of one record, oldest first" })
  auditTrail(
    @Arg("entityType", () => String) entityType: string,
    @Arg("entityId", () => ID) entityId: string,
    @Ctx() ctx: Context,
  ): Promise<AuditEntry[]> {
    return auditTrail(ctx, entityType, parseId(entityId, "entityId"));
  }
}
