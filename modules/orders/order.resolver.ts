import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { Role } from "../../src/access/roles";
import { loader, type Context } from "../../src/context";
import { rowsOf } from "../../src/db/rows";
import { Decimal } from "../../src/graphql/scalars";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { territoryById, userById } from "../../src/org/org.loaders";
import { Territory } from "../../src/org/territory.entity";
import { User } from "../../src/org/user.entity";
import { Account, accountById } from "../accounts";
import { Opportunity, opportunityById } from "../opportunities";
import { ApprovalKind, ApprovalRequest, deliveredSubject, Product, Quote, quoteById } from "../quotes";
import { cents, moneyOf } from "./cents";
import { ExecutionTask } from "./execution-task.entity";
import { Invoice } from "./invoice.entity";
import { OrderApprovalPolicy } from "./order-approval-policy.entity";
import * as policies from "./order-approval-policy.service";
import * as workflow from "./order-workflow";
import { Order, OrderLine } from "./order.entity";
import { CreateOrderInput, OrderApprovalPolicyInput, OrderFilter, OrderOrder } from "./order.inputs";
import { approvalsByOrder, invoicesByOrder, linesByOrder, orderById, orderProductById, tasksByOrder } from "./order.loaders";
import * as orders from "./order.service";

export const { Connection: OrderConnection } = Connection(Order);

/** What the computed fields below read from their rows (src/db/rows.ts). */
rowsOf(Order).reads({
  account: ["accountId"], quote: ["quoteId"], opportunity: ["opportunityId"], territory: ["territoryId"], owner: ["ownerId"], lines: [], approvals: [], tasks: [], invoices: [],
  approvalChain: ["approvalChain"], overCreditLimit: ["overCreditLimit"], outstandingAmount: ["invoicedAmount", "paidAmount"], executionIssuedBy: ["executionIssuedById"],
});
rowsOf(OrderLine).reads({ product: ["productId"] });
rowsOf(ApprovalRequest).reads({ order: ["kind", "subjectId"] });

