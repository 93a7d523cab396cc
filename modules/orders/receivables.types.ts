import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Decimal } from "../../src/graphql/scalars";
import { Invoice, Payment } from "./invoice.entity";

/** What an account owes (PRODUCT.md, "Receivables"): credit figures, read by the roles that read credit. */
@ObjectType({ description: "An account's receivables now, over the invoices of orders in the caller's reach; credit figures: read by executives, territory heads, sales managers, business managers and finance" })
export class AccountReceivables {
  @Field(() => Decimal, { description: "the invoices issued to the account, added up" })
  invoicedAmount: string;

  @Field(() => Decimal, { description: "the payments received on them, added up" })
  paidAmount: string;

  @Field(() => Decimal, { description: "invoicedAmount − paidAmount: what the account owes" })
  outstandingAmount: string;

  @Field(() => Decimal, { description: "the part of outstandingAmount on invoices past their dueOn (UTC today)" })
  overdueAmount: string;
}

export enum AgeingBucket {
  CURRENT = "CURRENT",
  DAYS_1_30 = "DAYS_1_30",
  DAYS_31_60 = "DAYS_31_60",
  DAYS_61_90 = "DAYS_61_90",
  OVER_90 = "OVER_90",
}
registerEnumType(AgeingBucket, {
  name: "AgeingBucket",
  description: "How long an outstanding amount is past its invoice's dueOn, in days, as of the report's date",
  valuesConfig: {
    CURRENT: { description: "not past due: dueOn is the report's date or later (day 0 is current)" },
    DAYS_1_30: { description: "1 to 30 days past dueOn" },
    DAYS_31_60: { description: "31 to 60 days past dueOn" },
    DAYS_61_90: { description: "61 to 90 days past dueOn" },
    OVER_90: { description: "91 days or more past dueOn" },
  },
});

@ObjectType({ description: "The outstanding amount of one ageing bucket" })
export class AgeingAmount {
  @Field(() => AgeingBucket, { description: "the bucket" })
  bucket: AgeingBucket;

  @Field(() => Decimal, { description: "what was outstanding in it on the report's date, exact to the cent" })
  amount: string;
}

@ObjectType({ description: "Outstanding receivables by ageing bucket: every bucket, in order, and their total" })
export class AgeingBuckets {
  @Field(() => [AgeingAmount], { description: "CURRENT, DAYS_1_30, DAYS_31_60, DAYS_61_90, OVER_90, each present (0.00 when empty)" })
  buckets: AgeingAmount[];

  @Field(() => Decimal, { description: "the buckets added up: everything outstanding on the report's date" })
  total: string;
}

@ObjectType({ description: "One account's line of the ageing report" })
export class AccountAgeing extends AgeingBuckets {
  @Field(() => ID, { description: "the account's id (read `account` for more of it)" })
  accountId: string;
}

@ObjectType({ description: "The receivables ageing report as of a date: invoices issued by then less payments received by then, by days past due; credit figures" })
export class ReceivablesAgeing {
  @Field(() => String, { description: "the report's date (YYYY-MM-DD)" })
  asOf: string;
}

@ObjectType({ description: "An account's receivables statement for a month, which reconciles: closingBalance = openingBalance + invoicedAmount − paidAmount, to the cent; credit figures" })
export class ReceivablesStatement {
  @Field(() => ID, { description: "the account's id" })
  accountId: string;

  @Field(() => String, { description: "the month (YYYY-MM)" })
  month: string;

  @Field(() => Decimal, { description: "owed at the start of the month: invoices issued before it less payments received before it" })
  openingBalance: string;

  @Field(() => Decimal, { description: "the invoices issued in the month, added up" })
  invoicedAmount: string;

  @Field(() => Decimal, { description: "the payments received in the month, added up" })
  paidAmount: string;

  @Field(() => Decimal, { description: "owed at the end of the month: openingBalance + invoicedAmount − paidAmount" })
  closingBalance: string;

  @Field(() => [Invoice], { description: "the invoices issued in the month, by issuedOn" })
  invoices: Invoice[];

  @Field(() => [Payment], { description: "the payments received in the month, by receivedOn" })
  payments: Payment[];
}
