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
registerEnumType(OpportunityStage, {
  name: "OpportunityStage",
  description:
    "The steps of consultative selling, then the outcome. Each stage has a win probability per territory (pipelineStages; the defaults in brackets). WON and LOST are reached only by a confirmed close (or, for WON, by the approval of the opportunity's order)",
  valuesConfig: {
    PROSPECTING: { description: "finding out whether there is a sale (10%); where new opportunities start by default" },
    VISIT: { description: "first visit to the customer (20%)" },
    TRUST: { description: "building trust with the decision makers (30%)" },
    NEEDS: { description: "the customer's needs are understood (40%)" },
    SOLUTION: { description: "a solution is proposed to meet them (50%)" },
    PROPOSAL: { description: "a proposal is made (60%)" },
    COMMITMENT: { description: "the customer commits; accepting a quote moves its opportunity here (80%)" },
    WON: { description: "won (100%)" },
    LOST: { description: "lost (0%)" },
  },
});
registerEnumType(OpportunityStatus, {
  name: "OpportunityStatus",
  description: "Whether an opportunity is still being worked or has a confirmed outcome; only confirmed outcomes count in reports",
  valuesConfig: {
    OPEN: { description: "being worked: it changes and moves between the open stages" },
    CLOSE_REQUESTED: { description: "the owner asked to close it as WON or LOST (requestedOutcome); it takes no other change until someone above the owner confirms or rejects" },
    WON: { description: "won, confirmed by someone above the owner or by the approval of its order" },
    LOST: { description: "lost, confirmed by someone above the owner" },
  },
});
registerEnumType(CloseOutcome, {
  name: "CloseOutcome",
  description: "The outcome an owner asks to close an opportunity as",
  valuesConfig: {
    WON: { description: "the customer bought; no lost reason" },
    LOST: { description: "the sale is lost; a lost reason is required" },
  },
});

@ObjectType({ description: "A document attached to an opportunity, by link" })
export class Attachment {
  @Field(() => String, { description: "the document's name" })
  name: string;

  @Field(() => String, { description: "an http(s) link to the document" })
  link: string;
}

const jsonList = { to: (value: unknown[] | null | undefined) => JSON.stringify(value ?? []), from: (value: string | null) => (value ? JSON.parse(value) : []) };

@ObjectType({ description: "A possible sale to an account, moving through the pipeline's stages. Readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER and FINANCE, for the opportunities in their reach" })
@Entity("opportunities")
@Index(["territoryId", "createdAt", "id"])
@Index(["ownerId", "createdAt", "id"])
@Index(["createdAt", "id"])
@Index(["name", "id"])
@Index(["amount", "id"])
@Index(["expectedCloseDate", "id"])
@Index(["status", "activityClockAt"])
export class Opportunity {
  @Field(() => ID, { description: "the opportunity's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "what is being sold, in a few words" })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Index()
  @Column({ type: "integer" })
  accountId: number;

  @Column({ type: "integer" })
  territoryId: number;

  @Column({ type: "integer" })
  ownerId: number;

  @Field(() => Decimal, { description: "the expected amount of the sale, in CNY, two decimals" })
  @MoneyColumn()
  amount: string;

  @Field(() => String, { description: "the day the sale is expected to close, YYYY-MM-DD" })
  @Column({ type: "varchar", length: 10 })
  expectedCloseDate: string;

  @Field(() => OpportunityStage, { description: "the pipeline stage it is at" })
  @Index()
  @Column({ type: "varchar", length: 16 })
  stage: OpportunityStage;

  @Field(() => Int, { description: "percent, from the territory's pipeline" })
  @Column({ type: "integer" })
  probability: number;

  @Field(() => OpportunityStatus, { description: "OPEN, CLOSE_REQUESTED, or the confirmed outcome" })
  @Column({ type: "varchar", length: 16 })
  status: OpportunityStatus;

  @Field(() => CloseOutcome, { nullable: true, description: "what the owner asked to close as, while CLOSE_REQUESTED or after" })
  @Column({ type: "varchar", length: 8, nullable: true })
  requestedOutcome: CloseOutcome | null;

  @Field(() => String, { nullable: true, description: "why it was lost, as the owner gave it with a LOST close request; null otherwise" })
  @Column({ type: "varchar", length: 500, nullable: true })
  lostReason: string | null;

  @Field(() => Date, { nullable: true, description: "when the owner asked to close it (UTC); null when no close was requested, or the request was rejected" })
  @DateTimeColumn({ nullable: true })
  closeRequestedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when the manager confirmed the outcome" })
  @DateTimeColumn({ nullable: true })
  closedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  closedById: number | null;

  @Field(() => [String], { description: "the competitors in the deal, by name" })
  @Column({ type: "text", transformer: jsonList })
  competitors: string[];

  @Field(() => String, { nullable: true, description: "what the owner does next; null when not given" })
  @Column({ type: "varchar", length: 500, nullable: true })
  nextStep: string | null;

  @Field(() => [Attachment], { description: "documents attached by link" })
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

  @Field(() => Date, { description: "when it was created (UTC)" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date, { description: "when it last changed (UTC)" })
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int, { description: "send it back with updateOpportunity; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;
}

/** One stage change of an opportunity, kept for funnel velocity. */
@ObjectType({ description: "One stage change of an opportunity, kept for funnel velocity" })
@Entity("opportunity_stage_changes")
@Index(["opportunityId", "changedAt", "id"])
export class OpportunityStageChange {
  @Field(() => ID, { description: "the change's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  opportunityId: number;

  @Field(() => OpportunityStage, { nullable: true, description: "null when the opportunity was created" })
  @Column({ type: "varchar", length: 16, nullable: true })
  fromStage: OpportunityStage | null;

  @Field(() => OpportunityStage, { description: "the stage it moved to" })
  @Column({ type: "varchar", length: 16 })
  toStage: OpportunityStage;

  @Column({ type: "integer", nullable: true })
  changedById: number | null;

  @Field(() => Date, { description: "when it moved (UTC)" })
  @DateTimeColumn()
  changedAt: Date;
}

/** A territory's probability for a stage; stages without a row use the default pipeline. */
@ObjectType({ description: "A stage of a territory's pipeline with its win probability. Readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER, FINANCE and MARKETER" })
@Entity("pipeline_stages")
export class PipelineStage {
  @Column({ type: "integer", primary: true })
  territoryId: number;

  @Field(() => OpportunityStage, { description: "the stage" })
  @Column({ type: "varchar", length: 16, primary: true })
  stage: OpportunityStage;

  @Field(() => Int, { description: "the win probability of an opportunity at this stage, in percent (0 to 100)" })
  @Column({ type: "integer" })
  probability: number;
}
