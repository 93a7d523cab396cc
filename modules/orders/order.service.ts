import type { EntityManager } from "typeorm";
import { Reach, Role } from "../../src/access/roles";
import type { ScopedColumns } from "../../src/access/scope";
import type { Context } from "../../src/context";
import { listPage, type ListSpec } from "../../src/db/list";
import { scopedRecords } from "../../src/db/scoped-records";
import { inTransaction, type UnitOfWork } from "../../src/db/unit-of-work";
import { insertAudited, versionedUpdate } from "../../src/db/versioned-update";
import { calendarDate } from "../../src/domain/calendar-date";
import { optionalText, requiredText } from "../../src/domain/text";
import { refused } from "../../src/errors";
import { SortDirection, type ConnectionResult, type PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import type { SelectionInfo } from "../../src/graphql/selection";
import { Territory } from "../../src/org/territory.entity";
import { Account, ApprovalStatus, assertNotArchived } from "../accounts";
import { ApprovalKind, findQuote, QuoteLine, QuoteStatus, withdrawApproval } from "../quotes";
import { cents } from "./cents";
import { ExecutionTask, TaskStatus } from "./execution-task.entity";
import { nextNumber } from "./order-number";
import { Order, OrderLine, OrderStatus } from "./order.entity";
import { OrderOrderField, type CreateOrderInput, type OrderFilter, type OrderOrder } from "./order.inputs";
import { OrderReason } from "./order.reasons";
import { isMySql } from "./serial-writes";

/** Order reach: the Scope's usual reach (a rep their own, a manager the team's, territory staff the territory's), none for service agents, marketers and partners. */
export const ORDER_SCOPE: ScopedColumns = {
  territory: "territoryId",
  owner: "ownerId",
  reach: { [Role.SERVICE_AGENT]: Reach.None, [Role.MARKETER]: Reach.None, [Role.PARTNER]: Reach.None },
};

export const ORDER_AUDITED: (keyof Order)[] = [
  "number", "quoteId", "accountId", "ownerId", "status", "template", "amount", "netRatio", "signedOn", "deliveryTerms", "approvalChain", "prepaymentRequired", "overCreditLimit",
  "invoicedAmount", "paidAmount", "deliveryDate", "executionNotes", "cancelReason",
];

export const { scoped: scopedOrders, find: findOrder, require: requireOrder, read: readOrder } = scopedRecords(Order, "o", ORDER_SCOPE, "Order");

const ORDER_LIST: ListSpec<Order, OrderFilter, OrderOrderField> = {
  alias: "o",
  equal: { status: "status" },
  ids: { accountId: "accountId", ownerId: "ownerId", territoryId: "territoryId" },
  orders: { [OrderOrderField.CREATED_AT]: { column: "createdAt", kind: "date", read: (o) => o.createdAt } },
  defaultOrder: { field: OrderOrderField.CREATED_AT, direction: SortDirection.ASC },
};

export function listOrders(ctx: Context, filter: OrderFilter = {}, order: OrderOrder | undefined, page: PageArgs, info?: SelectionInfo): Promise<ConnectionResult<Order>> {
  return listPage(scopedOrders(ctx), ORDER_LIST, filter, order, page, info);
}

export const orderLabel = (order: Order) => `Order ${order.number}`;

/** Refuses (FAILED_PRECONDITION, WRONG_STATUS) unless the order is in one of `allowed`. */
export function assertOrderStatus(order: Order, allowed: OrderStatus[], doing: string): void {
  if (!allowed.includes(order.status)) throw refused(OrderReason.WrongStatus, `${orderLabel(order)} is ${order.status}; ${doing} takes an order that is ${allowed.join(" or ")}`);
}

/**
 * An order in the caller's reach, its row locked until the transaction ends on MySQL (SELECT ... FOR
 * UPDATE), so invoices, payments and completion of one order take turns; or NOT_FOUND.
 */
export async function lockOrder(ctx: Context, manager: EntityManager, id: number): Promise<Order> {
  if (isMySql(manager.connection)) await manager.query("SELECT id FROM orders WHERE id = ? FOR UPDATE", [id]);
  return requireOrder(ctx, manager, id);
}

/**
 * An accepted quote of an approved account becomes a DRAFT order (PRODUCT.md): its lines and amounts
 * are copied, its owner is the quote's, its number SO-<territory>-<year>-<6 digits>.
 */
export function createOrderFromQuote(ctx: Context, quoteIdText: string, input: CreateOrderInput): Promise<Order> {
  const quoteId = parseId(quoteIdText, "quoteId");
  const signedOn = input.signedOn === null || input.signedOn === undefined ? null : calendarDate(input.signedOn, "signedOn", { notAfter: "today" });
  const deliveryTerms = optionalText(input.deliveryTerms, "deliveryTerms", { max: 1000 });
  return inTransaction(ctx, async (uow) => {
    const quote = await findQuote(ctx, quoteId, uow.manager);
    if (!quote) throw refused(OrderReason.QuoteOutOfReach, `Quote ${quoteId} does not exist or is outside your reach`, { field: "quoteId" });
    if (quote.status !== QuoteStatus.ACCEPTED) throw refused(OrderReason.QuoteNotAccepted, `Quote ${quote.number} v${quote.quoteVersion} is ${quote.status}: only an ACCEPTED quote becomes an order`);
    const taken = await uow.manager.getRepository(Order).createQueryBuilder("o").where("o.quoteId = :quoteId", { quoteId }).andWhere("o.status <> :cancelled", { cancelled: OrderStatus.CANCELLED }).getOne();
    if (taken) throw refused(OrderReason.QuoteAlreadyOrdered, `Quote ${quote.number} v${quote.quoteVersion} is already ordered (${taken.number})`);
    const account = await uow.manager.findOneByOrFail(Account, { id: quote.accountId });
    assertNotArchived(account);
    if (account.approvalStatus !== ApprovalStatus.APPROVED) throw refused(OrderReason.AccountNotApproved, `Account ${account.name} is not approved: contracts are signed with approved accounts only`);
    const territory = await uow.manager.findOneByOrFail(Territory, { id: quote.territoryId });
    const now = new Date();
    const number = await nextNumber(uow.manager, "SO", territory, now.getUTCFullYear());
    const order = Object.assign(new Order(), {
      number,
      quoteId,
      opportunityId: quote.opportunityId,
      accountId: quote.accountId,
      territoryId: quote.territoryId,
      ownerId: quote.ownerId,
      status: OrderStatus.DRAFT,
      template: input.template,
      currency: quote.currency,
      amount: quote.netTotal,
      netRatio: quote.netRatio,
      signedOn,
      deliveryTerms,
      approvalChain: "[]",
      prepaymentRequired: false,
      overCreditLimit: false,
      invoicedAmount: "0.00",
      paidAmount: "0.00",
      deliveryDate: null,
      executionNotes: null,
      executionIssuedAt: null,
      executionIssuedById: null,
      cancelReason: null,
      createdById: ctx.viewer!.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await insertAudited(uow, Order, order, ORDER_AUDITED);
    const lines = await uow.manager.find(QuoteLine, { where: { quoteId }, order: { position: "ASC", id: "ASC" } });
    await uow.manager.insert(OrderLine, lines.map((l) => ({ orderId: order.id, position: l.position, productId: l.productId, quantity: l.quantity, listPrice: l.listPrice, netPrice: l.netPrice, lineNetTotal: l.lineNetTotal })));
    return order;
  });
}

const CANCELLABLE = [OrderStatus.DRAFT, OrderStatus.PENDING_APPROVAL, OrderStatus.REJECTED, OrderStatus.APPROVED];

/** Withdraws an order before execution with nothing invoiced; a decision it waited for is withdrawn. */
export function cancelOrder(ctx: Context, id: number, reason: string): Promise<Order> {
  const text = requiredText(reason, "reason", { max: 500 });
  return inTransaction(ctx, async (uow) => {
    const order = await lockOrder(ctx, uow.manager, id);
    assertOrderStatus(order, CANCELLABLE, "cancelOrder");
    if (cents(order.invoicedAmount) > 0n) throw refused(OrderReason.WrongStatus, `${orderLabel(order)} has invoices: it is cancelled no more`);
    if (order.status === OrderStatus.PENDING_APPROVAL) await withdrawApproval(uow, order.id, ApprovalKind.ORDER);
    return versionedUpdate(uow, Order, order, { status: OrderStatus.CANCELLED, cancelReason: text }, { action: "CANCEL", audited: ORDER_AUDITED });
  });
}

/** An order IN_EXECUTION whose tasks are all done and whose whole amount is invoiced and paid becomes COMPLETED (issue 12). */
export async function completeIfDone(uow: UnitOfWork, order: Order): Promise<Order> {
  if (order.status !== OrderStatus.IN_EXECUTION || cents(order.paidAmount) < cents(order.amount)) return order;
  const open = await uow.manager.countBy(ExecutionTask, { orderId: order.id, status: TaskStatus.OPEN });
  if (open > 0) return order;
  return versionedUpdate(uow, Order, order, { status: OrderStatus.COMPLETED }, { action: "COMPLETE", audited: ORDER_AUDITED });
}
