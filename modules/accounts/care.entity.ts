import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

/** A configured holiday that puts every owner's customers on the care reminder list. */
@ObjectType()
@Entity("holidays")
export class Holiday {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  /** null: the whole group */
  @Column({ type: "integer", nullable: true })
  territoryId: number | null;

  @Field(() => String)
  @Column({ type: "varchar", length: 80 })
  name: string;

  @Field(() => String, { description: "YYYY-MM-DD" })
  @Column({ type: "varchar", length: 10 })
  date: string;
}

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
