/**
 * Why the orders module refuses (`extensions.reason`). Approval refusals keep the approval requests'
 * reasons (modules/quotes: APPROVER_ROLE, NOT_ABOVE_OWNER); the core's STALE_VERSION, OUTSIDE_TERRITORY.
 */
export const OrderReason = {
  /** createOrderFromQuote: the quote does not exist or is outside the caller's reach */
  QuoteOutOfReach: "QUOTE_OUT_OF_REACH",
  /** createOrderFromQuote: the quote is not ACCEPTED */
  QuoteNotAccepted: "QUOTE_NOT_ACCEPTED",
  /** createOrderFromQuote: the quote already has an order that is not CANCELLED */
  QuoteAlreadyOrdered: "QUOTE_ALREADY_ORDERED",
  /** createOrderFromQuote: the customer is not APPROVED ("contracts only with approved accounts") */
  AccountNotApproved: "ACCOUNT_NOT_APPROVED",
  /** the order (or task) is not in a status the operation starts from (the message names both) */
  WrongStatus: "WRONG_STATUS",
  /** approveOrder: the caller approved an earlier step of this order: each step is another person's */
  SameApprover: "SAME_APPROVER",
  /** issueExecutionOrder: the account needs prepayment and the paid invoices do not cover the order's amount yet */
  PrepaymentDue: "PREPAYMENT_DUE",
  /** completeTask: the task is someone else's */
  NotAssignee: "NOT_ASSIGNEE",
  /** recordPayment: the idempotency key was used with another request */
  IdempotencyKeyReused: "IDEMPOTENCY_KEY_REUSED",
} as const;
