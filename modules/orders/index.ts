import { or } from "graphql-shield";
import type { CrmModule } from "../../src/modules/contract";
import { can, isAuthenticated } from "../../src/access/rules";
import { AccountPermission } from "../accounts";
import { seedOrdersDemo } from "./demo.seed";
import { ExecutionTask } from "./execution-task.entity";
import { ExecutionResolver } from "./execution.resolver";
import { Invoice, Payment, PaymentIdempotencyKey } from "./invoice.entity";
import { Orders1700000005000 } from "./migrations/1700000005000-orders";
import { OrderApprovalPolicyRow } from "./order-approval-policy.entity";
import { Order, OrderLine, OrderNumberCounter } from "./order.entity";
import { OrderPermission as P, orderGrants } from "./order.permissions";
import { ApprovalRequestOrderResolver, OrderLineResolver, OrderResolver } from "./order.resolver";
import { findOrder } from "./order.service";
import { scopedInvoices, scopedPayments } from "./receivables-report";
import { AccountAgeingResolver, AccountReceivablesResolver, InvoiceResolver, PaymentResolver, ReceivablesAgeingResolver } from "./receivables.resolver";

const readCredit = can(AccountPermission.ReadCredit);

/** Orders (contracts) with their approval and countersigning, execution orders and tasks, invoices, payments and receivables reports (PRODUCT.md, "Orders, contracts and receivables"; issue 12). */
export const ordersModule: CrmModule = {
  name: "orders",
  requires: ["accounts", "opportunities", "quotes"],
  entities: [Order, OrderLine, OrderNumberCounter, OrderApprovalPolicyRow, ExecutionTask, Invoice, Payment, PaymentIdempotencyKey],
  resolvers: [OrderResolver, OrderLineResolver, ApprovalRequestOrderResolver, ExecutionResolver, InvoiceResolver, PaymentResolver, ReceivablesAgeingResolver, AccountAgeingResolver, AccountReceivablesResolver],
  migrations: [Orders1700000005000],
  grants: orderGrants,
  rules: {
    Query: {
      orders: can(P.Read),
      order: can(P.Read),
      orderApprovalPolicy: can(P.Read),
      myTasks: can(P.WorkTasks),
      receivablesAgeing: readCredit,
      receivablesStatement: readCredit,
      overdueInvoices: readCredit,
    },
    Mutation: {
      createOrderFromQuote: can(P.Write),
      submitOrder: can(P.Write),
      cancelOrder: can(P.Write),
      approveOrder: can(P.Approve),
      rejectOrder: can(P.Approve),
      setOrderApprovalPolicy: can(P.ConfigurePolicy),
      issueExecutionOrder: can(P.IssueExecution),
      completeTask: can(P.WorkTasks),
      issueInvoice: can(P.IssueInvoice),
      recordPayment: can(P.RecordPayment),
    },
    Order: { "*": can(P.Read), overCreditLimit: readCredit },
    OrderLine: can(P.Read),
    OrderConnection: isAuthenticated,
    OrderEdge: isAuthenticated,
    OrderApprovalPolicy: can(P.Read),
    Task: or(can(P.Read), can(P.WorkTasks)),
    TaskConnection: isAuthenticated,
    TaskEdge: isAuthenticated,
    Invoice: can(P.Read),
    InvoiceConnection: isAuthenticated,
    InvoiceEdge: isAuthenticated,
    Payment: or(can(P.Read), can(P.RecordPayment)),
    AccountReceivables: readCredit,
    ReceivablesAgeing: readCredit,
    AgeingBuckets: readCredit,
    AgeingAmount: readCredit,
    AccountAgeing: readCredit,
    AccountAgeingConnection: isAuthenticated,
    AccountAgeingEdge: isAuthenticated,
    ReceivablesStatement: readCredit,
    ApprovalRequest: { order: can(P.Read) },
    Account: { receivables: readCredit },
  },
  seed: seedOrdersDemo,
  auditable: {
    Order: async (ctx, id) => (await findOrder(ctx, id)) !== null,
    Invoice: (ctx, id) => scopedInvoices(ctx).andWhere("i.id = :id", { id }).getExists(),
    Payment: (ctx, id) => scopedPayments(ctx).andWhere("p.id = :id", { id }).getExists(),
  },
};

// The public API other modules may use.
export { Order, OrderLine, OrderStatus, ContractTemplate } from "./order.entity";
export { Invoice, Payment } from "./invoice.entity";
export { ExecutionTask } from "./execution-task.entity";
export { findOrder, scopedOrders, ORDER_SCOPE } from "./order.service";
export { scopedInvoices, scopedPayments } from "./receivables-report";
export { orderById } from "./order.loaders";
export { OrderPermission } from "./order.permissions";
export { OrderReason } from "./order.reasons";
export { cents, moneyOf } from "./cents";
export { formatNumber } from "./order-number";
export type { OrderApprovedEvent, InvoiceIssuedEvent, PaymentRecordedEvent, ExecutionIssuedEvent } from "./order.events";
