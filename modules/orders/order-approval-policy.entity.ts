import { Field, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Role } from "../../src/access/roles";
import { DateTimeColumn } from "../../src/db/columns";
import { Decimal } from "../../src/graphql/scalars";
import { RiskGrade } from "../accounts";
import { Ratio } from "../quotes";

/** A territory's order approval policy as stored; a territory without a row uses DEFAULT_ORDER_POLICY (order-approval.ts). */
@Entity("order_approval_policies")
export class OrderApprovalPolicyRow {
  @Column({ type: "integer", primary: true })
  territoryId: number;

  @Column({ type: "varchar", length: 24 })
  standardMaxAmount: string;

  @Column({ type: "varchar", length: 12 })
  minNetRatio: string;

  /** the countersign roles as JSON */
  @Column({ type: "varchar", length: 200 })
  countersign: string;

  /** the risk grades needing prepayment as JSON */
  @Column({ type: "varchar", length: 100 })
  prepaymentRiskGrades: string;

  @DateTimeColumn()
  updatedAt: Date;
}

@ObjectType({ description: "A territory's order approval policy (default: the sales manager alone up to 200,000.00 at a net ratio of 0.45 or more on the STANDARD template, else BUSINESS_MANAGER, TERRITORY_HEAD, EXECUTIVE; HIGH risk prepays); read by those with order access who act in the territory" })
export class OrderApprovalPolicy {
  @Field(() => Decimal, { description: "the largest amount (included) the owner's sales manager approves alone" })
  standardMaxAmount: string;

  @Field(() => Ratio, { description: "the lowest net ratio (included) the owner's sales manager approves alone" })
  minNetRatio: string;

  @Field(() => [Role], { description: "the countersign chain in order (each step by a different person); over the credit limit an EXECUTIVE step ends it when it does not already" })
  countersign: Role[];

  @Field(() => [RiskGrade], { description: "the risk grades whose orders need prepayment before execution" })
  prepaymentRiskGrades: RiskGrade[];

  @Field(() => Boolean, { description: "true while the territory has set no policy of its own and the default applies" })
  isDefault: boolean;

  @Field(() => Date, { nullable: true, description: "when the territory's policy was last set (UTC); null for the default" })
  updatedAt: Date | null;
}
