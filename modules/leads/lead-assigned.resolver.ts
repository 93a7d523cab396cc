import { Ctx, Resolver, Root, Subscription } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { forbidden, unauthenticated } from "../../src/errors";
import { userById } from "../../src/org/org.loaders";
import { hearsOfAssignment, LEAD_ASSIGNED, type LeadAssignedEvent } from "./lead-assignment";
import { leadById } from "./lead.loaders";
import { LeadPermission } from "./lead.permissions";
import { LeadAssignment } from "./lead.types";

/** The subscription's iterator: assignments committed from now on that this subscriber may hear of. */
function watchAssignments(ctx: Context): AsyncIterable<LeadAssignedEvent> {
  // Shield guards this field too, but the check belongs where the stream is opened.
  if (!ctx.viewer) throw unauthenticated();
  if (!ctx.permissions.has(ctx.viewer, LeadPermission.WatchAssignments)) throw forbidden("Your role does not watch lead assignments");
  return ctx.events.iterate<LeadAssignedEvent>(LEAD_ASSIGNED, (event) => hearsOfAssignment(ctx, event));
}

@Resolver(() => LeadAssignment)
export class LeadAssignedResolver {
  @Subscription(() => LeadAssignment, {
    description: "every lead assignment (by rule, by hand, by reassignment) the caller should hear of, live",
    subscribe: ({ context }) => watchAssignments(context as Context),
  })
  async leadAssigned(@Root() event: LeadAssignedEvent, @Ctx() ctx: Context): Promise<LeadAssignment> {
    // A subscription's context lives as long as the subscription: drop the previous event's loaders
    // so every event reads fresh rows (events resolve one after another on a subscription).
    ctx.loaders.clear();
    const [lead, owner, assignedBy] = await Promise.all([
      loader(ctx, leadById).load(event.leadId),
      loader(ctx, userById).load(event.ownerId),
      loader(ctx, userById).load(event.assignedById),
    ]);
    return { lead: lead!, owner: owner!, assignedBy: assignedBy!, assignedAt: new Date(event.assignedAt) };
  }
}
