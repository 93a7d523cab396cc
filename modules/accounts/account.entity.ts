import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn, MoneyColumn } from "../../src/db/columns";
import { Decimal } from "../../src/graphql/scalars";

export enum AccountStatus {
  PROSPECT = "PROSPECT",
  ACTIVE = "ACTIVE",
  DORMANT = "DORMANT",
  LOST = "LOST",
}
export enum ApprovalStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
}
/** Strategic and key accounts get priority service and preferential pricing; set by a manager. */
export enum Tier {
  STRATEGIC = "STRATEGIC",
  KEY = "KEY",
  GENERAL = "GENERAL",
  RETAIL = "RETAIL",
}
export enum RiskGrade {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
}
/** Flags of the follow-up rule; a reclaimed account is in the public pool instead. */
export enum FollowUpState {
  OK = "OK",
  WARN_30 = "WARN_30",
  WARN_60 = "WARN_60",
}
registerEnumType(AccountStatus, {
  name: "AccountStatus",
  description: "Where the customer relationship stands. New accounts are PROSPECT; the status is changed with updateAccount",
  valuesConfig: {
    PROSPECT: { description: "a potential customer, not buying yet" },
    ACTIVE: { description: "a buying customer" },
    DORMANT: { description: "a customer that has stopped buying for now" },
    LOST: { description: "a customer gone to a competitor or out of business; the follow-up rule no longer watches it" },
  },
});
registerEnumType(ApprovalStatus, {
  name: "ApprovalStatus",
  description: "Whether a new account has been approved; contracts are signed with approved accounts only",
  valuesConfig: {
    PENDING: { description: "created by or for a sales rep, waiting for their manager, the territory head or an executive (approveAccount)" },
    APPROVED: { description: "approved, or created by someone who may approve accounts" },
  },
});
registerEnumType(Tier, {
  name: "Tier",
  description: "The account's tier: strategic and key accounts get priority service and preferential pricing. Set by EXECUTIVE, TERRITORY_HEAD or SALES_MANAGER; others create accounts as GENERAL",
  valuesConfig: {
    STRATEGIC: { description: "strategic customer: highest priority service and preferential pricing" },
    KEY: { description: "key customer: priority service and preferential pricing" },
    GENERAL: { description: "ordinary company customer; the default" },
    RETAIL: { description: "retail customer, often a person" },
  },
});
registerEnumType(RiskGrade, {
  name: "RiskGrade",
  description: "The account's credit risk, set by finance, territory heads and executives; a confidential credit field",
  valuesConfig: {
    LOW: { description: "low credit risk" },
    MEDIUM: { description: "medium credit risk" },
    HIGH: { description: "high credit risk: by default the account's orders must be prepaid before execution" },
  },
});
registerEnumType(FollowUpState, {
  name: "FollowUpState",
  description: "The follow-up rule's flag on an approved, owned account without logged activity (periods per territory, see FollowUpPolicy); after the reclaim period (90 days by default) the account goes to the public pool instead, flag OK",
  valuesConfig: {
    OK: { description: "activity within the first warning period, or not watched (pending, archived, LOST or pool accounts)" },
    WARN_30: { description: "no activity for the first warning period (30 days by default)" },
    WARN_60: { description: "no activity for the second warning period (60 days by default); reclaimed into the public pool at the reclaim period" },
  },
});

