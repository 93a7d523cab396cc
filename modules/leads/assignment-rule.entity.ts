import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../src/db/columns";

/**
 * An assignment rule: leads of a territory, optionally only of a region and/or an industry, go to
 * one user or round-robin over a team (the reps reporting to a manager). Territory heads manage them.
 */
@ObjectType({ description: "A lead assignment rule: leads of a territory, optionally only of a region and/or an industry, go to one user or in turn to a team (the reps of a sales manager). The most specific fitting rule wins, then the lowest priority, then the oldest. Readable by EXECUTIVE, TERRITORY_HEAD and BUSINESS_MANAGER" })
@Entity("lead_assignment_rules")
@Index(["territoryId", "priority", "id"])
export class AssignmentRule {
  @Field(() => ID, { description: "the rule's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  territoryId: number;

  @Field(() => String, { nullable: true, description: "null: any region" })
  @Column({ type: "varchar", length: 80, nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true, description: "null: any industry" })
  @Column({ type: "varchar", length: 80, nullable: true })
  industry: string | null;

  /** the one user this rule gives leads to */
  @Column({ type: "integer", nullable: true })
  userId: number | null;

  /** or: the manager whose reps share the leads in turn */
  @Column({ type: "integer", nullable: true })
  teamManagerId: number | null;

  @Field(() => Int, { description: "among rules equally specific, the lower number wins" })
  @Column({ type: "integer", default: 100 })
  priority: number;

  /** round-robin: the team member who got the previous lead */
  @Column({ type: "integer", nullable: true })
  lastAssignedUserId: number | null;

  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Int, { description: "send it back with updateAssignmentRule; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;
}
