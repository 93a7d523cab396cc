import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn, MoneyColumn } from "../../src/db/columns";
import { Decimal } from "../../src/graphql/scalars";

/**
 * An invoice against an order (PRODUCT.md, "Receivables"); reached through its order. `paidAmount`,
 * `lastPaidOn` and `settledOn` are kept with every payment, under the invoice's row lock, so that the
 * ageing report reads one row per open invoice instead of adding up its payments (receivables-report.ts;
 * a test proves they equal the recomputation from the payments).
 */
@ObjectType({ description: "An invoice issued against an order; read by whoever reads the order" })
@Entity("invoices")
@Index(["number"], { unique: true })
@Index(["orderId", "id"])
@Index(["accountId", "issuedOn", "id"])
@Index(["settledOn", "dueOn", "id"])
@Index(["dueOn", "id"])
export class Invoice {
  @Field(() => ID, { description: "the invoice's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "INV-<territory code>-<year>-<6 digits>, gap-free per territory and year" })
  @Column({ type: "varchar", length: 40 })
  number: string;

  @Column({ type: "integer" })
  orderId: number;

  /** the order's customer, who is billed */
  @Column({ type: "integer" })
  accountId: number;

  @Field(() => Decimal, { description: "the amount billed, exact to the cent" })
  @MoneyColumn()
  amount: string;

  @Field(() => String, { description: "the day it was issued (YYYY-MM-DD)" })
  @Column({ type: "varchar", length: 10 })
  issuedOn: string;

  @Field(() => String, { description: "the last day it may be paid without being overdue (YYYY-MM-DD); a day later it is 1 day past due" })
  @Column({ type: "varchar", length: 10 })
  dueOn: string;

  @Field(() => Decimal, { description: "the payments received on it, added up" })
  @MoneyColumn({ default: "0.00" })
  paidAmount: string;

  /** the latest receivedOn of its payments; null before the first */
  @Column({ type: "varchar", length: 10, nullable: true })
  lastPaidOn: string | null;

  @Field(() => String, { nullable: true, description: "the day (YYYY-MM-DD) of the payment that settled it in full; null while anything is outstanding" })
  @Column({ type: "varchar", length: 10, nullable: true })
  settledOn: string | null;

  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  @Field(() => Date, { description: "when it was recorded (UTC)" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Int, { description: "the record's version, bumped by every payment" })
  @Column({ type: "integer", default: 1 })
  version: number;
}

/** A payment received on an invoice; reached through the invoice's order. */
@ObjectType({ description: "A payment received on an invoice; read by whoever reads the order, and by the partner key that recorded it in the answer of recordPayment" })
@Entity("payments")
@Index(["invoiceId", "receivedOn", "id"])
export class Payment {
  @Field(() => ID, { description: "the payment's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  invoiceId: number;

  @Field(() => Decimal, { description: "the amount received, exact to the cent" })
  @MoneyColumn()
  amount: string;

  @Field(() => String, { description: "the day the money arrived (YYYY-MM-DD)" })
  @Column({ type: "varchar", length: 10 })
  receivedOn: string;

  @Field(() => String, { description: "the bank's or the ERP's reference of the transfer" })
  @Column({ type: "varchar", length: 100 })
  reference: string;

  /** who recorded it: user:<id> or apikey:<id> */
  @Column({ type: "varchar", length: 40 })
  recordedBy: string;

  @Field(() => Date, { description: "when it was recorded (UTC)" })
  @DateTimeColumn()
  recordedAt: Date;
}

/**
 * An idempotency key of recordPayment: per caller, the hash of the request it came with and the
 * payment it recorded. The unique key makes a second recording with the same key impossible even
 * when two arrive at once; a retry with the same body gets the first payment back.
 */
@Entity("payment_idempotency_keys")
@Index(["caller", "idempotencyKey"], { unique: true })
export class PaymentIdempotencyKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 40 })
  caller: string;

  @Column({ type: "varchar", length: 100 })
  idempotencyKey: string;

  /** SHA-256 of the request's normalised input */
  @Column({ type: "varchar", length: 64 })
  requestHash: string;

  @Column({ type: "integer" })
  paymentId: number;

  @DateTimeColumn()
  createdAt: Date;
}