const REACH = "NOT_FOUND when the order does not exist or is outside the caller's reach";
const STATUS = "FAILED_PRECONDITION with reason WRONG_STATUS when the order is not";

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => OrderConnection, { description: "orders in the caller's reach (a rep their own, a manager the team's, head, business manager and finance the territory's, executives all), oldest first by default, in keyset pages" })
  orders(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => OrderFilter, { nullable: true, description: "what the orders must match" }) filter?: OrderFilter,
    @Arg("orderBy", () => OrderOrder, { nullable: true, description: "default CREATED_AT ascending" }) orderBy?: OrderOrder,
  ) {
    return orders.listOrders(ctx, filter, orderBy, page, info);
  }

  @Query(() => Order, { nullable: true, description: "one order; null when it does not exist or is outside the caller's reach" })
  order(@Arg("id", () => ID, { description: "the order's id" }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Order | null> {
    return orders.readOrder(ctx, parseId(id, "id"), info);
  }

  @Mutation(() => Order, {
    description:
      "makes a DRAFT order (SO-<territory>-<year>-<6 digits>) from an ACCEPTED quote, copying its lines and amounts; its owner is the quote's; audited. Refusals: BAD_USER_INPUT naming the field (quoteId, signedOn in the future, deliveryTerms over 1,000 characters); FAILED_PRECONDITION, nothing stored, with reason QUOTE_OUT_OF_REACH (field quoteId), QUOTE_NOT_ACCEPTED, QUOTE_ALREADY_ORDERED or ACCOUNT_NOT_APPROVED; CONFLICT with reason ARCHIVED when the account is archived",
  })
  createOrderFromQuote(
    @Arg("quoteId", () => ID, { description: "an ACCEPTED quote in the caller's reach" }) quoteId: string,
    @Arg("input", () => CreateOrderInput, { description: "the template and what was signed" }) input: CreateOrderInput,
    @Ctx() ctx: Context,
  ): Promise<Order> {
    return orders.createOrderFromQuote(ctx, quoteId, input);
  }

  @Mutation(() => Order, {
    description: `sends a DRAFT or REJECTED order for approval: the territory's policy, the credit control and the risk grade decide its chain (approvalChain, prepaymentRequired); the first step's deciders hear of it (approvalRequested); audited. Refusals: ${REACH}; ${STATUS} DRAFT or REJECTED`,
  })
  submitOrder(@Arg("id", () => ID, { description: "the order" }) id: string, @Ctx() ctx: Context): Promise<Order> {
    return workflow.submitOrder(ctx, parseId(id, "id"));
  }

  @Mutation(() => Order, {
    description: `approves the step an order waits for: someone in its role (the owner's own sales manager, the territory's business manager, its head, an executive) who has approved no other step of it; the next step is then asked, and the last makes it APPROVED and its opportunity WON; audited. Refusals: NOT_FOUND when it does not exist; FORBIDDEN with reason APPROVER_ROLE (another role decides), NOT_ABOVE_OWNER (the caller does not stand above the owner, is the owner, or does not reach the order) or SAME_APPROVER (the caller approved an earlier step); ${STATUS} PENDING_APPROVAL; BAD_USER_INPUT with field comment over 500 characters`,
  })
  approveOrder(@Arg("id", () => ID, { description: "the order" }) id: string, @Ctx() ctx: Context, @Arg("comment", () => String, { nullable: true, description: "the approver's note, at most 500 characters" }) comment?: string): Promise<Order> {
    return workflow.approveOrder(ctx, parseId(id, "id"), comment);
  }

  @Mutation(() => Order, { description: "rejects the step an order waits for; it becomes REJECTED and may be submitted again; audited. Refusals: as approveOrder; BAD_USER_INPUT with field reason when it is blank or over 500 characters" })
  rejectOrder(@Arg("id", () => ID, { description: "the order" }) id: string, @Arg("reason", () => String, { description: "why, for the owner; 1 to 500 characters" }) reason: string, @Ctx() ctx: Context): Promise<Order> {
    return workflow.rejectOrder(ctx, parseId(id, "id"), reason);
  }

  @Mutation(() => Order, {
    description: `cancels an order before execution, with nothing invoiced; a decision it waited for is withdrawn; audited. Refusals: ${REACH}; ${STATUS} DRAFT, PENDING_APPROVAL, REJECTED or APPROVED, or has invoices; BAD_USER_INPUT with field reason when it is blank or over 500 characters`,
  })
  cancelOrder(@Arg("id", () => ID, { description: "the order" }) id: string, @Arg("reason", () => String, { description: "why; 1 to 500 characters" }) reason: string, @Ctx() ctx: Context): Promise<Order> {
    return orders.cancelOrder(ctx, parseId(id, "id"), reason);
  }

  @Query(() => OrderApprovalPolicy, { description: "a territory's order approval policy. Refusals: FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY for a territory the caller does not act in" })
  orderApprovalPolicy(@Arg("territoryId", () => ID, { description: "the territory" }) territoryId: string, @Ctx() ctx: Context): Promise<OrderApprovalPolicy> {
    return policies.readOrderPolicy(ctx, territoryId);
  }

  @Mutation(() => OrderApprovalPolicy, {
    description:
      "sets a territory's order approval policy (its head, or an executive); orders submitted from then on follow it; audited. Refusals: BAD_USER_INPUT naming the field (standardMaxAmount, minNetRatio from 0 to 1, countersign: 1 to 5 of BUSINESS_MANAGER, TERRITORY_HEAD, EXECUTIVE never junior to the step before, countersign.N naming the step); FORBIDDEN with field territoryId and reason OUTSIDE_TERRITORY",
  })
  setOrderApprovalPolicy(
    @Arg("territoryId", () => ID, { description: "the territory" }) territoryId: string,
    @Arg("input", () => OrderApprovalPolicyInput, { description: "the policy" }) input: OrderApprovalPolicyInput,
    @Ctx() ctx: Context,
  ): Promise<OrderApprovalPolicy> {
    return policies.setOrderPolicy(ctx, territoryId, input);
  }

  @FieldResolver(() => Account, { nullable: true, description: "the customer; null when the account is outside the caller's reach" })
  account(@Root() order: Order, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, accountById).load(order.accountId, info);
  }

  @FieldResolver(() => Quote, { nullable: true, description: "the accepted quote it was made from; null outside the caller's reach" })
  quote(@Root() order: Order, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, quoteById).load(order.quoteId, info);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: "the opportunity (WON once the order is approved); null outside the caller's reach" })
  opportunity(@Root() order: Order, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, opportunityById).load(order.opportunityId, info);
  }

  @FieldResolver(() => Territory, { description: "the territory whose policy the order follows" })
  territory(@Root() order: Order, @Ctx() ctx: Context) {
    return loader(ctx, territoryById).load(order.territoryId);
  }

  @FieldResolver(() => User, { description: "who answers for the order (the quote's owner)" })
  owner(@Root() order: Order, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, userById).load(order.ownerId, info);
  }

  @FieldResolver(() => User, { nullable: true, description: "the business manager who issued the execution order; null before" })
  executionIssuedBy(@Root() order: Order, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return order.executionIssuedById === null ? null : loader(ctx, userById).load(order.executionIssuedById, info);
  }

  @FieldResolver(() => [OrderLine], { description: "the lines in their order" })
  lines(@Root() order: Order, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, linesByOrder).load(order.id, info);
  }

  @FieldResolver(() => [Role], { description: "the roles of its approval chain in order, decided at submission (empty before): the sales manager alone, or the countersign chain, ending with an EXECUTIVE when over the credit limit" })
  approvalChain(@Root() order: Order): Role[] {
    return workflow.chainOf(order);
  }

  @FieldResolver(() => Boolean, { description: "whether the amount plus the account's outstanding balance was over its credit limit at submission (a credit figure: read by the roles that read credit)" })
  overCreditLimit(@Root() order: Order): boolean {
    return order.overCreditLimit;
  }

  @FieldResolver(() => [ApprovalRequest], { description: "every step asked (each round of submission), oldest first, with its decision: step, role, approver, decision, comment, decidedAt" })
  approvals(@Root() order: Order, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, approvalsByOrder).load(order.id, info);
  }

  @FieldResolver(() => Decimal, { description: "invoicedAmount − paidAmount: billed and not paid yet" })
  outstandingAmount(@Root() order: Order): string {
    return moneyOf(cents(order.invoicedAmount) - cents(order.paidAmount));
  }

  @FieldResolver(() => [ExecutionTask], { description: "the tasks of its execution order, in the order given" })
  tasks(@Root() order: Order, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, tasksByOrder).load(order.id, info);
  }

  @FieldResolver(() => [Invoice], { description: "its invoices, by issuedOn" })
  invoices(@Root() order: Order, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, invoicesByOrder).load(order.id, info);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => Product, { description: "the product ordered" })
  product(@Root() line: OrderLine, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, orderProductById).load(line.productId, info);
  }
}

/** `ApprovalRequest.order`: the orders module's subject field on the quotes module's approval requests (docs/modules.md, "Approvals"). */
@Resolver(() => ApprovalRequest)
export class ApprovalRequestOrderResolver {
  @FieldResolver(() => Order, { nullable: true, description: "the order, for kind ORDER (as it was asked, when delivered live); null for other kinds or outside the caller's reach" })
  order(@Root() request: ApprovalRequest, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (request.kind !== ApprovalKind.ORDER) return null;
    // Delivered live, the order is the event's snapshot, one for all its recipients: no read per subscriber.
    const delivered = deliveredSubject<Order>(request);
    return delivered !== undefined ? delivered : loader(ctx, orderById).load(request.subjectId, info);
  }
}
