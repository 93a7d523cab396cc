import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn, MoneyColumn } from "../../src/db/columns";
import { Decimal } from "../../src/graphql/scalars";
import { Quantity, Ratio } from "../quotes";

/** An order's life (PRODUCT.md, "Orders, contracts and receivables"; issue 12). */
export enum OrderStatus {
  DRAFT = "DRAFT",
  PENDING_APPROVAL = "PENDING_APPROVAL",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  IN_EXECUTION = "IN_EXECUTION",
  COMPLETED = "COMPLETED",
  CANCELLED = "CANCELLED",
}
registerEnumType(OrderStatus, {
  name: "OrderStatus",
  description: "Where an order (contract) stands",
  valuesConfig: {
    DRAFT: { description: "made from an accepted quote; submitOrder sends it for approval" },
    PENDING_APPROVAL: { description: "waiting for the step of its approval chain in `approvals` that is PENDING" },
    APPROVED: { description: "every step approved; its opportunity is WON; invoices may be issued and the business manager issues the execution order" },
    REJECTED: { description: "an approver refused it (the reason is on the approval); it may be submitted again" },
    IN_EXECUTION: { description: "the execution order was issued: delivery, invoicing and implementation work on it" },
    COMPLETED: { description: "every task of its execution is done and its whole amount is invoiced and paid" },
    CANCELLED: { description: "withdrawn before execution, with nothing invoiced" },
  },
});

/** The contract template: the standard one needs less approval (PRODUCT.md). */
export enum ContractTemplate {
  STANDARD = "STANDARD",
  CUSTOM = "CUSTOM",
}
registerEnumType(ContractTemplate, {
  name: "ContractTemplate",
  description: "The contract template an order is signed on",
  valuesConfig: {
    STANDARD: { description: "the group's standard contract: within the amount and net ratio limits, the owner's sales manager approves alone" },
    CUSTOM: { description: "a contract with negotiated terms: always the countersign chain" },
  },
});

