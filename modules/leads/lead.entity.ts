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
registerEnumType(LeadChannel, {
  name: "LeadChannel",
  description: "How a lead came in",
  valuesConfig: {
    PHONE: { description: "a phone call; the default for leads entered by staff" },
    WEB_FORM: { description: "the public web form; its default" },
    ONLINE_CHAT: { description: "an online chat (staff, or the public web form)" },
    REFERRAL: { description: "referred by a customer, partner or colleague" },
    CAMPAIGN: { description: "a marketing campaign" },
    IMPORT: { description: "a bulk import (importLeads); its default" },
  },
});
registerEnumType(LeadStatus, {
  name: "LeadStatus",
  description: "Where a lead stands, from intake to conversion. NEW, QUALIFIED and ASSIGNED leads are open",
  valuesConfig: {
    NEW: { description: "came in, not yet screened or given to an owner" },
    QUALIFIED: { description: "screened and found worth pursuing, waiting for dispatch" },
    DISQUALIFIED: { description: "closed as not worth pursuing, with a reason (disqualifyReason)" },
    ASSIGNED: { description: "given to an owner (by dispatch, by hand, or kept by the rep or manager who entered it), to work and convert" },
    CONVERTED: { description: "converted into an account, a contact and an opportunity" },
  },
});

/**
 * A lead: someone who may buy, not yet a customer. Without a territory (a public web lead) it waits
 * in the group's pool for an executive to route it.
 */
@ObjectType({ description: "Someone who may buy, not yet a customer. Readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER and MARKETER, for the leads in their reach; a lead without a territory (from the public web form) only by executives until it is routed" })
@Entity("leads")
@Index(["territoryId", "createdAt", "id"])
@Index(["ownerId", "createdAt", "id"])
@Index(["createdAt", "id"])
@Index(["company", "id"])
@Index(["territoryId", "status", "activityClockAt"])
export class Lead {
  @Field(() => ID, { description: "the lead's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => LeadStatus, { description: "where the lead stands" })
  @Index()
  @Column({ type: "varchar", length: 16 })
  status: LeadStatus;

  @Field(() => String, { description: "the prospect's company, as given" })
  @Column({ type: "varchar", length: 200 })
  company: string;

  @Field(() => String, { description: "the person to contact there" })
  @Column({ type: "varchar", length: 120 })
  contactName: string;

  @Field(() => String, { nullable: true, description: "the contact's e-mail, lower case; null when not given. Confidential: readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER and MARKETER; null with a FORBIDDEN error at this field for others" })
  @Column({ type: "varchar", length: 254, nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: "the contact's phone number; null when not given. Confidential: readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, SALES_REP, BUSINESS_MANAGER and MARKETER; null with a FORBIDDEN error at this field for others" })
  @Column({ type: "varchar", length: 40, nullable: true })
  phone: string | null;

  @Field(() => LeadChannel, { description: "how the lead came in" })
  @Index()
  @Column({ type: "varchar", length: 16 })
  channel: LeadChannel;

  @Field(() => String, { nullable: true, description: "the prospect's industry, free text; assignment rules match it exactly. Null when not given" })
  @Index()
  @Column({ type: "varchar", length: 80, nullable: true })
  industry: string | null;

  @Field(() => String, { nullable: true, description: "the prospect's region, free text; assignment rules match it exactly. Null when not given" })
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

  @Field(() => Date, { nullable: true, description: "when it was last given to an owner (UTC); null while unassigned" })
  @DateTimeColumn({ nullable: true })
  assignedAt: Date | null;

  @Field(() => String, { nullable: true, description: "why it was disqualified; null unless DISQUALIFIED" })
  @Column({ type: "varchar", length: 500, nullable: true })
  disqualifyReason: string | null;

  @Column({ type: "integer", nullable: true })
  convertedAccountId: number | null;

  @Column({ type: "integer", nullable: true })
  convertedOpportunityId: number | null;

  @Field(() => Date, { nullable: true, description: "when it was converted (UTC); null unless CONVERTED" })
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

  @Field(() => Date, { description: "when it last changed (UTC)" })
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int, { description: "the lead's version; every write raises it, and two writes at once make one a CONFLICT (reason STALE_VERSION)" })
  @Column({ type: "integer", default: 1 })
  version: number;
}
