import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root, Subscription } from "type-graphql";
import { loader, type Context, type Services } from "../../src/context";
import { rowsOf } from "../../src/db/rows";
import { forbidden, unauthenticated } from "../../src/errors";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { territoryById, userById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { ApprovalKind, ApprovalRequest } from "./approval-request.entity";
import { listPending, mayDecide } from "./approval-requests";
import { Quote } from "./quote.entity";
import { APPROVAL_REQUESTED, type ApprovalRequestedEvent } from "./quote.events";
import { quoteById } from "./quote.loaders";
import { QuotePermission } from "./quote.permissions";

export const { Connection: ApprovalRequestConnection } = Connection(ApprovalRequest);

rowsOf(ApprovalRequest).reads({ territory: ["territoryId"], owner: ["ownerId"], approver: ["approverId"], quote: ["kind", "subjectId"] });

/** What a delivered request carries for its fields, read once per event (see loadDelivery). */
interface Delivery {
  owner: User;
  /** the record decided on, as it was when asked (the event's snapshot) */
  subject: object | null;
}
const deliveries = new WeakMap<ApprovalRequest, Delivery>();

/**
 * For the subject field of a request's kind (`quote` here, `order` in the orders module): the record
 * as it was asked when the request is a live delivery, shared by all its recipients and read by none
 * of them; undefined otherwise (a listed request: load it within the caller's reach).
 */
export function deliveredSubject<T extends object>(request: ApprovalRequest): T | null | undefined {
  return deliveries.get(request)?.subject as T | null | undefined;
}
const loading = new WeakMap<ApprovalRequestedEvent, Promise<ApprovalRequest>>();

/**
 * The rows of one request's delivery, read once for all its recipients: every listener receives the
 * same event object, so it keys the cache (as leadAssigned does). The request and its subject (the
 * quote, an order) are the event's snapshots, as asked; the owner is the one read. Unscoped on purpose: the iterator's filter
 * (mayDecide) has decided who hears of it, and they reach the quote.
 */
function loadDelivery(services: Services, event: ApprovalRequestedEvent): Promise<ApprovalRequest> {
  let loaded = loading.get(event);
  if (!loaded) {
    loaded = services.db.getRepository(User).findOneByOrFail({ id: event.owner.id }).then((owner) => {
      const request = Object.assign(new ApprovalRequest(), event.request, { requestedAt: new Date(event.request.requestedAt) });
      deliveries.set(request, { owner, subject: event.subject ?? null });
      return request;
    });
    loading.set(event, loaded);
  }
  return loaded;
}

/** The subscription's iterator: requests committed from now on that this subscriber may decide. */
function watchRequests(ctx: Context): AsyncIterable<ApprovalRequestedEvent> {
  // Shield guards this field too, but it runs per event: the check belongs where the stream is opened.
  if (!ctx.viewer) throw unauthenticated();
  if (!ctx.permissions.has(ctx.viewer, QuotePermission.DecideApprovals)) throw forbidden(`Not allowed: your role lacks the permission "${QuotePermission.DecideApprovals}"`);
  return ctx.events.iterate(APPROVAL_REQUESTED, (event) => mayDecide(ctx, event));
}

@Resolver(() => ApprovalRequest)
export class ApprovalRequestResolver {
  @Query(() => ApprovalRequestConnection, { description: "the approvals waiting for the caller's decision (their role, owners they stand above, in their reach), oldest first, in keyset pages" })
  pendingApprovals(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return listPending(ctx, page, info);
  }

  @Subscription(() => ApprovalRequest, {
    description: "every approval request the caller may decide, live, as it was asked (a quote's discount, a step of an order's chain); nobody else hears of it",
    subscribe: ({ context }) => watchRequests(context as Context),
  })
  approvalRequested(@Root() event: ApprovalRequestedEvent, @Ctx() ctx: Context): Promise<ApprovalRequest> {
    // A subscription's context lives as long as the subscription: drop the previous event's loaders.
    ctx.loaders.clear();
    return loadDelivery(ctx, event);
  }

  @FieldResolver(() => Territory, { description: "the territory of the record decided on" })
  territory(@Root() request: ApprovalRequest, @Ctx() ctx: Context) {
    return loader(ctx, territoryById).load(request.territoryId);
  }

  @FieldResolver(() => User, { description: "the owner of the record decided on (the quote's owner)" })
  owner(@Root() request: ApprovalRequest, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return deliveries.get(request)?.owner ?? loader(ctx, userById).load(request.ownerId, info);
  }

  @FieldResolver(() => User, { nullable: true, description: "who decided; null while PENDING or WITHDRAWN" })
  approver(@Root() request: ApprovalRequest, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return request.approverId === null ? null : loader(ctx, userById).load(request.approverId, info);
  }

  @FieldResolver(() => Quote, { nullable: true, description: "the quote, for kind QUOTE (as it was asked, when delivered live); null for other kinds or outside the caller's reach" })
  quote(@Root() request: ApprovalRequest, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (request.kind !== ApprovalKind.QUOTE) return null;
    const delivered = deliveredSubject<Quote>(request);
    return delivered !== undefined ? delivered : loader(ctx, quoteById).load(request.subjectId, info);
  }
}
