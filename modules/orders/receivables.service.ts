import { createHash } from "node:crypto";
import type { Context } from "../../src/context";
import { inTransaction, actorOf } from "../../src/db/unit-of-work";
import { versionedUpdate } from "../../src/db/versioned-update";
import { calendarDate } from "../../src/domain/calendar-date";
import { money } from "../../src/domain/money";
import { cleanText, requiredText } from "../../src/domain/text";
import { badInput, conflict, notFound } from "../../src/errors";
import { parseId } from "../../src/graphql/ids";
import { Territory } from "../../src/org/territory.entity";
import { cents, moneyOf } from "./cents";
import { Invoice, Payment, PaymentIdempotencyKey } from "./invoice.entity";
import { nextNumber } from "./order-number";
import { Order, OrderStatus } from "./order.entity";
import type { IssueInvoiceInput, RecordPaymentInput } from "./order.inputs";
import { OrderReason } from "./order.reasons";
import { assertOrderStatus, completeIfDone, lockOrder, ORDER_AUDITED, ORDER_SCOPE, orderLabel } from "./order.service";
import { isMySql } from "./serial-writes";

/** Receivables (PRODUCT.md): invoices against an order, payments against invoices, exact to the cent. */

function positiveMoney(value: string, field: string): string {
  const amount = money(value, field);
  if (cents(amount) === 0n) throw badInput(field, "must be more than 0");
  return amount;
}

export const INVOICE_AUDITED: (keyof Invoice)[] = ["number", "orderId", "accountId", "amount", "issuedOn", "dueOn", "paidAmount", "lastPaidOn", "settledOn"];

/** Finance bills an APPROVED or IN_EXECUTION order; its invoices never add up to more than its amount (BAD_USER_INPUT naming amount). */
export function issueInvoice(ctx: Context, orderId: number, input: IssueInvoiceInput): Promise<Invoice> {
  const amount = positiveMoney(input.amount, "amount");
  const issuedOn = calendarDate(input.issuedOn, "issuedOn", { notAfter: "today" });
  const dueOn = calendarDate(input.dueOn, "dueOn", { notBefore: issuedOn });
  return inTransaction(ctx, async (uow) => {
    const order = await lockOrder(ctx, uow.manager, orderId);
    assertOrderStatus(order, [OrderStatus.APPROVED, OrderStatus.IN_EXECUTION], "issueInvoice");
    const left = cents(order.amount) - cents(order.invoicedAmount);
    if (cents(amount) > left) throw badInput("amount", `is more than the ${moneyOf(left)} of ${orderLabel(order)} not invoiced yet`);
    const territory = await uow.manager.findOneByOrFail(Territory, { id: order.territoryId });
    const now = new Date();
    const number = await nextNumber(uow.manager, "INV", territory, now.getUTCFullYear());
    const invoice = Object.assign(new Invoice(), { number, orderId: order.id, accountId: order.accountId, amount, issuedOn, dueOn, paidAmount: "0.00", lastPaidOn: null, settledOn: null, createdById: ctx.viewer!.id, createdAt: now, version: 1 });
    await uow.manager.insert(Invoice, invoice);
    await uow.audit("Invoice", invoice.id, "CREATE", { number: { from: null, to: number }, orderId: { from: null, to: order.id }, amount: { from: null, to: amount }, issuedOn: { from: null, to: issuedOn }, dueOn: { from: null, to: dueOn } });
    await versionedUpdate(uow, Order, order, { invoicedAmount: moneyOf(cents(order.invoicedAmount) + cents(amount)) }, { action: "INVOICE", audited: ORDER_AUDITED });
    uow.emit({ name: "invoice.issued", payload: { invoiceId: invoice.id, orderId: order.id, accountId: order.accountId, amount, dueOn } });
    return invoice;
  });
}

interface CheckedPayment {
  invoiceId: number;
  amount: string;
  receivedOn: string;
  reference: string;
}

const requestHash = (p: CheckedPayment) => createHash("sha256").update(JSON.stringify([p.invoiceId, p.amount, p.receivedOn, p.reference])).digest("hex");

const isDuplicateKey = (error: unknown) => /UNIQUE constraint failed|ER_DUP_ENTRY|Duplicate entry/i.test(String((error as Error)?.message ?? error));

