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
registerEnumType(ActivityType, {
  name: "ActivityType",
  description: "The kind of an activity (the \"general actions\" of selling and service)",
  valuesConfig: {
    CALL: { description: "a phone call" },
    VISIT: { description: "a visit to the customer; a VISIT or MEETING on an account allows quotes to it" },
    MEETING: { description: "a meeting with the customer; a VISIT or MEETING on an account allows quotes to it" },
    EMAIL: { description: "an e-mail" },
    TASK: { description: "a task to do" },
    NOTE: { description: "a note for the record" },
  },
});

/**
 * An activity linked to an account and, through `relatedType`/`relatedId`, to a record of a later
 * module (a lead, an opportunity, a ticket) without this module knowing those modules.
 */
@ObjectType({ description: "A call, visit, meeting, e-mail, task or note on an account, lead or opportunity. Readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER, FINANCE, SERVICE_AGENT and MARKETER, not by partners" })
@Entity("activities")
@Index(["accountId", "createdAt", "id"])
@Index(["relatedType", "relatedId", "createdAt"])
export class Activity {
  @Field(() => ID, { description: "the activity's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ActivityType, { description: "the kind of activity" })
  @Column({ type: "varchar", length: 16 })
  type: ActivityType;

  @Field(() => String, { description: "what it is about" })
  @Column({ type: "varchar", length: 200 })
  subject: string;

  @Column({ type: "integer", nullable: true })
  accountId: number | null;

  @Field(() => String, { nullable: true, description: "the kind of record the activity is about besides its account: \"Lead\" or \"Opportunity\"; null for an activity on the account alone" })
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

  @Field(() => Date, { nullable: true, description: "when it is due (UTC); null for an activity logged as done" })
  @DateTimeColumn({ nullable: true })
  dueAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when it happened (UTC): the contact time the follow-up rule counts; null while only planned" })
  @DateTimeColumn({ nullable: true })
  doneAt: Date | null;

  @Field(() => String, { nullable: true, description: "what came of it; null when not recorded" })
  @Column({ type: "varchar", length: 1000, nullable: true })
  outcome: string | null;

  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  @Field(() => Date, { description: "when it was logged (UTC)" })
  @DateTimeColumn()
  createdAt: Date;
}
