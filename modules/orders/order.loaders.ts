import { rowsById, rowsByParent, rowsGroupedBy, selectingLoader } from "../../src/db/loaders";
import { ApprovalKind, ApprovalRequest, Product } from "../quotes";
import { ExecutionTask } from "./execution-task.entity";
import { Invoice, Payment } from "./invoice.entity";
import { Order, OrderLine } from "./order.entity";
import { scopedOrders } from "./order.service";
import { scopedInvoices } from "./receivables-report";

/** Orders by id, within the viewer's reach. */
export const orderById = selectingLoader<Order, number, Order | null>(Order, async (ctx, ids, columns, reads) => {
  const rows = await reads.many(scopedOrders(ctx).andWhere("o.id IN (:...ids)", { ids: [...ids] }), "o", columns);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
});

/** Invoices by id, within the viewer's reach (through their order). */
export const invoiceById = selectingLoader<Invoice, number, Invoice | null>(Invoice, async (ctx, ids, columns, reads) => {
  const rows = await reads.many(scopedInvoices(ctx).andWhere("i.id IN (:...ids)", { ids: [...ids] }), "i", columns);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
});

/** Children of an order or invoice the caller reached already, in their order. */
export const linesByOrder = rowsByParent(OrderLine, "orderId", [["position", "ASC"], ["id", "ASC"]]);
export const tasksByOrder = rowsByParent(ExecutionTask, "orderId", [["id", "ASC"]]);
export const invoicesByOrder = rowsByParent(Invoice, "orderId", [["issuedOn", "ASC"], ["id", "ASC"]]);
export const paymentsByInvoice = rowsByParent(Payment, "invoiceId", [["receivedOn", "ASC"], ["id", "ASC"]]);

/** An order's approval requests, oldest first (every round). */
export const approvalsByOrder = rowsGroupedBy(ApprovalRequest, "subjectId", (ctx, orderIds) =>
  ctx.db.getRepository(ApprovalRequest).createQueryBuilder("x").where("x.kind = :kind", { kind: ApprovalKind.ORDER }).andWhere("x.subjectId IN (:...orderIds)", { orderIds: [...orderIds] }).orderBy("x.id", "ASC"),
);

export const orderProductById = rowsById(Product);