/**
 * Records a payment on an invoice (finance of its territory, or a partner key granted the territory:
 * the group's ERP), exactly once per idempotency key and caller. The invoice's row is locked first
 * (MySQL; one writer at a time on SQLite), so parallel payments read what the one before wrote and
 * never add up to more than the invoice; the key is looked up under that lock, so a retry with the
 * same body gets the first payment back and records nothing, another body is a CONFLICT. Two
 * retries of one key arriving at once on different invoices meet at the key's unique index: the
 * loser runs again and finds the key.
 */
export async function recordPayment(ctx: Context, input: RecordPaymentInput, idempotencyKey: string): Promise<Payment> {
  const key = requiredText(idempotencyKey, "idempotencyKey", { max: 100 });
  const payment: CheckedPayment = {
    invoiceId: parseId(input.invoiceId, "invoiceId"),
    amount: positiveMoney(input.amount, "amount"),
    receivedOn: calendarDate(input.receivedOn, "receivedOn", { notAfter: "today" }),
    reference: cleanText(input.reference, "reference", { max: 100 }),
  };
  const attempt = () => recordOnce(ctx, payment, key);
  try {
    return await attempt();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return attempt();
  }
}

function recordOnce(ctx: Context, input: CheckedPayment, key: string): Promise<Payment> {
  const caller = actorOf(ctx);
  const hash = requestHash(input);
  return inTransaction(ctx, async (uow) => {
    const m = uow.manager;
    if (isMySql(m.connection)) await m.query("SELECT id FROM invoices WHERE id = ? FOR UPDATE", [input.invoiceId]);
    const known = await m.findOneBy(PaymentIdempotencyKey, { caller, idempotencyKey: key });
    if (known) {
      if (known.requestHash !== hash) throw conflict(`idempotencyKey: ${key} was used with another request`, { reason: OrderReason.IdempotencyKeyReused, field: "idempotencyKey" });
      return m.findOneByOrFail(Payment, { id: known.paymentId });
    }
    const invoice = await m.findOneBy(Invoice, { id: input.invoiceId });
    const order = invoice && (await m.findOneBy(Order, { id: invoice.orderId }));
    if (!invoice || !order || !reaches(ctx, order)) throw notFound("Invoice", input.invoiceId);
    const outstanding = cents(invoice.amount) - cents(invoice.paidAmount);
    if (cents(input.amount) > outstanding) throw badInput("amount", `is more than the ${moneyOf(outstanding)} outstanding on invoice ${invoice.number}`);
    if (input.receivedOn < invoice.issuedOn) throw badInput("receivedOn", `is before the invoice's issuedOn ${invoice.issuedOn}`);
    const recorded = Object.assign(new Payment(), { ...input, recordedBy: caller, recordedAt: new Date() });
    await m.insert(Payment, recorded);
    await m.insert(PaymentIdempotencyKey, { caller, idempotencyKey: key, requestHash: hash, paymentId: recorded.id, createdAt: recorded.recordedAt });
    await uow.audit("Payment", recorded.id, "CREATE", { invoiceId: { from: null, to: invoice.id }, amount: { from: null, to: input.amount }, receivedOn: { from: null, to: input.receivedOn }, reference: { from: null, to: input.reference } });
    const paid = cents(invoice.paidAmount) + cents(input.amount);
    const lastPaidOn = invoice.lastPaidOn === null || input.receivedOn > invoice.lastPaidOn ? input.receivedOn : invoice.lastPaidOn;
    await versionedUpdate(uow, Invoice, invoice, { paidAmount: moneyOf(paid), lastPaidOn, settledOn: paid === cents(invoice.amount) ? lastPaidOn : null }, { action: "PAYMENT", audited: INVOICE_AUDITED });
    // The order's total moves by the payment in one statement: payments on its other invoices do not wait for this one.
    await m.query("UPDATE orders SET paidAmount = ROUND(paidAmount + ?, 2), version = version + 1 WHERE id = ?", [input.amount, order.id]);
    const updated = await m.findOneByOrFail(Order, { id: order.id });
    await uow.audit("Order", order.id, "PAYMENT", { paidAmount: { from: order.paidAmount, to: updated.paidAmount } });
    uow.emit({ name: "payment.recorded", payload: { paymentId: recorded.id, invoiceId: invoice.id, orderId: order.id, amount: input.amount, receivedOn: input.receivedOn } });
    await completeIfDone(uow, updated);
    return recorded;
  });
}

/** Finance reaches the invoice through its order (the Scope); a partner key through the territories granted to it. */
function reaches(ctx: Context, order: Order): boolean {
  const viewer = ctx.viewer!;
  if (viewer.kind === "partner") return viewer.territoryIds.includes(order.territoryId);
  return ctx.scope.covers(order, ORDER_SCOPE);
}
