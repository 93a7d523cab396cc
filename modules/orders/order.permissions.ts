import type { Grants } from "../../src/access/permissions";
import { Role } from "../../src/access/roles";

const { EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER, FINANCE, SERVICE_AGENT, MARKETER, PARTNER } = Role;

export const OrderPermission = {
  Read: "order.read",
  Write: "order.write",
  /** approve or reject a step of an order's chain */
  Approve: "order.approve",
  ConfigurePolicy: "order.policy.configure",
  /** issue the execution order (the territory's business manager) */
  IssueExecution: "order.execution.issue",
  /** see and complete the execution tasks given to oneself */
  WorkTasks: "order.task.work",
  IssueInvoice: "invoice.issue",
  /** record a payment: finance, and the ERP through a partner key of the territory (the `payments:write` scope, once keys have scopes) */
  RecordPayment: "payment.record",
} as const;

const SELLING = [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER];

/**
 * Who may do what with orders; rows are further limited by the Scope (ORDER_SCOPE). Receivables
 * figures (Account.receivables, the ageing report, statements, overdue invoices) are credit figures:
 * they take the accounts module's `account.credit.read`, not a grant of this module.
 */
export const orderGrants: Grants = {
  [OrderPermission.Read]: [...SELLING, FINANCE],
  [OrderPermission.Write]: SELLING,
  [OrderPermission.Approve]: [EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, BUSINESS_MANAGER],
  [OrderPermission.ConfigurePolicy]: [EXECUTIVE, TERRITORY_HEAD],
  [OrderPermission.IssueExecution]: [BUSINESS_MANAGER],
  [OrderPermission.WorkTasks]: [...SELLING, FINANCE, SERVICE_AGENT, MARKETER],
  [OrderPermission.IssueInvoice]: [FINANCE],
  [OrderPermission.RecordPayment]: [FINANCE, PARTNER],
};