@ObjectType({ description: "A contract/order made from an accepted quote, with its approval, execution and receivables; read by its owner, their sales manager, the territory's head, business managers and finance, and executives" })
@Entity("orders")
@Index(["number"], { unique: true })
@Index(["territoryId", "createdAt", "id"])
@Index(["ownerId", "createdAt", "id"])
@Index(["createdAt", "id"])
@Index(["territoryId", "status", "createdAt", "id"])
@Index(["quoteId"])
@Index(["opportunityId"])
@Index(["accountId", "status"])
export class Order {
  @Field(() => ID, { description: "the order's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "SO-<territory code>-<year>-<6 digits>, gap-free per territory and year" })
  @Column({ type: "varchar", length: 40 })
  number: string;

  @Column({ type: "integer" })
  quoteId: number;

  @Column({ type: "integer" })
  opportunityId: number;

  @Column({ type: "integer" })
  accountId: number;

  @Column({ type: "integer" })
  territoryId: number;

  @Column({ type: "integer" })
  ownerId: number;

  @Field(() => OrderStatus, { description: "where the order stands" })
  @Column({ type: "varchar", length: 20 })
  status: OrderStatus;

  @Field(() => ContractTemplate, { description: "the contract template it is signed on" })
  @Column({ type: "varchar", length: 10 })
  template: ContractTemplate;

  @Field(() => String, { description: "ISO 4217 code of every amount of the order (the quote's); CNY by default" })
  @Column({ type: "varchar", length: 3 })
  currency: string;

  @Field(() => Decimal, { description: "what the customer pays: the quote's net total, exact to the cent" })
  @MoneyColumn()
  amount: string;

  @Field(() => Ratio, { description: "the quote's net total / list total (4 decimals, cut): below the policy's minimum the countersign chain applies" })
  @Column({ type: "varchar", length: 12 })
  netRatio: string;

  @Field(() => String, { nullable: true, description: "the day (YYYY-MM-DD) the customer signed, when known" })
  @Column({ type: "varchar", length: 10, nullable: true })
  signedOn: string | null;

  @Field(() => String, { nullable: true, description: "the delivery terms agreed (free text, at most 1,000 characters)" })
  @Column({ type: "varchar", length: 1000, nullable: true })
  deliveryTerms: string | null;

  /** the roles of the chain decided at submission, in order, as JSON; [] before */
  @Column({ type: "varchar", length: 200, default: "[]" })
  approvalChain: string;

  @Field(() => Boolean, { description: "true when the account's risk grade needs prepayment (the territory's policy; HIGH by default): no execution order until invoices covering the whole amount are paid" })
  @Column({ type: "boolean", default: false })
  prepaymentRequired: boolean;

  /** amount + the account's outstanding balance was over its credit limit at submission: the chain ends with an executive */
  @Column({ type: "boolean", default: false })
  overCreditLimit: boolean;

  @Field(() => Decimal, { description: "the invoices issued against the order, added up (kept with every invoice; equals their sum)" })
  @MoneyColumn({ default: "0.00" })
  invoicedAmount: string;

  @Field(() => Decimal, { description: "the payments received on its invoices, added up (kept with every payment; equals their sum)" })
  @MoneyColumn({ default: "0.00" })
  paidAmount: string;

  @Field(() => String, { nullable: true, description: "the delivery date of the execution order (YYYY-MM-DD); null before it is issued" })
  @Column({ type: "varchar", length: 10, nullable: true })
  deliveryDate: string | null;

  @Field(() => String, { nullable: true, description: "the execution order's notes to delivery, invoicing and implementation" })
  @Column({ type: "varchar", length: 2000, nullable: true })
  executionNotes: string | null;

  @Field(() => Date, { nullable: true, description: "when the business manager issued the execution order (UTC)" })
  @DateTimeColumn({ nullable: true })
  executionIssuedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  executionIssuedById: number | null;

  @Field(() => String, { nullable: true, description: "why it was cancelled" })
  @Column({ type: "varchar", length: 500, nullable: true })
  cancelReason: string | null;

  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  @Field(() => Date, { description: "when the order was made (UTC)" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date, { description: "when the order last changed (UTC)" })
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int, { description: "the record's version, bumped by every change" })
  @Column({ type: "integer", default: 1 })
  version: number;
}

const quantityTransformer = {
  to: (value: string | null | undefined) => value,
  // mysql2 answers DECIMAL as a string; SQLite as a number (toFixed(3) is exact for 12 digits and 3 decimals).
  from: (value: string | number | null) => (value === null || value === undefined ? null : typeof value === "number" ? value.toFixed(3) : value),
};

/** A line of an order, copied from its quote; reached through the order. */
@ObjectType({ description: "A line of an order, as the accepted quote had it; read by whoever reads the order" })
@Entity("order_lines")
@Index(["orderId", "position", "id"])
export class OrderLine {
  @Field(() => ID, { description: "the line's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  orderId: number;

  @Field(() => Int, { description: "the line's place on the order, from 1" })
  @Column({ type: "integer" })
  position: number;

  @Column({ type: "integer" })
  productId: number;

  @Field(() => Quantity, { description: "how many of the product's unit (up to 3 decimals)" })
  @Column({ type: "decimal", precision: 15, scale: 3, transformer: quantityTransformer })
  quantity: string;

  @Field(() => Decimal, { description: "the list price of one unit on the quote" })
  @MoneyColumn()
  listPrice: string;

  @Field(() => Decimal, { description: "the price of one unit agreed" })
  @MoneyColumn()
  netPrice: string;

  @Field(() => Decimal, { description: "quantity × netPrice, rounded half-up to the cent" })
  @MoneyColumn()
  lineNetTotal: string;
}

/** The last number given per series (SO orders, INV invoices), territory and year: raised inside the creating transaction (order-number.ts). */
@Entity("order_number_counters")
export class OrderNumberCounter {
  @Column({ type: "varchar", length: 8, primary: true })
  series: string;

  @Column({ type: "integer", primary: true })
  territoryId: number;

  @Column({ type: "integer", primary: true })
  year: number;

  @Column({ type: "integer" })
  lastNumber: number;
}
