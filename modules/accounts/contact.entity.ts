import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../src/db/columns";

/** A person at an account; key persons decide or influence purchases. */
@ObjectType()
@Entity("contacts")
@Index(["accountId", "name"])
export class Contact {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  accountId: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 120 })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 120, nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 40, nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 254, nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" })
  @Column({ type: "varchar", length: 10, nullable: true })
  birthday: string | null;

  /** month * 100 + day of the birthday, so reminders find upcoming birthdays through an index */
  @Index()
  @Column({ type: "integer", nullable: true })
  birthMonthDay: number | null;

  @Field(() => Boolean)
  @Column({ type: "boolean", default: false })
  isKeyPerson: boolean;

  @Field(() => Date)
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Int)
  @Column({ type: "integer", default: 1 })
  version: number;
}