/** A customer: a company, or a person for retail customers (PRODUCT.md, "Customers"). */
@ObjectType({
  description:
    "A customer: a company, or a person for retail customers. Every role but the admins reads the accounts in its reach (partner keys those of their granted territories), without the fields their role may not read",
})
@Entity("accounts")
@Index(["territoryId", "archivedAt", "name", "id"])
@Index(["territoryId", "archivedAt", "createdAt", "id"])
@Index(["territoryId", "archivedAt", "updatedAt", "id"])
@Index(["ownerId", "name", "id"])
@Index(["name", "id"])
@Index(["createdAt", "id"])
@Index(["updatedAt", "id"])
@Index(["archivedAt"])
@Index(["approvalStatus", "territoryId", "archivedAt", "name", "id"])
@Index(["territoryId", "inPublicPool"])
export class Account {
  @Field(() => ID, { description: "the account's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String, { description: "the registered legal name" })
  @Column({ type: "varchar", length: 200 })
  name: string;

  /** the name normalised for the duplicate rule; unique in the group */
  @Column({ type: "varchar", length: 200, unique: true })
  nameKey: string;

  @Field(() => String, { nullable: true, description: "unified social credit code; unique in the group" })
  @Column({ type: "varchar", length: 40, nullable: true, unique: true })
  registrationNo: string | null;

  @Field(() => AccountStatus, { description: "where the customer relationship stands; PROSPECT when created" })
  @Index()
  @Column({ type: "varchar", length: 16, default: AccountStatus.PROSPECT })
  status: AccountStatus;

  @Field(() => ApprovalStatus, { description: "PENDING while an account created by or for a sales rep waits for approval, APPROVED otherwise" })
  @Column({ type: "varchar", length: 16 })
  approvalStatus: ApprovalStatus;

  @Field(() => Tier, { description: "GENERAL unless a manager (EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER) set another" })
  @Index()
  @Column({ type: "varchar", length: 16, default: Tier.GENERAL })
  tier: Tier;

  @Field(() => String, { nullable: true, description: "the customer's industry, free text (at most 80 characters); null when not given" })
  @Index()
  @Column({ type: "varchar", length: 80, nullable: true })
  industry: string | null;

  @Field(() => String, { nullable: true, description: "the customer's region, free text (at most 80 characters); null when not given" })
  @Index()
  @Column({ type: "varchar", length: 80, nullable: true })
  region: string | null;

  @Column({ type: "integer" })
  territoryId: number;

  @Column({ type: "integer", nullable: true })
  ownerId: number | null;

  /** who owned it before it was reclaimed into the public pool */
  @Column({ type: "integer", nullable: true })
  previousOwnerId: number | null;

  @Field(() => Decimal, { nullable: true, description: "credit limit in CNY, two decimals; null: not limited. Orders over it (with what the account owes) need an executive. Confidential: readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, BUSINESS_MANAGER and FINANCE; null with a FORBIDDEN error at this field for others" })
  @MoneyColumn({ nullable: true })
  creditLimit: string | null;

  @Field(() => Int, { nullable: true, description: "credit terms: days the customer has to pay an invoice (0 to 365); null when not set. Confidential: readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, BUSINESS_MANAGER and FINANCE; null with a FORBIDDEN error at this field for others" })
  @Column({ type: "integer", nullable: true })
  creditTermsDays: number | null;

  @Field(() => RiskGrade, { nullable: true, description: "credit risk grade; null when not graded. Confidential: readable by EXECUTIVE, TERRITORY_HEAD, SALES_MANAGER, BUSINESS_MANAGER and FINANCE; null with a FORBIDDEN error at this field for others" })
  @Column({ type: "varchar", length: 8, nullable: true })
  riskGrade: RiskGrade | null;

  @Field(() => FollowUpState, { description: "the follow-up rule's flag, set by the periodic sweep and cleared by a done activity" })
  @Index()
  @Column({ type: "varchar", length: 8, default: FollowUpState.OK })
  followUpState: FollowUpState;

  @Field(() => Boolean, { description: "true while the account is in its territory's public pool: reclaimed for lack of follow-up, without an owner, read-only to reps and managers until a rep claims it" })
  @Column({ type: "boolean", default: false })
  inPublicPool: boolean;

  @Field(() => Date, { nullable: true, description: "when the latest done activity on the account (or its opportunities) happened (UTC); null if none yet" })
  @DateTimeColumn({ nullable: true })
  lastContactAt: Date | null;

  /** when the current owner got it (created, transferred or claimed): the follow-up clock starts here */
  @DateTimeColumn()
  assignedAt: Date;

  /** set while the current owner holds it by a claim from the public pool */
  @DateTimeColumn({ nullable: true })
  claimedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when it was approved (UTC); null while PENDING" })
  @DateTimeColumn({ nullable: true })
  approvedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "when it was archived (UTC): an archived account and its contacts and activities take no more writes; null while live" })
  @DateTimeColumn({ nullable: true })
  archivedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  @Field(() => Date, { description: "when it was created (UTC)" })
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date, { description: "when it last changed (UTC)" })
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int, { description: "send it back with updateAccount; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;
}
