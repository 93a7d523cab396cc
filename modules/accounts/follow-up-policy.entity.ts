import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** The follow-up rule and claim limit of one territory (PRODUCT.md: "configurable per territory"). */
@ObjectType({ description: "A territory's follow-up rule and claim limit (its defaults until changed). Readable by executives, system admins and the territory's head" })
@Entity("follow_up_policies")
export class FollowUpPolicy {
  @PrimaryColumn({ type: "integer" })
  territoryId: number;

  @Field(() => Int, { description: "days without activity before an account is flagged WARN_30 (default 30)" })
  @Column({ type: "integer" })
  warnFirstDays: number;

  @Field(() => Int, { description: "days without activity before an account is flagged WARN_60 (default 60)" })
  @Column({ type: "integer" })
  warnSecondDays: number;

  @Field(() => Int, { description: "days without activity before an account is reclaimed into the public pool (default 90)" })
  @Column({ type: "integer" })
  reclaimDays: number;

  @Field(() => Int, { description: "how many accounts claimed from the pool a rep may hold at a time (default 50)" })
  @Column({ type: "integer" })
  maxClaimedPerRep: number;

  @Field(() => Int, { description: "days ahead the care reminders look by default (default 7)" })
  @Column({ type: "integer" })
  careReminderDays: number;
}
