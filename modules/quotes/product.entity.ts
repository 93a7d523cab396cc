import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn, MoneyColumn } from "../../src/db/columns";
import { Decimal } from "../../src/graphql/scalars";

/** A product of the group's catalogue (one catalogue; prices are per territory). */
@ObjectType({ description: "A product of the group's catalogue; read by every role with quote access" })
@Entity("products")
@Index(["code"], { unique: true })
@Index(["code", "id"])
@Index(["active", "code", "id"])
export class Product {
  @Field(() => ID, { description: "the product's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "the product code, unique in the group (e.g. COAL-5500)" })
  @Column({ type: "varchar", length: 40 })
  code: string;

  @Field(() => String, { description: "the name the customer reads on a quote, often Chinese" })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => String, { description: "the unit a quantity counts (吨 / ton, 箱 / case, ...)" })
  @Column({ type: "varchar", length: 20 })
  unit: string;

  @Field(() => Boolean, { description: "false: no new quote lines may use it; existing quotes keep it" })
  @Column({ type: "boolean", default: true })
  active: boolean;

  @Field(() => Date, { description: "when the product was added (UTC)" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date, { description: "when the product last changed (UTC)" })
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int, { description: "send it back with updateProduct; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;
}

/** A product's list price in one territory; quotes of that territory take their list prices from here. */
@ObjectType({ description: "A product's list price in one territory; read by every role with quote access in that territory" })
@Entity("price_list_entries")
@Index(["productId", "territoryId"], { unique: true })
@Index(["territoryId"])
export class PriceListEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  productId: number;

  @Column({ type: "integer" })
  territoryId: number;

  @Field(() => Decimal, { description: "the list price of one unit, in `currency`, exact to the cent" })
  @MoneyColumn()
  listPrice: string;

  @Field(() => String, { description: "ISO 4217 currency code; CNY by default" })
  @Column({ type: "varchar", length: 3, default: "CNY" })
  currency: string;

  @Field(() => Date, { description: "when the price was last set (UTC)" })
  @DateTimeColumn()
  updatedAt: Date;
}
