import { Arg, Ctx, Field, Int, Mutation, ObjectType, registerEnumType, Resolver, Root, Subscription } from "type-graphql";
import { Role } from "../../src/access/roles";
import type { Context } from "../../src/context";
import { forbidden, unauthenticated } from "../../src/errors";
import { TICKET_BREACHED, type TicketBreachedEvent } from "./service.events";
import { ServicePermission } from "./service.permissions";
import { runSlaSweep } from "./sla-sweep";
import { Ticket } from "./ticket.entity";

export enum SlaClock {
  FIRST_RESPONSE = "FIRST_RESPONSE",
  RESOLUTION = "RESOLUTION",
}
registerEnumType(SlaClock, {
  name: "SlaClock",
  description: "Which SLA target was missed",
  valuesConfig: {
    FIRST_RESPONSE: { description: "no public answer from a service agent by firstResponseDueAt" },
    RESOLUTION: { description: "not resolved by resolutionDueAt" },
  },
});

@ObjectType({ description: "An SLA target a ticket missed, as the sweep flagged it; heard by the ticket's assignee and its territory's service agents and head" })
export class SlaBreach {
  @Field(() => Ticket, { description: "the ticket as it was when the breach was flagged" })
  ticket: Ticket;

  @Field(() => SlaClock, { description: "which target was missed" })
  clock: SlaClock;

  @Field(() => Date, { description: "when the target was due (UTC)" })
  dueAt: Date;

  @Field(() => Date, { description: "the moment the sweep judged the ticket at (UTC)" })
  breachedAt: Date;
}

@ObjectType({ description: "What a run of the SLA sweep flagged; read by those who may run it" })
class SlaSweepResult {
  @Field(() => Date, { description: "the moment the run judged the due times at" })
  asOf: Date;

  @Field(() => Int, { description: "first-response targets newly flagged as breached" })
  firstResponseBreaches: number;

  @Field(() => Int, { description: "resolution targets newly flagged as breached" })
  resolutionBreaches: number;
}

/**
 * Who hears of a breach: the ticket's assignee, and the service agents and head of its territory;
 * nobody outside the territory (not even an executive). Decided on the event's snapshot, reading nothing.
 */
export function hearsOfBreach(ctx: Context, event: TicketBreachedEvent): boolean {
  const viewer = ctx.viewer;
  if (!viewer || viewer.kind !== "user" || viewer.territoryId !== event.ticket.territoryId) return false;
  return viewer.id === event.ticket.assigneeId || viewer.role === Role.SERVICE_AGENT || viewer.role === Role.TERRITORY_HEAD;
}

function watchBreaches(ctx: Context): AsyncIterable<TicketBreachedEvent> {
  // Shield guards this field too, but the check belongs where the stream is opened.
  if (!ctx.viewer) throw unauthenticated();
  if (!ctx.permissions.has(ctx.viewer, ServicePermission.WatchBreaches)) throw forbidden("Your role does not watch SLA breaches");
  return ctx.events.iterate(TICKET_BREACHED, (event) => hearsOfBreach(ctx, event));
}

@Resolver(() => SlaBreach)
export class SlaBreachResolver {
  @Subscription(() => SlaBreach, {
    description: "every SLA breach the caller should hear of, live, once each: for the ticket's assignee and its territory's service agents and head",
    subscribe: ({ context }) => watchBreaches(context as Context),
  })
  slaBreached(@Root() event: TicketBreachedEvent, @Ctx() ctx: Context): SlaBreach {
    // A subscription's context lives as long as the subscription: the ticket's fields read afresh per event.
    ctx.loaders.clear();
    // The event's own snapshot: nothing is read to deliver it.
    return Object.assign(new SlaBreach(), { ticket: event.ticket, clock: event.clock as SlaClock, dueAt: new Date(event.dueAt), breachedAt: new Date(event.breachedAt) });
  }

  @Mutation(() => SlaSweepResult, {
    description: "flags the SLA targets missed as of a moment (operators and tests), each once, audited and announced live (slaBreached); the periodic job does it too. Refusals: BAD_USER_INPUT with field asOf when it is later than now",
  })
  async runSlaSweep(@Arg("asOf", () => Date, { description: "the moment due times are judged at; not in the future" }) asOf: Date, @Ctx() ctx: Context): Promise<SlaSweepResult> {
    const flagged = await runSlaSweep(ctx, asOf);
    return { asOf, firstResponseBreaches: flagged.firstResponse, resolutionBreaches: flagged.resolution };
  }
}
