import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { loader, type Context } from "../../src/context";
import { rowsOf } from "../../src/db/rows";
import { Connection, PageArgs } from "../../src/graphql/connection";
import { parseId } from "../../src/graphql/ids";
import { Decimal } from "../../src/graphql/scalars";
import { Account, accountById } from "../accounts";
import { cents, moneyOf } from "./cents";
import { Invoice, Payment } from "./invoice.entity";
import { Order } from "./order.entity";
import { IssueInvoiceInput, RecordPaymentInput } from "./order.inputs";
import { invoiceById, orderById, paymentsByInvoice } from "./order.loaders";
import * as reports from "./receivables-report";
import * as receivables from "./receivables.service";
import { AccountAgeing, AccountReceivables, AgeingBuckets, ReceivablesAgeing, ReceivablesStatement } from "./receivables.types";

export const { Connection: InvoiceConnection } = Connection(Invoice);
export const { Connection: AccountAgeingConnection } = Connection(AccountAgeing);

rowsOf(Invoice).reads({ order: ["orderId"], payments: [], outstandingAmount: ["amount", "paidAmount"] });
rowsOf(Payment).reads({ invoice: ["invoiceId"] });
rowsOf(Account).reads({ receivables: [] });

/** The report's arguments, kept on its object for its `accounts` page. */
const ageingArgs = new WeakMap<ReceivablesAgeing, reports.AgeingArgs>();

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Mutation(() => Invoice, {
    description:
      "issues an invoice (INV-<territory>-<year>-<6 digits>) against an APPROVED or IN_EXECUTION order (finance of its territory); the order's invoices never add up to more than its amount; event invoice.issued; audited. Refusals: NOT_FOUND when the order does not exist or is outside the caller's reach; FAILED_PRECONDITION with reason WRONG_STATUS; BAD_USER_INPUT naming the field (amount: more than 0 and at most what is not invoiced yet; issuedOn: not in the future; dueOn: not before issuedOn)",
  })
  issueInvoice(
    @Arg("orderId", () => ID, { description: "the order billed" }) orderId: string,
    @Arg("input", () => IssueInvoiceInput, { description: "the amount and dates" }) input: IssueInvoiceInput,
    @Ctx() ctx: Context,
  ): Promise<Invoice> {
    return receivables.issueInvoice(ctx, parseId(orderId, "orderId"), input);
  }

  @Mutation(() => Payment, {
    description:
      "records a payment received on an invoice (finance of its territory, or a partner key granted the territory: the group's ERP); partial payments are allowed, payments never add up to more than the invoice, even sent in parallel; a retry with the same idempotencyKey and the same input answers the first payment and records nothing; event payment.recorded; audited. Refusals: NOT_FOUND when the invoice does not exist or is outside the caller's reach; BAD_USER_INPUT naming the field (amount: more than 0 and at most what is outstanding on the invoice, an overpayment; receivedOn: not in the future nor before the invoice's issuedOn; reference; invoiceId; idempotencyKey: 1 to 100 characters); CONFLICT with reason IDEMPOTENCY_KEY_REUSED and field idempotencyKey when the key came with another input",
  })
  recordPayment(
    @Arg("input", () => RecordPaymentInput, { description: "the invoice, amount, day and reference" }) input: RecordPaymentInput,
    @Arg("idempotencyKey", () => String, { description: "the caller's unique key of this payment (e.g. the ERP's posting id), 1 to 100 characters: a retry with the same key and input is answered with the first payment" }) idempotencyKey: string,
    @Ctx() ctx: Context,
  ): Promise<Payment> {
    return receivables.recordPayment(ctx, input, idempotencyKey);
  }

  @Query(() => ReceivablesAgeing, {
    description: "the receivables ageing report as of a date, over the orders in the caller's reach (of one territory when given): the total by bucket, and each account's line (accounts). Refusals: BAD_USER_INPUT with field asOf or territoryId",
  })
  receivablesAgeing(
    @Arg("asOf", () => String, { description: "the report's date (YYYY-MM-DD): invoices issued and payments received by then count" }) asOf: string,
    @Ctx() ctx: Context,
    @Arg("territoryId", () => ID, { nullable: true, description: "only the orders of this territory" }) territoryId?: string,
  ): ReceivablesAgeing {
    const args = reports.ageingArgs(ctx, asOf, territoryId);
    const report = Object.assign(new ReceivablesAgeing(), { asOf: args.asOf });
    ageingArgs.set(report, args);
    return report;
  }

  @Query(() => ReceivablesStatement, { description: "an account's receivables statement for a month, over the orders in the caller's reach. Refusals: NOT_FOUND when the account does not exist or is outside the caller's reach; BAD_USER_INPUT with field accountId or month" })
  receivablesStatement(
    @Arg("accountId", () => ID, { description: "the account" }) accountId: string,
    @Arg("month", () => String, { description: "the month, YYYY-MM" }) month: string,
    @Ctx() ctx: Context,
  ): Promise<ReceivablesStatement> {
    return reports.receivablesStatement(ctx, accountId, month);
  }

  @Query(() => InvoiceConnection, { description: "invoices past their dueOn with something outstanding as of a date, longest overdue first (the collection list), over the orders in the caller's reach. Refusals: BAD_USER_INPUT with field asOf" })
  overdueInvoices(
    @Arg("asOf", () => String, { description: "the day (YYYY-MM-DD) overdue is judged at" }) asOf: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return reports.overdueInvoices(ctx, asOf, page, info);
  }

  @FieldResolver(() => Order, { nullable: true, description: "the order billed; null outside the caller's reach" })
  order(@Root() invoice: Invoice, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, orderById).load(invoice.orderId, info);
  }

  @FieldResolver(() => [Payment], { description: "the payments received on it, by receivedOn" })
  payments(@Root() invoice: Invoice, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, paymentsByInvoice).load(invoice.id, info);
  }

  @FieldResolver(() => Decimal, { description: "amount − paidAmount: what is still to be paid on it now" })
  outstandingAmount(@Root() invoice: Invoice): string {
    return moneyOf(cents(invoice.amount) - cents(invoice.paidAmount));
  }
}

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => Invoice, { nullable: true, description: "the invoice paid; null outside the caller's reach (a partner key reaches no invoices)" })
  invoice(@Root() payment: Payment, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, invoiceById).load(payment.invoiceId, info);
  }
}

