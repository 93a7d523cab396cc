import { Field, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Role } from "../../src/access/roles";
import { DateTimeColumn } from "../../src/db/columns";
import { Ratio } from "./quote-decimal";
import type { ApprovalStep } from "./quote-approval";

/** A territory's approval chain as stored; a territory without a row uses DEFAULT_POLICY (quote-approval.ts). */
@Entity("quote_approval_policies")
export class QuoteApprovalPolicyRow {
  @Column({ type: "integer", primary: true })
  territoryId: number;

  @Column({ type: "varchar", length: 12 })
  freeRatio: string;

  /** the steps as JSON: [{ minRatio, role }] */
  @Column({ type: "text" })
  steps: string;

  @DateTimeColumn()
  updatedAt: Date;
}

@ObjectType({ description: "A step of a territory's quote approval chain" })
export class QuoteApprovalStep implements ApprovalStep {
  @Field(() => Ratio, { description: "the step takes net ratios at or above this and below the previous step's minRatio (the first: below freeRatio)" })
  minRatio: string;

  @Field(() => Role, { description: "who approves at this step: SALES_MANAGER (the owner's own manager), TERRITORY_HEAD or EXECUTIVE" })
  role: Role;
}

@ObjectType({ description: "A territory's quote approval chain (the default: free at 0.95, the sales manager from 0.50, the territory head from 0.45, an executive below); read by those with quote access who act in the territory" })
export class QuoteApprovalPolicy {
  @Field(() => Ratio, { description: "at or above this net ratio a quote needs no approval" })
  freeRatio: string;

  @Field(() => [QuoteApprovalStep], { description: "from the highest minRatio down; the last starts at 0" })
  steps: QuoteApprovalStep[];

  @Field(() => Boolean, { description: "true while the territory has set no policy of its own and the default applies" })
  isDefault: boolean;

  @Field(() => Date, { nullable: true, description: "when the territory's policy was last set (UTC); null for the default" })
  updatedAt: Date | null;
}
