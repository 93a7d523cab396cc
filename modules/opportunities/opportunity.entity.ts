import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn, MoneyColumn } from "../../src/db/columns";
import { Decimal } from "../../src/graphql/scalars";

/** The eight steps of consultative selling, then the outcome (PRODUCT.md, "Opportunities"). */
export enum OpportunityStage {
  PROSPECTING = "PROSPECTING",
  VISIT = "VISIT",
  TRUST = "TRUST",
  NEEDS = "NEEDS",
  SOLUTION = "SOLUTION",
  PROPOSAL = "PROPOSAL",
  COMMITMENT = "COMMITMENT",
  WON = "WON",
  LOST = "LOST",
}
/** OPEN while selling; CLOSE_REQUESTED while the manager decides; WON or LOST once confirmed. */
export enum OpportunityStatus {
  OPEN = "OPEN",
  CLOSE_REQUESTED = "CLOSE_REQUESTED",
  WON = "WON",
  LOST = "LOST",
}
export enum CloseOutcome {
  WON = "WON",
  LOST = "LOST",
}
registerEnumType(OpportunityStage, { name: "OpportunityStage" });
registerEnumType(OpportunityStatus, { name: "OpportunityStatus" });
registerEnumType(CloseOutcome, { name: "CloseOutcome" });

@ObjectType()
export class Attachment {
  @Field(() => String)
  name: string;

  @Field(() => String)
  link: string;
}

const jsonList = { to: (value: unknown[] | null | undefined) => JSON.stringify(value ?? []), from: (value: string | null) => (value ? JSON.parse(value) : []) };

@ObjectType()
@Entity("opportunities")
@Index(["territoryId", "createdAt", "id"])
@Index(["ownerId", "createdAt", "id"])
@Index(["createdAt", "id"])
@Index(["name", "id"])
@Index(["amount", "id"])
@Index(["expectedCloseDate", "id"])
@Index(["status", "activityClockAt"])
export class Opportunity {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Index()
  @Column({ type: "integer" })
  accountId: number;

  @Column({ type: "integer" })
  territoryId: number;

  @Column({ type: "integer" })
  ownerId: number;

  @Field(() => Decimal)
  @MoneyColumn()
  amount: string;

  @Field(() => String, { description: "YYYY-MM-DD" })
  @Column({ type: "varchar", length: 10 })
  expectedCloseDate: string;

  @Field(() => OpportunityStage)
  @Index()
  @Column({ type: "varchar", length: 16 })
  stage: OpportunityStage;

  @Field(() => Int, { description: "percent, from the territory's pipeline" })
  @Column({ type: "integer" })
  probability: number;

  @Field(() => OpportunityStatus)
  @Column({ type: "varchar", length: 16 })
  status: OpportunityStatus;

  @Field(() => CloseOutcome, { nullable: true, description: "what the owner asked to close as, while CLOSE_REQUESTED or after" })
  @Column({ type: "varchar", length: 8, nullable: true })
  requestedOutcome: CloseOutcome | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 500, nullable: true })
  lostReason: string | null;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  closeRequestedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when the manager confirmed the outcome" })
  @DateTimeColumn({ nullable: true })
  closedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  closedById: number | null;

  @Field(() => [String])
  @Column({ type: "text", transformer: jsonList })
  competitors: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 500, nullable: true })
  nextStep: string | null;

  @Field(() => [Attachment])
  @Column({ type: "text", transformer: jsonList })
  attachments: Attachment[];

  @Column({ type: "integer", nullable: true })
  leadId: number | null;

  @Field(() => Date, { nullable: true, description: "when the last activity was done" })
  @DateTimeColumn({ nullable: true })
  lastActivityAt: Date | null;

  /** creation, or the last done activity if later: the monthly-activity clock */
  @DateTimeColumn()
  activityClockAt: Date;

  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  @Field(() => Date)
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date)
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int, { description: "send it back with updateOpportunity; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;
}

/** One stage change of an opportunity, kept for funnel velocity. */
@ObjectType()
@Entity("opportunity_stage_changes")
@Index(["opportunityId", "changedAt", "id"])
export class OpportunityStageChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  opportunityId: number;

  @Field(() => OpportunityStage, { nullable: true, description: "null when the opportunity was created" })
  @Column({ type: "varchar", length: 16, nullable: true })
  fromStage: OpportunityStage | null;

  @Field(() => OpportunityStage)
  @Column({ type: "varchar", length: 16 })
  toStage: OpportunityStage;

  @Column({ type: "integer", nullable: true })
  changedById: number | null;

  @Field(() => Date)
  @DateTimeColumn()
  changedAt: Date;
}

/** A territory's probability for a stage; stages without a row use the default pipeline. */
@ObjectType()
@Entity("pipeline_stages")
export class PipelineStage {
  @Column({ type: "integer", primary: true })
  territoryId: number;

  @Field(() => OpportunityStage)
  @Column({ type: "varchar", length: 16, primary: true })
  stage: OpportunityStage;

  @Field(() => Int)
  @Column({ type: "integer" })
  probability: number;
}