@Resolver(() => ReceivablesAgeing)
export class ReceivablesAgeingResolver {
  @FieldResolver(() => AgeingBuckets, { description: "every account of the report added up, by bucket" })
  total(@Root() report: ReceivablesAgeing, @Ctx() ctx: Context) {
    return reports.ageingTotal(ctx, ageingArgs.get(report)!);
  }

  @FieldResolver(() => AccountAgeingConnection, { description: "each account with something outstanding, by account id, in keyset pages" })
  accounts(@Root() report: ReceivablesAgeing, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return reports.ageingByAccount(ctx, ageingArgs.get(report)!, page);
  }
}

@Resolver(() => AccountAgeing)
export class AccountAgeingResolver {
  @FieldResolver(() => Account, { nullable: true, description: "the account; null when it is outside the caller's reach (its orders are within it)" })
  account(@Root() line: AccountAgeing, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loader(ctx, accountById).load(Number(line.accountId), info);
  }
}

/** `Account.receivables`: the orders module extends the accounts module's type. */
@Resolver(() => Account)
export class AccountReceivablesResolver {
  // Nullable so that a role that may not read credit gets FORBIDDEN here and keeps the rest of the account.
  @FieldResolver(() => AccountReceivables, { nullable: true, description: "what the account owes now (invoiced, paid, outstanding, overdue), over the orders in the caller's reach; credit figures, null for roles that do not read credit" })
  receivables(@Root() account: Account, @Ctx() ctx: Context) {
    return loader(ctx, reports.receivablesByAccount).load(account.id);
  }
}
