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
registerEnumType(AccountStatus, { name: "AccountStatus" });
registerEnumType(ApprovalStatus, { name: "ApprovalStatus" });
registerEnumType(Tier, { name: "Tier" });
registerEnumType(RiskGrade, { name: "RiskGrade" });
registerEnumType(FollowUpState, { name: "FollowUpState" });

/** A customer: a company, or a person for retail customers (PRODUCT.md, "Customers"). */
@ObjectType()
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
  @Field(() => ID)
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

  @Field(() => AccountStatus)
  @Index()
  @Column({ type: "varchar", length: 16, default: AccountStatus.PROSPECT })
  status: AccountStatus;

  @Field(() => ApprovalStatus)
  @Column({ type: "varchar", length: 16 })
  approvalStatus: ApprovalStatus;

  @Field(() => Tier)
  @Index()
  @Column({ type: "varchar", length: 16, default: Tier.GENERAL })
  tier: Tier;

  @Field(() => String, { nullable: true })
  @Index()
  @Column({ type: "varchar", length: 80, nullable: true })
  industry: string | null;

  @Field(() => String, { nullable: true })
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

  @Field(() => Decimal, { nullable: true })
  @MoneyColumn({ nullable: true })
  creditLimit: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: "integer", nullable: true })
  creditTermsDays: number | null;

  @Field(() => RiskGrade, { nullable: true })
  @Column({ type: "varchar", length: 8, nullable: true })
  riskGrade: RiskGrade | null;

  @Field(() => FollowUpState)
  @Index()
  @Column({ type: "varchar", length: 8, default: FollowUpState.OK })
  followUpState: FollowUpState;

  @Field(() => Boolean)
  @Column({ type: "boolean", default: false })
  inPublicPool: boolean;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  lastContactAt: Date | null;

  /** when the current owner got it (created, transferred or claimed): the follow-up clock starts here */
  @DateTimeColumn()
  assignedAt: Date;

  /** set while the current owner holds it by a claim from the public pool */
  @DateTimeColumn({ nullable: true })
  claimedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  approvedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @DateTimeColumn({ nullable: true })
  archivedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  createdById: number | null;

  @Field(() => Date)
  @DateTimeColumn()
  createdAt: Date;

  @Field(() => Date)
  @DateTimeColumn()
  updatedAt: Date;

  @Field(() => Int, { description: "send it back with updateAccount; a stale version is a CONFLICT" })
  @Column({ type: "integer", default: 1 })
  version: number;
}
