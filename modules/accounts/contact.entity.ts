import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../src/db/columns";

/** A person at an account; key persons decide or influence purchases. */
@ObjectType({ description: "A person at an account. Readable with the account; phone, e-mail and birthday only by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER and SERVICE_AGENT; the rest by whoever reads the account, partners included" })
@Entity("contacts")
@Index(["accountId", "name"])
export class Contact {
  @Field(() => ID, { description: "the contact's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  accountId: number;

  @Field(() => String, { description: "full name" })
  @Column({ type: "varchar", length: 120 })
  name: string;

  @Field(() => String, { nullable: true, description: "job title; null when not given" })
  @Column({ type: "varchar", length: 120, nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true, description: "phone number; null when not given. Confidential: readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER and SERVICE_AGENT; null with a FORBIDDEN error at this field for others" })
  @Column({ type: "varchar", length: 40, nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true, description: "e-mail address, lower case; null when not given. Confidential: readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER and SERVICE_AGENT; null with a FORBIDDEN error at this field for others" })
  @Column({ type: "varchar", length: 254, nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: "date of birth, YYYY-MM-DD; null when not given. Confidential: readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER and SERVICE_AGENT; null with a FORBIDDEN error at this field for others" })
  @Column({ type: "varchar", length: 10, nullable: true })
  birthday: string | null;

  /** month * 100 + day of the birthday, so reminders find upcoming birthdays through an index */
  @Index()
  @Column({ type: "integer", nullable: true })
  birthMonthDay: number | null;

  @Field(() => Boolean, { description: "whether the contact decides or influences purchases; changes are audited as KEY_PERSON_CHANGE" })
  @Column({ type: "boolean", default: false })
  isKeyPerson: boolean;

  @Field(() => Date, { description: "when the contact was added (UTC)" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Int, { description: "send it back with updateContact; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;
}
