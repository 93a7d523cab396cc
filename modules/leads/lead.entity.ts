import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../src/db/columns";

/** The intake channels of PRODUCT.md, "Lead intake". */
export enum LeadChannel {
  PHONE = "PHONE",
  WEB_FORM = "WEB_FORM",
  ONLINE_CHAT = "ONLINE_CHAT",
  REFERRAL = "REFERRAL",
  CAMPAIGN = "CAMPAIGN",
  IMPORT = "IMPORT",
}
export enum LeadStatus {
  NEW = "NEW",
  QUALIFIED = "QUALIFIED",
  DISQUALIFIED = "DISQUALIFIED",
  ASSIGNED = "ASSIGNED",
  CONVERTED = "CONVERTED",
}
registerEnumType(LeadChannel, { name: "LeadChannel" });
registerEnumType(LeadStatus, { name: "LeadStatus" });

/**
 * A lead: someone who may buy, not yet a customer. Without a territory (a public web lead) it waits
 * in the group's pool for an executive to route it.
 */
@ObjectType()
@Entity("leads")
@Index(["territoryId", "createdAt", "id"])
@Index(["ownerId", "createdAt", "id"])
@Index(["createdAt", "id"])
@Index(["company", "id"])
@Index(["territoryId", "status", "activityClockAt"])
export class Lead {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => LeadStatus)
  @Index()
  @Column({ type: "varchar", length: 16 })
  status: LeadStatus;

  @Field(() => String)
  @Column({ type: "varchar", length: 200 })
  company: string;

  @Field(() => String)
  @Column({ type: "varchar", length: 120 })
  contactName: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 254, nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 40, nullable: true })
  phone: string | null;

  @Field(() => LeadChannel)
  @Index()
  @Column({ type: "varchar", length: 16 })
  channel: LeadChannel;

  @Field(() => String, { nullable: true })
  @Index()
  @Column({ type: "varchar", length: 80, nullable: true })
  industry: string | null;

  @Field(() => String, { nullable: true })
  @Index()
  @Column({ type: "varchar", length: 80, nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true, description: "what the prospect wrote or said" })
  @Column({ type: "varchar", length: 2000, nullable: true })
  note: string | null;

  /** null: not yet routed to a territory (public web leads) */
  @Column({ type: "integer", nullable: true })
  territoryId: number | null;

  @Column({ type: "integer", nullable: true })
  ownerId: number | null;

  @Column({ type: "integer", nullable: true })
  assignedById: number | null;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  assignedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 500, nullable: true })
  disqualifyReason: string | null;

  @Column({ type: "integer", nullable: true })
  convertedAccountId: number | null;

  @Column({ type: "integer", nullable: true })
  convertedOpportunityId: number | null;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  convertedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when the last activity was done" })
  @DateTimeColumn({ nullable: true })
  lastActivityAt: Date | null;

  /** when the lead came in, or its last done activity if later: the monthly-activity clock */
  @DateTimeColumn()
  activityClockAt: Date;

  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  @Field(() => Date, { description: "when the lead came in" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date)
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int)
  @Column({ type: "integer", default: 1 })
  version: number;
}
