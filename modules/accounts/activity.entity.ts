import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../src/db/columns";

/** The "general actions" of PRODUCT.md. */
export enum ActivityType {
  CALL = "CALL",
  VISIT = "VISIT",
  MEETING = "MEETING",
  EMAIL = "EMAIL",
  TASK = "TASK",
  NOTE = "NOTE",
}
registerEnumType(ActivityType, { name: "ActivityType" });

/**
 * An activity linked to an account and, through `relatedType`/`relatedId`, to a record of a later
 * module (a lead, an opportunity, a ticket) without this module knowing those modules.
 */
@ObjectType()
@Entity("activities")
@Index(["accountId", "createdAt", "id"])
@Index(["relatedType", "relatedId", "createdAt"])
export class Activity {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ActivityType)
  @Column({ type: "varchar", length: 16 })
  type: ActivityType;

  @Field(() => String)
  @Column({ type: "varchar", length: 200 })
  subject: string;

  @Column({ type: "integer", nullable: true })
  accountId: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 40, nullable: true })
  relatedType: string | null;

  @Column({ type: "integer", nullable: true })
  relatedId: number | null;

  @Index()
  @Column({ type: "integer" })
  territoryId: number;

  /** who does it; executives may assign activities to anyone */
  @Index()
  @Column({ type: "integer" })
  ownerId: number;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  dueAt: Date | null;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  doneAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 1000, nullable: true })
  outcome: string | null;

  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  @Field(() => Date)
  @DateTimeColumn()
  createdAt: Date;
}
