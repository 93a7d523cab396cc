import type { EntityManager } from "typeorm";
import type { Role } from "../../src/access/roles";
import type { Context } from "../../src/context";
import { inTransaction } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import { requiredText } from "../../src/domain/text";
import { forbidden, notFound, refused } from "../../src/errors";
import { User } from "../../src/org/user.entity";
import { Account } from "../accounts";
import { winOpportunityWithin } from "../opportunities";
import { ApprovalDecision, ApprovalKind, ApprovalRequest, decide, pendingRequest, QuoteReason, requestApproval } from "../quotes";
import { cents, centsFromSql, sumCents } from "./cents";
import { needsPrepayment, orderApprovalChain } from "./order-approval";
import { orderPolicyOf } from "./order-approval-policy.service";
import { Order, OrderStatus } from "./order.entity";
import { OrderReason } from "./order.reasons";
import { assertOrderStatus, lockOrder, ORDER_AUDITED, ORDER_SCOPE, orderLabel } from "./order.service";

/** An order's approval (issue 12): submit, then each step of its chain approves or one rejects. */

/** What the account owes now: its invoices less what was paid on them, in cents (the kept paidAmount; see Invoice). */
export async function outstandingCents(manager: EntityManager, accountId: number): Promise<bigint> {
  const [row] = await manager.query(`SELECT ${sumCents("amount")} AS invoiced, ${sumCents("paidAmount")} AS paid FROM invoices WHERE accountId = ?`, [accountId]);
  return centsFromSql(row.invoiced) - centsFromSql(row.paid);
}

async function ownerOf(manager: EntityManager, ownerId: number) {
  const owner = await manager.findOneByOrFail(User, { id: ownerId });
  const boss = owner.managerId === null ? null : await manager.findOneBy(User, { id: owner.managerId });
  return { owner, managerRole: boss?.role ?? null };
}

export const chainOf = (order: Pick<Order, "approvalChain">): Role[] => JSON.parse(order.approvalChain);

/**
 * Sends a DRAFT or REJECTED order for approval: the territory's policy as it stands now, the credit
 * control (amount + the account's outstanding balance over its credit limit: the chain ends with an
 * executive) and the risk grade (prepayment) decide its chain; the first step is asked at once, and
 * those who may decide it hear of it live.
 */
export function submitOrder(ctx: Context, id: number): Promise<Order> {
  return inTransaction(ctx, async (uow) => {
    const order = await lockOrder(ctx, uow.manager, id);
    assertOrderStatus(order, [OrderStatus.DRAFT, OrderStatus.REJECTED], "submitOrder");
    const account = await uow.manager.findOneByOrFail(Account, { id: order.accountId });
    const policy = await orderPolicyOf(uow.manager, order.territoryId);
    const overCreditLimit = account.creditLimit !== null && cents(order.amount) + (await outstandingCents(uow.manager, account.id)) > cents(account.creditLimit);
    const { owner, managerRole } = await ownerOf(uow.manager, order.ownerId);
    const chain = orderApprovalChain({ ...order, overCreditLimit }, policy, { role: owner.role, managerRole });
    const pending = await versionedUpdate(uow, Order, order, {
      status: OrderStatus.PENDING_APPROVAL,
      approvalChain: JSON.stringify(chain),
      overCreditLimit,
      prepaymentRequired: needsPrepayment(account.riskGrade, policy),
    }, { action: "SUBMIT", audited: ORDER_AUDITED });
    await requestApproval(uow, ApprovalKind.ORDER, pending, owner, { step: 1, role: chain[0] }, pending);
    return pending;
  });
}

/** The requests of the order's current round (since its latest submission), oldest first. */
async function currentRound(manager: EntityManager, orderId: number): Promise<ApprovalRequest[]> {
  const all = await manager.find(ApprovalRequest, { where: { kind: ApprovalKind.ORDER, subjectId: orderId }, order: { id: "ASC" } });
  const start = all.map((r) => r.step).lastIndexOf(1);
  return all.slice(Math.max(start, 0));
}

/**
 * Decides the step an order waits for. The rule of who decides is the approval requests' (the role,
 * standing above the owner, the territory's business manager for a review; modules/quotes); here,
 * that nobody decides two steps of one order (FORBIDDEN, SAME_APPROVER). The last approval makes it
 * APPROVED and its opportunity WON (through the opportunities module), and is announced.
 */
function decideOrder(ctx: Context, id: number, decision: ApprovalDecision.APPROVED | ApprovalDecision.REJECTED, comment: string | null): Promise<Order> {
  return inTransaction(ctx, async (uow) => {
    const order = await uow.manager.findOneBy(Order, { id });
    if (!order) throw notFound("Order", id);
    if (!ctx.scope.covers(order, ORDER_SCOPE)) throw forbidden(`Order ${id} is outside your reach: you do not decide on it`, { reason: QuoteReason.NotAboveOwner });
    assertOrderStatus(order, [OrderStatus.PENDING_APPROVAL], decision === ApprovalDecision.APPROVED ? "approveOrder" : "rejectOrder");
    const request = await pendingRequest(uow, ApprovalKind.ORDER, order.id);
    if (!request) throw refused(OrderReason.WrongStatus, `${orderLabel(order)} waits for no decision`);
    const round = await currentRound(uow.manager, order.id);
    if (round.some((r) => r.decision === ApprovalDecision.APPROVED && r.approverId === ctx.viewer!.id)) {
      throw forbidden(`${orderLabel(order)}: you approved an earlier step; step ${request.step} is another person's`, { reason: OrderReason.SameApprover });
    }
    await decide(ctx, uow, request, decision, comment, orderLabel(order));
    const changes = { comment: { from: null, to: comment }, step: { from: null, to: request.step } };
    if (decision === ApprovalDecision.REJECTED) {
      return versionedUpdate(uow, Order, order, { status: OrderStatus.REJECTED }, { action: "REJECT", audited: ORDER_AUDITED, changes: { ...changes, status: { from: order.status, to: OrderStatus.REJECTED } } });
    }
    const chain = chainOf(order);
    if (request.step < chain.length) {
      const owner = await uow.manager.findOneByOrFail(User, { id: order.ownerId });
      const stepped = await versionedUpdate(uow, Order, order, {}, { action: "APPROVE_STEP", audited: ORDER_AUDITED, changes });
      await requestApproval(uow, ApprovalKind.ORDER, stepped, owner, { step: request.step + 1, role: chain[request.step] }, stepped);
      return stepped;
    }
    const approved = await versionedUpdate(uow, Order, order, { status: OrderStatus.APPROVED }, { action: "APPROVE", audited: ORDER_AUDITED, changes: { ...changes, status: { from: order.status, to: OrderStatus.APPROVED } } });
    await winOpportunityWithin(ctx, uow, order.opportunityId);
    uow.emit({ name: "order.approved", payload: { orderId: order.id, accountId: order.accountId, territoryId: order.territoryId, amount: order.amount } });
    return approved;
  });
}

export function approveOrder(ctx: Context, id: number, comment: string | null | undefined): Promise<Order> {
  const text = comment === null || comment === undefined || comment.trim() === "" ? null : requiredText(comment, "comment", { max: 500 });
  return decideOrder(ctx, id, ApprovalDecision.APPROVED, text);
}

export function rejectOrder(ctx: Context, id: number, reason: string): Promise<Order> {
  return decideOrder(ctx, id, ApprovalDecision.REJECTED, requiredText(reason, "reason", { max: 500 }));
}
