import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** The follow-up rule and claim limit of one territory (PRODUCT.md: "configurable per territory"). */
@ObjectType()
@Entity("follow_up_policies")
export class FollowUpPolicy {
  @PrimaryColumn({ type: "integer" })
  territoryId: number;

  @Field(() => Int)
  @Column({ type: "integer" })
  warnFirstDays: number;

  @Field(() => Int)
  @Column({ type: "integer" })
  warnSecondDays: number;

  @Field(() => Int)
  @Column({ type: "integer" })
  reclaimDays: number;

  @Field(() => Int)
  @Column({ type: "integer" })
  maxClaimedPerRep: number;

  @Field(() => Int)
  @Column({ type: "integer" })
  careReminderDays: number;
}
