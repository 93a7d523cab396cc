import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { parseId } from "../graphql/ids";
import { AuditEntry } from "./audit-entry.entity";
import { auditTrail } from "./audit.service";

@Resolver()
export class AuditResolver {
  @Query(() => [AuditEntry], { description: "every recorded change of one record, oldest first" })
  auditTrail(
    @Arg("entityType", () => String, { description: "the kind of record: Account, Contact, Lead, Opportunity, Quote, Order, Invoice, Payment, Ticket, Article or User (those of the enabled modules); another is BAD_USER_INPUT" }) entityType: string,
    @Arg("entityId", () => ID, { description: "the record's id; a record outside the caller's reach is NOT_FOUND, as a missing one" }) entityId: string,
    @Ctx() ctx: Context,
  ): Promise<AuditEntry[]> {
    return auditTrail(ctx, entityType, parseId(entityId, "entityId"));
  }
}
