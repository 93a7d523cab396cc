import { In } from "typeorm";
import { Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { Context, Services } from "../../src/context";
import { forbidden, unauthenticated } from "../../src/errors";
import { User } from "../../src/org/user.entity";
import { LEAD_ASSIGNED, type LeadAssignedEvent } from "./lead-assigned.event";
import { hearsOfAssignment } from "./lead-assignment";
import { LeadPermission } from "./lead.permissions";
import { LeadAssignment } from "./lead.types";

/** The subscription's iterator: assignments committed from now on that this subscriber may hear of. */
function watchAssignments(ctx: Context): AsyncIterable<LeadAssignedEvent> {
  // Shield guards this field too, but the check belongs where the stream is opened.
  if (!ctx.viewer) throw unauthenticated();
  if (!ctx.permissions.has(ctx.viewer, LeadPermission.WatchAssignments)) throw forbidden("Your role does not watch lead assignments");
  return ctx.events.iterate(LEAD_ASSIGNED, (event) => hearsOfAssignment(ctx, event));
}

/**
 * The rows of one assignment, read once for all its recipients: every listener receives the same
 * event object, so it keys the cache and the entry goes with the event. Per subscriber, this was two
 * statements a recipient (1,832 an event at 10,000 subscribers, BENCHMARKS.md); now it is one an event.
 * The lead is the event's own snapshot, as assigned: read at delivery, a quick reassignment to another
 * territory showed the new territory's lead to the old one's subscribers.
 * Unscoped on purpose: the iterator's filter has already decided who hears of the event.
 */
const assignmentRows = new WeakMap<LeadAssignedEvent, Promise<LeadAssignment>>();

function loadAssignment(services: Services, event: LeadAssignedEvent): Promise<LeadAssignment> {
  let loaded = assignmentRows.get(event);
  if (!loaded) {
    loaded = services.db.getRepository(User).findBy({ id: In([...new Set([event.ownerId, event.assignedById])]) }).then((users) => {
      const user = (id: number) => users.find((u) => u.id === id)!;
      return { lead: event.lead, owner: user(event.ownerId), assignedBy: user(event.assignedById), assignedAt: new Date(event.assignedAt) };
    });
    assignmentRows.set(event, loaded);
  }
  return loaded;
}

@Resolver(() => LeadAssignment)
export class LeadAssignedResolver {
  @Subscription(() => LeadAssignment, {
    description: "every lead assignment (by rule, by hand, by reassignment) the caller should hear of, live",
    subscribe: ({ context }) => watchAssignments(context as Context),
  })
  leadAssigned(@Root() event: LeadAssignedEvent, @Ctx() ctx: Context): Promise<LeadAssignment> {
    // A subscription's context lives as long as the subscription: drop the previous event's loaders
    // so the fields below the root read fresh rows (events resolve one after another on a subscription).
    ctx.loaders.clear();
    return loadAssignment(ctx, event);
  }
}
