import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Role } from "../../src/access/roles";
import { DateTimeColumn, MoneyColumn } from "../../src/db/columns";
import { Decimal } from "../../src/graphql/scalars";
import { Quantity, Ratio } from "./quote-decimal";

/** A quote's life (PRODUCT.md, "Quotes"; issue 11). */
export enum QuoteStatus {
  DRAFT = "DRAFT",
  PENDING_APPROVAL = "PENDING_APPROVAL",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  SENT = "SENT",
  ACCEPTED = "ACCEPTED",
  DECLINED = "DECLINED",
  EXPIRED = "EXPIRED",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(QuoteStatus, {
  name: "QuoteStatus",
  description: "Where a quote stands",
  valuesConfig: {
    DRAFT: { description: "being written; updateQuote changes it, submitQuote sends it for approval" },
    PENDING_APPROVAL: { description: "its discount waits for the approver its net ratio requires" },
    APPROVED: { description: "approved, or needing no approval: it may be sent" },
    REJECTED: { description: "the approver refused it: it may be edited and submitted again" },
    SENT: { description: "sent to the customer, who accepts or declines it until validUntil" },
    ACCEPTED: { description: "the customer accepted it; its opportunity moved to COMMITMENT" },
    DECLINED: { description: "the customer declined it" },
    EXPIRED: { description: "sent, and not answered by the end of validUntil" },
    SUPERSEDED: { description: "a later version (reviseQuote) replaced it; it stays readable" },
  },
});

const quantityTransformer = {
  to: (value: string | null | undefined) => value,
  // mysql2 answers DECIMAL as a string; SQLite as a number (toFixed(3) is exact for 12 digits and 3 decimals).
  from: (value: string | number | null) => (value === null || value === undefined ? null : typeof value === "number" ? value.toFixed(3) : value),
};

@ObjectType({ description: "A priced offer on an opportunity, in versions; read by its owner, their manager, the territory's head, business managers and finance, and executives" })
@Entity("quotes")
@Index(["number", "quoteVersion"], { unique: true })
@Index(["territoryId", "createdAt", "id"])
@Index(["ownerId", "createdAt", "id"])
@Index(["createdAt", "id"])
@Index(["territoryId", "status", "createdAt", "id"])
@Index(["status", "validUntil"])
@Index(["opportunityId"])
@Index(["accountId"])
export class Quote {
  @Field(() => ID, { description: "the id of this version of the quote" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "Q-<territory code>-<year>-<6 digits>, gap-free per territory and year; every version of a quote keeps it" })
  @Column({ type: "varchar", length: 40 })
  number: string;

  @Field(() => Int, { description: "1 for the first version; reviseQuote makes the next" })
  @Column({ type: "integer" })
  quoteVersion: number;

  @Column({ type: "integer" })
  opportunityId: number;

  @Column({ type: "integer" })
  accountId: number;

  @Column({ type: "integer" })
  territoryId: number;

  @Column({ type: "integer" })
  ownerId: number;

  @Field(() => QuoteStatus, { description: "where the quote stands" })
  @Column({ type: "varchar", length: 20 })
  status: QuoteStatus;

  @Field(() => String, { description: "the last day (YYYY-MM-DD) the customer may accept it; a SENT quote expires after it" })
  @Column({ type: "varchar", length: 10 })
  validUntil: string;

  @Field(() => String, { description: "ISO 4217 code of every amount of the quote; CNY by default" })
  @Column({ type: "varchar", length: 3 })
  currency: string;

  @Field(() => Decimal, { description: "the lines' list totals added up" })
  @MoneyColumn()
  listTotal: string;

  @Field(() => Decimal, { description: "the lines' net totals added up: what the customer pays" })
  @MoneyColumn()
  netTotal: string;

  @Field(() => Ratio, { description: "netTotal / listTotal with 4 decimals, cut after the fourth (the 折: 0.4800 is 4.8折); it decides who approves" })
  @Column({ type: "varchar", length: 12 })
  netRatio: string;

  @Field(() => Role, { nullable: true, description: "the role that must approve the quote at its net ratio under the territory's policy, raised past its owner (nobody approves their own quote); null when none is needed. Set when the quote is written and when it is submitted" })
  @Column({ type: "varchar", length: 20, nullable: true })
  requiredApproverRole: Role | null;

  /** the policy step of `requiredApproverRole`, 1 for the first */
  @Column({ type: "integer", nullable: true })
  requiredStep: number | null;

  @Column({ type: "integer", nullable: true })
  supersededById: number | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  declineReason: string | null;

  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  @Field(() => Date, { description: "when this version was created (UTC)" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date, { description: "when this version last changed (UTC)" })
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int, { description: "the record's version: send it back with updateQuote; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;
}

/** One line of a quote, reached through its quote (ARCHITECTURE.md: a child row goes by its parent's reach). */
@ObjectType({ description: "A line of a quote: a product, a quantity and its prices; read by whoever reads the quote" })
@Entity("quote_lines")
@Index(["quoteId", "position", "id"])
export class QuoteLine {
  @Field(() => ID, { description: "the line's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  quoteId: number;

  /** the line's place on the quote, from 1 */
  @Column({ type: "integer" })
  position: number;

  @Column({ type: "integer" })
  productId: number;

  @Field(() => Quantity, { description: "how many of the product's unit (up to 3 decimals: tons of coal)" })
  @Column({ type: "decimal", precision: 15, scale: 3, transformer: quantityTransformer })
  quantity: string;

  @Field(() => Decimal, { description: "the territory's list price of one unit when the line was written" })
  @MoneyColumn()
  listPrice: string;

  @Field(() => Decimal, { description: "the price of one unit offered to the customer" })
  @MoneyColumn()
  netPrice: string;

  @Field(() => Decimal, { description: "quantity × listPrice, rounded half-up to the cent" })
  @MoneyColumn()
  lineListTotal: string;

  @Field(() => Decimal, { description: "quantity × netPrice, rounded half-up to the cent" })
  @MoneyColumn()
  lineNetTotal: string;
}

/**
 * The last quote number given in a territory and year: the creating transaction raises it and holds
 * its row until it commits, so numbers are gap-free and never given twice (quote-number.ts).
 */
@Entity("quote_number_counters")
export class QuoteNumberCounter {
  @Column({ type: "integer", primary: true })
  territoryId: number;

  @Column({ type: "integer", primary: true })
  year: number;

  @Column({ type: "integer" })
  lastNumber: number;
}
